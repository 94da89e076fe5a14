"""/servers: create, list, show, delete."""
from __future__ import annotations

import re

from oslo_utils import strutils, uuidutils

from minicompute import exception, policy
from minicompute.api import validation
from minicompute.api.openstack import common, wsgi
from minicompute.api.openstack.compute import (
    server_create_params,
    server_list_params,
)
from minicompute.api.openstack.compute.schemas import servers as schema
from minicompute.api.openstack.compute.views import servers as views
from minicompute.compute import api as compute_api

RULE = 'os_compute_api:servers:%s'
PASSWORD_LENGTH = 12


class ServersController:
    def __init__(self, conf):
        self.conf = conf
        self.compute_api = compute_api.API(conf)

    # ----------------------------------------------------------------- list
    def index(self, request):
        return self._list(request, 'index', views.index_list)

    def detail(self, request):
        return self._list(request, 'detail', views.detail_list)

    def _list(self, request, rule, view):
        context = request.context
        policy.authorize(context, RULE % rule)
        search = server_list_params.parse(request)
        limit, marker = common.get_limit_and_marker(
            request, self.conf.api.max_limit)
        if search.matches_nothing:
            instances = []
        elif search.name:
            pattern = self._name_pattern(search.name)
            instances = [i for i in self.compute_api.get_all(
                context, search.filters, sort_keys=search.sort_keys,
                sort_dirs=search.sort_dirs)
                if pattern.search(i.display_name or '')]
            instances = _page(instances, marker, limit)
        else:
            instances = list(self.compute_api.get_all(
                context, search.filters, limit=limit, marker=marker,
                sort_keys=search.sort_keys, sort_dirs=search.sort_dirs))
        body = {'servers': view(request, instances, conf=self.conf)}
        next_links = common.collection_links(request, 'servers',
                                             body['servers'], limit)
        if next_links:
            body['servers_links'] = next_links
        return body

    @staticmethod
    def _name_pattern(name: str):
        try:
            return re.compile(name)
        except re.error:
            return re.compile(re.escape(name))

    # ----------------------------------------------------------------- show
    def _get(self, request, server_id: str):
        return common.get_instance(self.compute_api, request.context,
                                   server_id)

    def show(self, request, id):
        instance = self._get(request, id)
        policy.authorize(request.context, RULE % 'show',
                         {'project_id': instance.project_id})
        return {'server': views.show(request, instance, conf=self.conf)}

    # --------------------------------------------------------------- create
    def create(self, request, body):
        context = request.context
        policy.authorize(context, RULE % 'create')
        validation.validate(body, request.for_version(schema.CREATE))
        params = server_create_params.parse(request, body, self.conf)
        flavor = self._flavor(context, params.flavor_ref)
        try:
            instances, reservation_id = self.compute_api.create(
                context, flavor, params.image_id, params.name,
                networks=params.networks, min_count=params.min_count,
                max_count=params.max_count,
                availability_zone=params.availability_zone,
                scheduler_hints=params.scheduler_hints, **params.options)
        except (exception.FlavorDiskTooSmall,
                exception.FlavorMemoryTooSmall,
                exception.ImageUnacceptable,
                exception.ComputeHostNotFound) as e:
            raise exception.ValidationError(detail=e.format_message())
        server = body['server']
        if strutils.bool_from_string(server.get('return_reservation_id',
                                                False)):
            return wsgi.ResponseObject({'reservation_id': reservation_id},
                                       code=202)
        instance = instances[0]
        result = {'server': {
            'id': instance.uuid,
            'links': common.links(request, 'servers', instance.uuid),
            'OS-DCF:diskConfig': server.get('OS-DCF:diskConfig', 'MANUAL'),
            'adminPass': server.get('adminPass') or _password(),
        }}
        if params.networks != 'none':
            result['server']['security_groups'] = [{'name': 'default'}]
        return wsgi.ResponseObject(result, code=202, headers={
            'Location': result['server']['links'][0]['href']})

    @staticmethod
    def _flavor(context, flavor_id):
        try:
            return common.get_flavor(context, flavor_id)
        except exception.FlavorNotFound:
            raise exception.ValidationError(
                detail='Flavor %s could not be found.' % flavor_id)

    # --------------------------------------------------------------- update
    def update(self, request, id, body):
        validation.validate(body, request.for_version(schema.UPDATE))
        instance = self._get(request, id)
        policy.authorize(request.context, RULE % 'update',
                         {'project_id': instance.project_id})
        server = body['server']
        updates = {}
        if 'name' in server:
            updates['display_name'] = server['name']
        if 'description' in server:
            # 2.19; null removes it.
            updates['display_description'] = server['description']
        if 'accessIPv4' in server:
            updates['access_ip_v4'] = server['accessIPv4']
        if 'accessIPv6' in server:
            updates['access_ip_v6'] = server['accessIPv6']
        instance = self.compute_api.update_instance(request.context,
                                                    instance, updates)
        return {'server': views.update_response(request, instance,
                                                conf=self.conf)}

    # --------------------------------------------------------------- delete
    def delete(self, request, id):
        instance = self._get(request, id)
        policy.authorize(request.context, RULE % 'delete',
                         {'project_id': instance.project_id})
        self.compute_api.delete(request.context, instance)
        return wsgi.ResponseObject(None, code=204)


def _page(items, marker, limit):
    if marker is not None:
        ids = [i.uuid for i in items]
        if marker not in ids:
            raise exception.Invalid(message='marker [%s] not found' % marker)
        items = items[ids.index(marker) + 1:]
    return items[:limit]


def _password() -> str:
    return uuidutils.generate_uuid().replace('-', '')[:PASSWORD_LENGTH]
