"""The Compute API v2.1 routes, declared in one table.

Each row is (path, {HTTP method: (controller name, action)}); a path that
exists but not for the method gets 405 with an ``Allow`` header.
"""
from __future__ import annotations

from minicompute.api import routing
from minicompute.api.openstack import url_project, wsgi
from minicompute.api.openstack.compute import (
    aggregates,
    availability_zone,
    flavor_access,
    flavor_extra_specs,
    flavors,
    hypervisors,
    images,
    instance_actions,
    keypairs,
    limits,
    quota_sets,
    server_actions,
    server_groups,
    server_metadata,
    server_tags,
    server_topology,
    servers,
    simple_tenant_usage,
    versions,
)
from minicompute.api.openstack.compute import services as services_api

ROUTE_LIST = (
    ('/', {'GET': ('versions', 'show')}),
    ('/flavors', {'GET': ('flavors', 'index'),
                  'POST': ('flavors', 'create')}),
    ('/flavors/detail', {'GET': ('flavors', 'detail')}),
    ('/flavors/{id}', {'GET': ('flavors', 'show'),
                       'PUT': ('flavors', 'update'),
                       'DELETE': ('flavors', 'delete')}),
    ('/flavors/{id}/os-flavor-access', {'GET': ('flavor_access', 'index')}),
    ('/flavors/{id}/action', {'POST': ('flavor_access', 'action')}),
    ('/flavors/{flavor_id}/os-extra_specs', {
        'GET': ('flavor_extra_specs', 'index'),
        'POST': ('flavor_extra_specs', 'create')}),
    ('/flavors/{flavor_id}/os-extra_specs/{id}', {
        'GET': ('flavor_extra_specs', 'show'),
        'PUT': ('flavor_extra_specs', 'update'),
        'DELETE': ('flavor_extra_specs', 'delete')}),
    ('/images', {'GET': ('images', 'index')}),
    ('/images/detail', {'GET': ('images', 'detail')}),
    ('/images/{id}', {'GET': ('images', 'show')}),
    ('/limits', {'GET': ('limits', 'index')}),
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
    ('/os-keypairs', {'GET': ('keypairs', 'index'),
                      'POST': ('keypairs', 'create')}),
    ('/os-keypairs/{id}', {'GET': ('keypairs', 'show'),
                           'DELETE': ('keypairs', 'delete')}),
    ('/os-quota-sets/{id}', {'GET': ('quota_sets', 'show'),
                             'PUT': ('quota_sets', 'update'),
                             'DELETE': ('quota_sets', 'delete')}),
    ('/os-quota-sets/{id}/defaults', {'GET': ('quota_sets', 'defaults')}),
    ('/os-quota-sets/{id}/detail', {'GET': ('quota_sets', 'detail')}),
    ('/os-hypervisors/detail', {'GET': ('hypervisors', 'detail')}),
    ('/os-hypervisors/statistics', {'GET': ('hypervisors', 'statistics')}),
    ('/os-hypervisors/{hostname}/search', {'GET': ('hypervisors',
                                                   'search')}),
    ('/os-hypervisors/{hostname}/servers', {'GET': ('hypervisors',
                                                    'servers')}),
    ('/os-hypervisors/{id}', {'GET': ('hypervisors', 'show')}),
    ('/os-hypervisors/{id}/uptime', {'GET': ('hypervisors', 'uptime')}),
    ('/os-services', {'GET': ('services', 'index')}),
    ('/os-services/{id}', {'PUT': ('services', 'update'),
                           'DELETE': ('services', 'delete')}),
    ('/os-simple-tenant-usage', {'GET': ('simple_tenant_usage', 'index')}),
    ('/os-simple-tenant-usage/{id}', {'GET': ('simple_tenant_usage',
                                              'show')}),
    ('/os-server-groups', {'GET': ('server_groups', 'index'),
                           'POST': ('server_groups', 'create')}),
    ('/os-server-groups/{id}', {'GET': ('server_groups', 'show'),
                                'DELETE': ('server_groups', 'delete')}),
    ('/servers', {'GET': ('servers', 'index'),
                  'POST': ('servers', 'create')}),
    ('/servers/detail', {'GET': ('servers', 'detail')}),
    ('/servers/{id}', {'GET': ('servers', 'show'),
                       'PUT': ('servers', 'update'),
                       'DELETE': ('servers', 'delete')}),
    ('/servers/{server_id}/metadata', {
        'GET': ('server_metadata', 'index'),
        'POST': ('server_metadata', 'create'),
        'PUT': ('server_metadata', 'update_all')}),
    ('/servers/{server_id}/metadata/{id}', {
        'GET': ('server_metadata', 'show'),
        'PUT': ('server_metadata', 'update'),
        'DELETE': ('server_metadata', 'delete')}),
    ('/servers/{server_id}/tags', {
        'GET': ('server_tags', 'index'),
        'PUT': ('server_tags', 'update_all'),
        'DELETE': ('server_tags', 'delete_all')}),
    ('/servers/{server_id}/tags/{id}', {
        'GET': ('server_tags', 'show'),
        'PUT': ('server_tags', 'update'),
        'DELETE': ('server_tags', 'delete')}),
    ('/servers/{id}/action', {'POST': ('server_actions', 'action')}),
    ('/servers/{server_id}/os-instance-actions', {
        'GET': ('instance_actions', 'index')}),
    ('/servers/{server_id}/os-instance-actions/{id}', {
        'GET': ('instance_actions', 'show')}),
    ('/servers/{server_id}/topology', {
        'GET': ('server_topology', 'index')}),
)


def _controllers(conf) -> dict:
    return {
        'versions': versions.VersionsController(),
        'flavors': flavors.FlavorsController(conf),
        'flavor_access': flavor_access.FlavorAccessController(conf),
        'flavor_extra_specs':
            flavor_extra_specs.FlavorExtraSpecsController(conf),
        'images': images.ImagesController(conf),
        'hypervisors': hypervisors.HypervisorsController(conf),
        'services': services_api.ServicesController(conf),
        'servers': servers.ServersController(conf),
        'server_groups': server_groups.ServerGroupsController(conf),
        'aggregates': aggregates.AggregatesController(conf),
        'availability_zone':
            availability_zone.AvailabilityZoneController(conf),
        'server_actions': server_actions.ServerActionsController(conf),
        'keypairs': keypairs.KeypairController(conf),
        'quota_sets': quota_sets.QuotaSetsController(conf),
        'limits': limits.LimitsController(conf),
        'instance_actions':
            instance_actions.InstanceActionsController(conf),
        'server_metadata':
            server_metadata.ServerMetadataController(conf),
        'server_tags': server_tags.ServerTagsController(conf),
        'server_topology':
            server_topology.ServerTopologyController(conf),
        'simple_tenant_usage':
            simple_tenant_usage.SimpleTenantUsageController(conf),
    }


class APIRouter(routing.TableRouter):
    """A WSGI app routing ``/v2.1/...`` requests to controllers.

    As in Nova, every route may also be reached with the project id as
    its first segment (``/v2.1/{project_id}/servers``), which is how
    catalogs written for older clients lay the endpoint out; microversion
    2.18 made the segment optional, and it stays accepted at every
    version.
    """

    def __init__(self, conf):
        resources = {name: wsgi.Resource(controller)
                     for name, controller in _controllers(conf).items()}
        super().__init__([
            (path, {method: (resources[name], action)
                    for method, (name, action) in methods.items()})
            for path, methods in ROUTE_LIST])

    def __call__(self, environ, start_response):
        fault = url_project.strip(environ, ROUTE_HEADS)
        if fault is not None:
            return fault(environ, start_response)
        return super().__call__(environ, start_response)


# The first path segment of every route: anything else there is a project.
ROUTE_HEADS = frozenset(path.split('/')[1] for path, _ in ROUTE_LIST)
