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
    aggregates,
    availability_zone,
    flavors,
    hypervisors,
    images,
    server_actions,
    server_groups,
    servers,
    versions,
)
from minicompute.api.openstack.compute import services as services_api

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
    ('/os-aggregates', {'GET': ('aggregates', 'index'),
                        'POST': ('aggregates', 'create')}),
    ('/os-aggregates/{id}', {'GET': ('aggregates', 'show'),
                             'PUT': ('aggregates', 'update'),
                             'DELETE': ('aggregates', 'delete')}),
    ('/os-aggregates/{id}/action', {'POST': ('aggregates', 'action')}),
    ('/os-availability-zone', {'GET': ('availability_zone', 'index')}),
    ('/os-availability-zone/detail', {'GET': ('availability_zone',
                                              'detail')}),
    ('/os-hypervisors', {'GET': ('hypervisors', 'index')}),
    ('/os-hypervisors/detail', {'GET': ('hypervisors', 'detail')}),
    ('/os-hypervisors/statistics', {'GET': ('hypervisors', 'statistics')}),
    ('/os-hypervisors/{hostname}/search', {'GET': ('hypervisors',
                                                   'search')}),
    ('/os-hypervisors/{hostname}/servers', {'GET': ('hypervisors',
                                                    'servers')}),
    ('/os-hypervisors/{id}', {'GET': ('hypervisors', 'show')}),
    ('/os-services', {'GET': ('services', 'index')}),
    ('/os-services/{id}', {'PUT': ('services', 'update'),
                           'DELETE': ('services', 'delete')}),
    ('/os-server-groups', {'GET': ('server_groups', 'index'),
                           'POST': ('server_groups', 'create')}),
    ('/os-server-groups/{id}', {'GET': ('server_groups', 'show'),
                                'DELETE': ('server_groups', 'delete')}),
    ('/servers', {'GET': ('servers', 'index'),
                  'POST': ('servers', 'create')}),
    ('/servers/detail', {'GET': ('servers', 'detail')}),
    ('/servers/{id}', {'GET': ('servers', 'show'),
                       'DELETE': ('servers', 'delete')}),
    ('/servers/{id}/action', {'POST': ('server_actions', 'action')}),
)


def _controllers(conf) -> dict:
    return {
        'versions': versions.VersionsController(),
        'flavors': flavors.FlavorsController(conf),
        'images': images.ImagesController(conf),
        'hypervisors': hypervisors.HypervisorsController(conf),
        'services': services_api.ServicesController(conf),
        'servers': servers.ServersController(conf),
        'server_groups': server_groups.ServerGroupsController(conf),
        'aggregates': aggregates.AggregatesController(conf),
        'availability_zone':
            availability_zone.AvailabilityZoneController(conf),
        'server_actions': server_actions.ServerActionsController(conf),
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
