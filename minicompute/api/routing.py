"""Routing from a declarative table, shared by the Compute and image APIs.

A table row is ``(path, {HTTP method: (resource, action)})``; a path that
exists but not for the method answers 405 with an ``Allow`` header, an
unknown path 404, both in Nova's fault format.
"""
from __future__ import annotations

import routes
import routes.middleware
import webob.dec

from minicompute.api.openstack import wsgi


class MethodNotAllowed:
    def __init__(self, allowed):
        self.allowed = ', '.join(sorted(allowed))

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, request):
        return wsgi.fault_response(405, 'The method %s is not allowed for '
                                   'this resource.' % request.method,
                                   headers={'Allow': self.allowed})


class TableRouter:
    """A WSGI app dispatching to the resources named by a route table."""

    def __init__(self, table, trailing_slash: bool = True):
        mapper = routes.Mapper()
        for path, methods in table:
            for method, (resource, action) in methods.items():
                paths = [path]
                if trailing_slash and path != '/':
                    paths.append(path + '/')
                for each in paths:
                    mapper.connect(each, controller=resource, action=action,
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
