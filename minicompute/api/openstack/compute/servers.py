"""/servers: create, list, show, delete."""
from __future__ import annotations

import re

from oslo_utils import strutils, uuidutils

from minicompute import exception, policy
from minicompute.api import validation
from minicompute.api.openstack import common, wsgi
from minicompute.api.openstack.compute import server_list_params
from minicompute.api.openstack.compute.schemas import servers as schema
from minicompute.api.openstack.compute.views import servers as views
from minicompute.compute import api as compute_api

RULE = 'os_compute_api:servers:%s'
PASSWORD_LENGTH = 12


def _ref_id(ref) -> str:
    """An id, or the last path segment of a bookmark/self URL."""
    return str(ref).rstrip('/').rsplit('/', 1)[-1]


class ServersController:
    def __init__(self, conf):
        self.conf = conf
        self.compute_api = compute_api.API(conf)

    # ----------------------------------------------------------------- list
    def index(self, request):
        return self._list(request, 'index', views.basic)

    def detail(self, request):
        return self._list(request, 'detail', views.detail)

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
        body = {'servers': [view(request, i) for i in instances]}
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
        return {'server': views.detail(request, instance)}

    # --------------------------------------------------------------- create
    def create(self, request, body):
        context = request.context
        policy.authorize(context, RULE % 'create')
        validation.validate(body, schema.create)
        server = body['server']
        min_count = int(server.get('min_count', 1))
        max_count = int(server.get('max_count', min_count))
        if min_count > max_count:
            raise exception.ValidationError(
                detail="min_count must be <= max_count")
        flavor = self._flavor(context, server['flavorRef'])
        networks = self._networks(server.get('networks'))
        self._check_security_groups(server.get('security_groups'))
        availability_zone = server.get('availability_zone')
        if availability_zone and ':' in availability_zone:
            policy.authorize(context, RULE % 'create:forced_host')
        hints = (body.get('os:scheduler_hints') or
                 body.get('OS-SCH-HNT:scheduler_hints') or {})
        try:
            instances, reservation_id = self.compute_api.create(
                context, flavor, self._image_id(server),
                server['name'].strip(), networks=networks,
                metadata=server.get('metadata', {}),
                min_count=min_count, max_count=max_count,
                availability_zone=availability_zone, scheduler_hints=hints,
                key_name=server.get('key_name'))
        except (exception.FlavorDiskTooSmall,
                exception.FlavorMemoryTooSmall,
                exception.ImageUnacceptable) as e:
            raise exception.ValidationError(detail=e.format_message())
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
        if networks != 'none':
            result['server']['security_groups'] = [{'name': 'default'}]
        return wsgi.ResponseObject(result, code=202, headers={
            'Location': result['server']['links'][0]['href']})

    @staticmethod
    def _flavor(context, flavor_ref):
        try:
            return common.get_flavor(context, _ref_id(flavor_ref))
        except exception.FlavorNotFound:
            raise exception.ValidationError(
                detail='Flavor %s could not be found.' % flavor_ref)

    @staticmethod
    def _image_id(server) -> str:
        """The boot image: imageRef, or the image -> local boot device of a
        block_device_mapping_v2 (what clients send to boot from an image).
        There is no volume service, so volume mappings are refused."""
        boot_image = None
        for bdm in server.get('block_device_mapping_v2') or []:
            if bdm.get('source_type') != 'image' or \
                    bdm.get('destination_type', 'local') != 'local':
                raise exception.ValidationError(
                    detail='Block Device Mapping is Invalid: only image to '
                           'local boot devices are supported (there is no '
                           'volume service).')
            if str(bdm.get('boot_index')) == '0':
                boot_image = bdm.get('uuid')
        image_ref = server.get('imageRef') or boot_image
        if not image_ref:
            raise exception.ValidationError(
                detail='Missing imageRef attribute')
        if boot_image and _ref_id(image_ref) != boot_image:
            raise exception.ValidationError(
                detail='Block Device Mapping is Invalid: the boot image '
                       'differs from imageRef.')
        return _ref_id(image_ref)

    @staticmethod
    def _networks(requested):
        """'none' or 'auto'; there is no Neutron, so no named networks."""
        if requested is None or requested == []:
            return 'auto'
        if isinstance(requested, str):
            return requested
        for network in requested:
            ident = network.get('uuid') or network.get('port') or ''
            raise exception.ValidationError(
                detail='Network %s could not be found.' % ident)
        return 'auto'

    @staticmethod
    def _check_security_groups(groups) -> None:
        for group in groups or []:
            if group.get('name') != 'default':
                raise exception.ValidationError(
                    detail='Security group %s not found.' %
                    group.get('name'))

    # --------------------------------------------------------------- update
    def update(self, request, id, body):
        validation.validate(body, schema.update)
        instance = self._get(request, id)
        policy.authorize(request.context, RULE % 'update',
                         {'project_id': instance.project_id})
        server = body['server']
        updates = {}
        if 'name' in server:
            updates['display_name'] = server['name']
        if 'accessIPv4' in server:
            updates['access_ip_v4'] = server['accessIPv4']
        if 'accessIPv6' in server:
            updates['access_ip_v6'] = server['accessIPv6']
        instance = self.compute_api.update_instance(request.context,
                                                    instance, updates)
        return {'server': views.detail(request, instance)}

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
            raise exception.Invalid(reason='marker [%s] not found' % marker)
        items = items[ids.index(marker) + 1:]
    return items[:limit]


def _password() -> str:
    return uuidutils.generate_uuid().replace('-', '')[:PASSWORD_LENGTH]
