"""Server bodies as Nova's API reference gives them, microversion by
microversion (2.1 to 2.79).

GET /servers/{id} and GET /servers/detail show the full body. PUT
/servers/{id} and the rebuild action show a reduced one below 2.75 (no
zone, config drive, usage, security groups, extended attributes, states,
volumes or host status) and the full one from 2.75. What is not on the
instance row (tags, host status, server groups, policy answers) is loaded
once per response into ``Extras``, so a list costs the same few queries
whatever its length.

Usage::

    views.show(request, instance, conf=conf)          # GET /servers/{id}
    views.detail_list(request, instances, conf=conf)  # GET /servers/detail
    views.update_response(request, instance, conf=conf)
    views.rebuild_response(request, instance, admin_pass='...', conf=conf)
"""
from __future__ import annotations

import dataclasses
import datetime
import hashlib

from minicompute import exception, policy, utils
from minicompute.api.openstack import common
from minicompute.api.openstack.compute import host_status as host_status_mod
from minicompute.db import groups_api, tags_api

EXTENDED_ATTRIBUTES = 'os_compute_api:os-extended-server-attributes'
HOST_STATUS = 'os_compute_api:servers:show:host_status'
FLAVOR_EXTRA_SPECS = 'os_compute_api:os-flavor-extra-specs:index'

# Statuses that show ``progress`` and ``fault``, as in Nova.
_PROGRESS_STATUSES = ('ACTIVE', 'BUILD', 'REBUILD', 'RESIZE',
                      'VERIFY_RESIZE', 'MIGRATING')
_FAULT_STATUSES = ('ERROR', 'DELETED')

# OS-SRV-USG times are naive datetimes serialized with microseconds and
# no zone, unlike ``created``/``updated``.
_USAGE_TIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'


@dataclasses.dataclass
class Extras:
    """What the bodies of one response show beside the instance rows.

    ``None`` for a mapping means the body leaves that key out.
    """
    extended: bool = False
    extra_specs: bool = False
    host_statuses: dict | None = None
    tags: dict | None = None
    server_groups: dict | None = None


def _conf(conf):
    """The caller's conf; callers that have none get the API's global."""
    if conf is None:
        from minicompute.conf import CONF as conf
    return conf


def _target(instance) -> dict:
    return {'project_id': instance.project_id}


def load_extras(request, instances, *, target: dict | None = None,
                extended: bool = True, host_status: bool = True,
                server_groups: bool = False, conf=None) -> Extras:
    """Ask policy once and load the extra data of ``instances`` in bulk.

    ``target`` is the policy target (the caller's project by default);
    ``extended``/``host_status`` say whether the body may show them at all
    (the reduced PUT and rebuild bodies do not).
    """
    context = request.context
    extras = Extras()
    if extended:
        extras.extended = policy.authorize(context, EXTENDED_ATTRIBUTES,
                                           target, fatal=False)
    if request.is_at_least('2.47'):
        extras.extra_specs = policy.authorize(context, FLAVOR_EXTRA_SPECS,
                                              fatal=False)
    if host_status and request.is_at_least('2.16') and policy.authorize(
            context, HOST_STATUS, target, fatal=False):
        extras.host_statuses = host_status_mod.for_instances(
            context, instances, _conf(conf).service_down_time)
    if request.is_at_least('2.26'):
        extras.tags = tags_api.tags_get_by_instances(
            [instance.uuid for instance in instances])
    if server_groups:
        extras.server_groups = {instance.uuid: _group_uuids(instance.uuid)
                                for instance in instances}
    return extras


def _group_uuids(instance_uuid: str) -> list[str]:
    try:
        return [groups_api.group_get_by_instance(instance_uuid)['uuid']]
    except exception.InstanceGroupNotFound:
        return []


# ------------------------------------------------------------ public views
def host_id(instance) -> str:
    """Nova's opaque per-project host id: sha224(project + host)."""
    if not instance.host:
        return ''
    data = (instance.project_id or '') + instance.host
    return hashlib.sha224(data.encode()).hexdigest()


def basic(request, instance) -> dict:
    """The body GET /servers lists."""
    return {'id': instance.uuid, 'name': instance.display_name,
            'links': common.links(request, 'servers', instance.uuid)}


def index_list(request, instances, conf=None) -> list[dict]:
    """GET /servers (``conf`` is accepted as ``detail_list`` takes it)."""
    return [basic(request, instance) for instance in instances]


def detail(request, instance, extras: Extras | None = None,
           conf=None) -> dict:
    """The full body GET /servers/detail shows for one server."""
    if extras is None:
        extras = load_extras(request, [instance], target=_target(instance),
                             conf=conf)
    return _body(request, instance, extras, full=True)


def detail_list(request, instances, conf=None) -> list[dict]:
    """GET /servers/detail: the extras of the whole page in bulk."""
    instances = list(instances)
    extras = load_extras(request, instances, conf=conf)
    return [_body(request, instance, extras, full=True)
            for instance in instances]


def show(request, instance, conf=None) -> dict:
    """GET /servers/{id}: the full body, and ``server_groups`` from 2.71."""
    extras = load_extras(request, [instance], target=_target(instance),
                         server_groups=request.is_at_least('2.71'),
                         conf=conf)
    return _body(request, instance, extras, full=True)


def update_response(request, instance, conf=None) -> dict:
    """PUT /servers/{id}: reduced below 2.75, as GET from 2.75."""
    full = request.is_at_least('2.75')
    extras = load_extras(request, [instance], target=_target(instance),
                         extended=full, host_status=full,
                         server_groups=request.is_at_least('2.71'),
                         conf=conf)
    return _body(request, instance, extras, full=full)


def rebuild_response(request, instance, admin_pass: str | None = None,
                     conf=None) -> dict:
    """The rebuild action's server: reduced below 2.75, as GET from 2.75,
    with ``key_name`` from 2.54, top-level ``user_data`` from 2.57 (never
    the OS-EXT-SRV-ATTR one) and ``adminPass`` when one is given."""
    full = request.is_at_least('2.75')
    extras = load_extras(request, [instance], target=_target(instance),
                         extended=full, host_status=full,
                         server_groups=request.is_at_least('2.71'),
                         conf=conf)
    body = _body(request, instance, extras, full=full,
                 key_name=full or request.is_at_least('2.54'),
                 extended_user_data=False)
    if request.is_at_least('2.57'):
        body['user_data'] = _field(instance, 'user_data')
    if admin_pass is not None:
        body['adminPass'] = admin_pass
    return body


# ------------------------------------------------------------ the body
def _field(obj, name, default=None):
    """A field the object may not carry (an older row, a partial one)."""
    return getattr(obj, name) if obj.obj_attr_is_set(name) else default


def _body(request, instance, extras: Extras, full: bool,
          key_name: bool | None = None,
          extended_user_data: bool = True) -> dict:
    status = common.status_from_state(instance.vm_state,
                                      instance.task_state)
    body = basic(request, instance)
    body.update({
        'status': status,
        'tenant_id': instance.project_id or '',
        'user_id': instance.user_id or '',
        'metadata': dict(instance.metadata or {}),
        'hostId': host_id(instance),
        'image': _image(request, instance),
        'flavor': _flavor(request, instance, extras.extra_specs),
        'created': utils.isotime(instance.created_at),
        'updated': utils.isotime(instance.updated_at or instance.created_at),
        'addresses': {},
        'accessIPv4': instance.access_ip_v4 or '',
        'accessIPv6': instance.access_ip_v6 or '',
        'OS-DCF:diskConfig': 'MANUAL',
    })
    if status in _FAULT_STATUSES and _field(instance, 'fault') is not None:
        body['fault'] = _fault(request, instance.fault)
    if status in _PROGRESS_STATUSES:
        body['progress'] = instance.progress or 0
    if full:
        _add_full_only(request, instance, extras, body, extended_user_data)
    if key_name is None:
        key_name = full
    if key_name:
        body['key_name'] = instance.key_name
    _add_microversion_fields(request, instance, extras, body)
    return body


def _add_full_only(request, instance, extras, body,
                   extended_user_data: bool) -> None:
    """What GET shows and PUT/rebuild leave out below 2.75."""
    body.update({
        'OS-EXT-AZ:availability_zone': instance.availability_zone or 'nova',
        'config_drive': instance.config_drive or '',
        'OS-SRV-USG:launched_at': _usage_time(instance.launched_at),
        'OS-SRV-USG:terminated_at': _usage_time(instance.terminated_at),
        'OS-EXT-STS:task_state': instance.task_state,
        'OS-EXT-STS:vm_state': instance.vm_state,
        'OS-EXT-STS:power_state': instance.power_state,
        # No volume service: never any attachment (each would carry
        # delete_on_termination from 2.3).
        'os-extended-volumes:volumes_attached': [],
    })
    if instance.networks != 'none':
        body['security_groups'] = [{'name': 'default'}]
    if extras.extended:
        body.update(_extended_attributes(request, instance,
                                         extended_user_data))
    if extras.host_statuses is not None:
        body['host_status'] = extras.host_statuses.get(
            instance.uuid, host_status_mod.NONE)


def _extended_attributes(request, instance, user_data: bool) -> dict:
    """OS-EXT-SRV-ATTR: host, node and name; the rest from 2.3."""
    attrs = {
        'OS-EXT-SRV-ATTR:host': instance.host,
        'OS-EXT-SRV-ATTR:hypervisor_hostname': instance.node,
        'OS-EXT-SRV-ATTR:instance_name': (
            instance.name if instance.obj_attr_is_set('id') else ''),
    }
    if request.is_at_least('2.3'):
        attrs.update({
            'OS-EXT-SRV-ATTR:reservation_id': _field(instance,
                                                     'reservation_id'),
            'OS-EXT-SRV-ATTR:launch_index': _field(instance, 'launch_index'),
            'OS-EXT-SRV-ATTR:hostname': _field(instance, 'hostname'),
            # Nova stores "" when the image names no kernel or ramdisk.
            'OS-EXT-SRV-ATTR:kernel_id': _field(instance, 'kernel_id') or '',
            'OS-EXT-SRV-ATTR:ramdisk_id': (_field(instance, 'ramdisk_id') or
                                           ''),
            'OS-EXT-SRV-ATTR:root_device_name': _field(instance,
                                                       'root_device_name'),
        })
        if user_data:
            attrs['OS-EXT-SRV-ATTR:user_data'] = _field(instance,
                                                        'user_data')
    return attrs


def _add_microversion_fields(request, instance, extras, body) -> None:
    """The fields later microversions add to every server body."""
    locked = bool(_field(instance, 'locked'))
    if request.is_at_least('2.9'):
        body['locked'] = locked
    if request.is_at_least('2.19'):
        body['description'] = _field(instance, 'display_description')
    if extras.tags is not None:
        body['tags'] = list(extras.tags.get(instance.uuid, []))
    if request.is_at_least('2.63'):
        body['trusted_image_certificates'] = (
            list(_field(instance, 'trusted_certs') or []) or None)
    if extras.server_groups is not None:
        body['server_groups'] = list(
            extras.server_groups.get(instance.uuid, []))
    if request.is_at_least('2.73'):
        body['locked_reason'] = (_field(instance, 'locked_reason')
                                 if locked else None)


def _image(request, instance):
    """The image id and bookmark; "" for a server booted without one."""
    if not instance.image_ref:
        return ''
    return {'id': instance.image_ref,
            'links': [common.links(request, 'images',
                                   instance.image_ref)[1]]}


def _flavor(request, instance, extra_specs: bool) -> dict:
    """The flavor's id and bookmark; from 2.47 the flavor itself, as the
    server was built with it."""
    flavor = instance.flavor
    if flavor is None:
        return {}
    if request.is_at_least('2.47'):
        body = {'original_name': flavor.name, 'vcpus': flavor.vcpus,
                'ram': flavor.memory_mb, 'disk': flavor.root_gb,
                'ephemeral': _field(flavor, 'ephemeral_gb', 0) or 0,
                'swap': int(_field(flavor, 'swap', 0) or 0)}
        if extra_specs:
            body['extra_specs'] = dict(_field(flavor, 'extra_specs') or {})
        return body
    return {'id': flavor.flavorid,
            'links': [common.links(request, 'flavors', flavor.flavorid)[1]]}


def _fault(request, fault) -> dict:
    body = {'code': fault.code, 'message': fault.message,
            'created': utils.isotime(fault.created_at)}
    # Nova hides the details (a traceback) of a 500 from non-admins.
    if fault.details and (request.context.is_admin or fault.code != 500):
        body['details'] = fault.details
    return body


def _usage_time(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc)
    return value.replace(tzinfo=None).strftime(_USAGE_TIME_FORMAT)
