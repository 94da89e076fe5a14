"""The query string of GET /servers and /servers/detail at 2.1: filters,
sorting and who may use which, turned into instance_get_all_by_filters
arguments.

As in Nova at 2.1, unknown parameters are ignored, and the admin-only
filters (host, node, project_id, deleted) are ignored for other users.
"""
from __future__ import annotations

import dataclasses

from oslo_utils import strutils, timeutils

from minicompute import exception, objects, policy
from minicompute.api.openstack import common

RULE = 'os_compute_api:servers:%s'

# Nova's sort keys that are instance columns here.
SORT_KEYS = (
    'access_ip_v4', 'access_ip_v6', 'availability_zone', 'config_drive',
    'created_at', 'display_description', 'display_name', 'host',
    'image_ref', 'instance_type_id', 'key_name', 'launch_index',
    'launched_at', 'node', 'power_state', 'progress', 'project_id',
    'root_gb', 'task_state', 'terminated_at', 'updated_at', 'user_id',
    'uuid', 'vm_state')
# Nova accepts these and ignores them (its ignore list, and its keys for
# columns minicompute does not have).
IGNORED_SORT_KEYS = (
    'architecture', 'cell_name', 'cleaned', 'default_ephemeral_device',
    'default_swap_device', 'deleted', 'deleted_at', 'disable_terminate',
    'ephemeral_gb', 'ephemeral_key_uuid', 'id', 'key_data', 'launched_on',
    'locked', 'memory_mb', 'os_type', 'reservation_id', 'shutdown_terminate',
    'user_data', 'vcpus', 'vm_mode', 'auto_disk_config', 'hostname',
    'kernel_id', 'locked_by', 'ramdisk_id', 'root_device_name')
ADMIN_SORT_KEYS = ('host', 'node')
SORT_DIRS = ('asc', 'desc')


@dataclasses.dataclass
class ListParams:
    filters: dict
    sort_keys: list
    sort_dirs: list
    name: str | None = None
    # No server has a fixed IP here, so an ``ip`` filter matches nothing.
    matches_nothing: bool = False


def _bad(name: str, value, reason: str):
    return exception.ValidationError(
        detail='Invalid input for query parameters %s. Value: %s. %s' % (
            name, value, reason))


def _sort_params(context, params) -> tuple[list, list]:
    keys = params.getall('sort_key')
    dirs = params.getall('sort_dir')
    for value in dirs:
        if value not in SORT_DIRS:
            raise _bad('sort_dir', value, "'%s' is not one of %s" % (
                value, list(SORT_DIRS)))
    if len(dirs) > len(keys):
        raise exception.ValidationError(
            detail='Sort direction size exceeds sort key size')
    kept_keys, kept_dirs = [], []
    for index, key in enumerate(keys):
        if key in IGNORED_SORT_KEYS:
            continue
        if key not in SORT_KEYS:
            raise _bad('sort_key', key, "'%s' is not one of the valid "
                       "sort keys" % key)
        if key in ADMIN_SORT_KEYS and not context.is_admin:
            raise exception.Forbidden(
                message='Only administrators can sort servers by %s' % key)
        kept_keys.append(key)
        if index < len(dirs):
            kept_dirs.append(dirs[index])
    return kept_keys, kept_dirs


def _all_tenants(params) -> bool:
    if 'all_tenants' not in params:
        return False
    value = params['all_tenants']
    return value == '' or strutils.bool_from_string(value)


def _changes_since(params):
    value = params['changes-since']
    try:
        parsed = timeutils.parse_isotime(value)
    except ValueError:
        raise _bad('changes-since', value,
                   "'%s' is not a 'date-time'" % value)
    return timeutils.normalize_time(parsed)


def _flavor_filter(context, flavor_ref: str):
    """The flavor's row id, or None when there is no such flavor."""
    flavor_id = str(flavor_ref).rstrip('/').rsplit('/', 1)[-1]
    try:
        return objects.Flavor.get_by_flavor_id(context, flavor_id).id
    except exception.FlavorNotFound:
        return None


def parse(request) -> ListParams:
    context = request.context
    params = request.GET
    filters: dict = {}
    result = ListParams(filters, *_sort_params(context, params))
    if _all_tenants(params):
        policy.authorize(context, RULE % 'index:get_all_tenants')
        for key in ('project_id', 'tenant_id'):
            if params.get(key):
                filters['project_id'] = params[key]
    else:
        filters['project_id'] = context.project_id
    if context.is_admin:
        for key in ('host', 'node'):
            if params.get(key):
                filters[key] = params[key]
        if 'deleted' in params:
            filters['deleted'] = strutils.bool_from_string(
                params['deleted'], default=False)
    if params.get('status'):
        filters['vm_state'] = common.vm_states_from_status(params['status'])
    if params.get('reservation_id'):
        filters['reservation_id'] = params['reservation_id']
    if params.get('image'):
        filters['image_ref'] = params['image'].rstrip('/').rsplit('/', 1)[-1]
    if params.get('flavor'):
        filters['instance_type_id'] = _flavor_filter(context,
                                                     params['flavor'])
        result.matches_nothing |= filters['instance_type_id'] is None
    if 'changes-since' in params:
        filters['changes-since'] = _changes_since(params)
    if params.get('ip'):
        result.matches_nothing = True
    result.name = params.get('name') or None
    return result
