"""The optional ``{project_id}`` segment of Compute API URLs.

Nova serves every resource both as ``/v2.1/servers`` and as
``/v2.1/{project_id}/servers`` (the form older catalogs use), and refuses
a URL whose project is not the caller's. The segment is taken off the
path here and remembered, so that links in responses keep the form the
client used.
"""
from __future__ import annotations

from minicompute.api.openstack import wsgi

ENVIRON_KEY = 'minicompute.url_project_id'


def strip(environ: dict, route_heads) -> object | None:
    """Take a leading project id off PATH_INFO; a fault app on mismatch."""
    path = environ.get('PATH_INFO', '')
    head, _, rest = path.lstrip('/').partition('/')
    if not head or head in route_heads or \
            (rest and rest.split('/', 1)[0] not in route_heads):
        # Not a project segment in front of a route: the router decides.
        return None
    context = environ.get('minicompute.context')
    project_id = getattr(context, 'project_id', None)
    if project_id is not None and head != project_id:
        return wsgi.fault_response(
            400, "Malformed request URL: URL's project_id '%s' doesn't "
                 "match Context's project_id '%s'" % (head, project_id))
    environ[ENVIRON_KEY] = head
    environ['PATH_INFO'] = '/' + rest
    return None


def prefix(request) -> str:
    """``/{project_id}`` when the request URL carried it, else ''."""
    project_id = request.environ.get(ENVIRON_KEY)
    return '/' + project_id if project_id else ''
