"""The Compute API v2.1 routes, declared in one table.

Each row is (path, {HTTP method: (controller name, action)}); a path that
exists but not for the method gets 405 with an ``Allow`` header.
"""
from __future__ import annotations

from minicompute.api import routing
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


class APIRouter(routing.TableRouter):
    """A WSGI app routing ``/v2.1/...`` requests to controllers."""

    def __init__(self, conf):
        resources = {name: wsgi.Resource(controller)
                     for name, controller in _controllers(conf).items()}
        super().__init__([
            (path, {method: (resources[name], action)
                    for method, (name, action) in methods.items()})
            for path, methods in ROUTE_LIST])
