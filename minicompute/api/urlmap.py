"""Dispatches by path prefix (``/``, ``/v2.1``) to the apps of the paste
composite, longest prefix first."""
import webob.dec

from minicompute.api.openstack import wsgi


class URLMap:
    def __init__(self, apps: dict):
        self.apps = sorted(((prefix.rstrip('/'), app)
                            for prefix, app in apps.items()),
                           key=lambda item: len(item[0]), reverse=True)

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, request):
        path = request.path_info
        for prefix, app in self.apps:
            if prefix == '' or path == prefix or \
                    path.startswith(prefix + '/'):
                request.script_name += prefix
                request.path_info = path[len(prefix):] or '/'
                return app
        return wsgi.fault_response(404, 'The resource could not be found.')


def urlmap_factory(loader, global_conf, **local_conf):
    apps = {}
    for prefix, app_name in local_conf.items():
        if prefix.startswith('/'):
            apps[prefix] = loader.get_app(app_name, global_conf=global_conf)
    return URLMap(apps)
