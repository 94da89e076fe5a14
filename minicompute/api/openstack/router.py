"""The Compute API v2.1 routes, declared in one table.

Each row is (path, {HTTP method: (controller name, action)}); a path that
exists but not for the method gets 405 with an ``Allow`` header.
"""
from __future__ import annotations

import routes
import routes.middleware
import webob.dec

from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute import (
    flavors,
    images,
    servers,
    versions,
)

ROUTE_LIST = (
    ('/', {'GET': ('versions', 'show')}),
    ('/flavors', {'GET': ('flavors', 'index'),
                  'POST': ('flavors', 'create')}),
    ('/flavors/detail', {'GET': ('flavors', 'detail')}),
    ('/flavors/{id}', {'GET': ('flavors', 'show'),
                       'DELETE': ('flavors', 'delete')}),
    ('/images', {'GET': ('images', 'index')}),
    ('/images/detail', {'GET': ('images', 'detail')}),
    ('/images/{id}', {'GET': ('images', 'show')}),
    ('/servers', {'GET': ('servers', 'index'),
                  'POST': ('servers', 'create')}),
    ('/servers/detail', {'GET': ('servers', 'detail')}),
    ('/servers/{id}', {'GET': ('servers', 'show'),
                       'DELETE': ('servers', 'delete')}),
)


def _controllers(conf) -> dict:
    return {
        'versions': versions.VersionsController(),
        'flavors': flavors.FlavorsController(conf),
        'images': images.ImagesController(conf),
        'servers': servers.ServersController(conf),
    }


class MethodNotAllowed:
    def __init__(self, allowed):
        self.allowed = ', '.join(sorted(allowed))

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, request):
        return wsgi.fault_response(405, 'The method %s is not allowed for '
                                   'this resource.' % request.method,
                                   headers={'Allow': self.allowed})


class APIRouter:
    """A WSGI app routing ``/v2.1/...`` requests to controllers."""

    def __init__(self, conf):
        controllers = {name: wsgi.Resource(controller)
                       for name, controller in _controllers(conf).items()}
        mapper = routes.Mapper()
        for path, methods in ROUTE_LIST:
            for method, (name, action) in methods.items():
                mapper.connect(path, controller=controllers[name],
                               action=action,
                               conditions={'method': [method]})
                if path != '/':
                    mapper.connect(path + '/', controller=controllers[name],
                                   action=action,
                                   conditions={'method': [method]})
            mapper.connect(path, controller=MethodNotAllowed(methods),
                           action='none')
        self._router = routes.middleware.RoutesMiddleware(self._dispatch,
                                                          mapper)

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, request):
        return self._router

    @staticmethod
    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def _dispatch(request):
        match = request.environ['wsgiorg.routing_args'][1]
        if not match:
            return wsgi.fault_response(404, 'The resource could not be '
                                       'found.')
        return match['controller']
