"""Authentication middleware and the pipeline chooser.

``keystone``: keystonemiddleware's auth_token validates the token and
``KeystoneContext`` turns its headers into a RequestContext. ``noauth2``
(development and tests): ``X-Auth-Token: user:project``; the user ``admin``
gets the admin role.
"""
from __future__ import annotations

from oslo_log import log as logging
import webob.dec

from minicompute import context as mc_context
from minicompute.api.openstack import wsgi

LOG = logging.getLogger(__name__)
CONTEXT_KEY = 'minicompute.context'


def _request_id(request):
    return request.environ.get('openstack.request_id')


class NoAuthMiddleware:
    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, request):
        token = request.headers.get('X-Auth-Token', '').strip()
        if not token:
            return wsgi.fault_response(401, 'Authentication required')
        user_id, _sep, project_id = token.partition(':')
        project_id = project_id or user_id
        roles = ['admin', 'member', 'reader'] if user_id == 'admin' \
            else ['member', 'reader']
        request.environ[CONTEXT_KEY] = mc_context.RequestContext(
            user_id=user_id, project_id=project_id, roles=roles,
            request_id=_request_id(request))
        return self.application


class KeystoneContext:
    """Builds the RequestContext from auth_token's identity headers."""

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, request):
        if request.headers.get('X-Identity-Status', 'Confirmed') != \
                'Confirmed':
            return wsgi.fault_response(401, 'Authentication required')
        ctx = mc_context.RequestContext.from_environ(
            request.environ, request_id=_request_id(request))
        if not ctx.is_admin:
            ctx.is_admin = 'admin' in [r.lower() for r in ctx.roles]
        request.environ[CONTEXT_KEY] = ctx
        return self.application


class SizeLimit:
    """Refuses bodies over ``[api] max_request_body_size`` with 413."""

    def __init__(self, application, max_size: int):
        self.application = application
        self.max_size = max_size

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, request):
        length = request.content_length
        if length is not None and length > self.max_size:
            return wsgi.fault_response(413, 'Request is too large.')
        if length is None and request.is_body_readable:
            body = request.body_file.read(self.max_size + 1)
            if len(body) > self.max_size:
                return wsgi.fault_response(413, 'Request is too large.')
            request.body = body
        return self.application


class FaultWrapper:
    """The last line of defence: any uncaught error becomes a JSON 500
    without a traceback."""

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, request):
        try:
            return request.get_response(self.application)
        except Exception:
            LOG.exception('Unhandled API error')
            return wsgi.fault_response(
                500, 'Unexpected API Error. Please report this at your '
                     'operator.')
