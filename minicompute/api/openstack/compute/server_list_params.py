"""The query string of GET /servers and /servers/detail, microversion by
microversion, turned into instance_get_all_by_filters arguments.

As in Nova, the query is first checked against the version's schema
(schemas/server_list_query.py: unknown parameters pass until 2.75, then
they are a 400), then non-admins lose the filters they may not use
(Nova's ``remove_invalid_options``), which later versions widen:

- 2.5: ``ip6`` (no server has a fixed IP here, so like ``ip`` it matches
  nothing);
- 2.26: ``tags``, ``tags-any``, ``not-tags``, ``not-tags-any``
  (comma-separated);
- 2.38: an unknown ``status`` is a 400 instead of an empty list;
- 2.66: ``changes-before`` (with or without ``changes-since``);
- 2.73: ``locked`` (a boolean string) and the ``locked`` sort key;
- 2.75: sort keys Nova used to ignore are a 400.

Usage::

    search = server_list_params.parse(request)
    compute_api.get_all(context, search.filters,
                        sort_keys=search.sort_keys, sort_dirs=search.sort_dirs)
"""
from __future__ import annotations

import dataclasses

from oslo_utils import strutils, timeutils

from minicompute import exception, objects, policy
from minicompute.api import validation
from minicompute.api.openstack import common
from minicompute.api.openstack.compute.schemas import (
    server_list_query as query_schema,
)
from minicompute.compute import vm_states

RULE = 'os_compute_api:servers:%s'

# What a non-admin may filter on at 2.1 (``all_tenants`` then needs the
# policy), and what later microversions add.
USER_FILTERS = ('reservation_id', 'name', 'status', 'image', 'flavor',
                'ip', 'changes-since', 'all_tenants')
USER_FILTERS_BY_VERSION = {
    '2.5': ('ip6',),
    '2.26': query_schema.TAG_FILTERS,
    '2.66': ('changes-before',),
    '2.73': ('locked',),
}
# Admin filters minicompute honours beyond those (admins may use every
# filter, at every version the schema knows it).
ADMIN_FILTERS = ('host', 'node', 'project_id', 'tenant_id', 'deleted',
                 'ip6')

ADMIN_SORT_KEYS = ('host', 'node')
# Nova's sort keys that are no instance column here: accepted, ignored.
NO_COLUMN_SORT_KEYS = ('auto_disk_config',)
SORT_DIRS = ('asc', 'desc')
DEFAULT_SORT_KEY = 'created_at'
DEFAULT_SORT_DIR = 'desc'


@dataclasses.dataclass
class ListParams:
    filters: dict
    sort_keys: list
    sort_dirs: list
    name: str | None = None
    # True when the answer is known to be empty: an ``ip``/``ip6`` filter
    # (no fixed IPs here), an unknown flavor or, below 2.38, status.
    matches_nothing: bool = False


def _invalid_input(reason: str) -> exception.InvalidInput:
    return exception.InvalidInput(reason=reason)


def _user_filters(request) -> set[str]:
    allowed = set(USER_FILTERS)
    for version, names in USER_FILTERS_BY_VERSION.items():
        if request.is_at_least(version):
            allowed.update(names)
    return allowed


def _usable_params(request) -> dict:
    """The query as ``{name: last value}``, without what the caller may
    not filter on; an admin's joined-table or internal (``_``) filter is
    a 400, as in Nova."""
    params = request.GET
    if request.context.is_admin:
        for name in params:
            if name in query_schema.JOINED_TABLE_PARAMS or \
                    name.startswith('_'):
                raise exception.ValidationError(
                    detail='Invalid filter field: %s.' % name)
        allowed = _user_filters(request) | set(ADMIN_FILTERS)
    else:
        allowed = _user_filters(request)
    return {name: params[name] for name in params if name in allowed}


def _sort_params(request) -> tuple[list, list]:
    """Nova's sort keys and directions: created_at desc by default, the
    keys it ignores dropped with their direction, admin-only keys a 403,
    and the directions checked as its database layer checks them."""
    params = request.GET
    keys = [key.strip() for key in params.getall('sort_key')] or [
        DEFAULT_SORT_KEY]
    dirs = [value.strip() for value in params.getall('sort_dir')] or [
        DEFAULT_SORT_DIR]
    ignored = set(NO_COLUMN_SORT_KEYS).union(
        query_schema.IGNORED_SORT_KEYS_V273 if request.is_at_least('2.73')
        else query_schema.IGNORED_SORT_KEYS)
    for key in list(keys):
        index = keys.index(key)
        if key in ignored:
            if len(dirs) > index:
                dirs.pop(index)
            keys.pop(index)
        elif key in ADMIN_SORT_KEYS and not request.context.is_admin:
            raise exception.Forbidden(
                message='Only administrators can sort servers by %s' % key)
    for value in dirs:
        if value not in SORT_DIRS:
            raise _invalid_input(
                "Unknown sort direction, must be 'desc' or 'asc'")
    if len(dirs) > len(keys):
        raise _invalid_input('Sort direction size exceeds sort key size')
    return keys, dirs


def _strict_bool(value: str) -> bool:
    try:
        return strutils.bool_from_string(value, strict=True)
    except ValueError as e:
        raise exception.InvalidInput(str(e))


def _all_tenants(params: dict) -> bool:
    """Nova's is_all_tenants: an empty value enables it, anything else
    must be a boolean string."""
    if 'all_tenants' not in params:
        return False
    value = params['all_tenants']
    return True if value == '' else _strict_bool(value)


def _time(value: str):
    """An ISO 8601 time the schema already accepted, as naive UTC."""
    return timeutils.normalize_time(timeutils.parse_isotime(value))


def _status_filters(request, result: ListParams) -> None:
    """``status`` (repeatable) -> vm_state/task_state filters."""
    statuses = request.GET.getall('status')
    vm_state, task_state = common.task_and_vm_state_from_status(statuses)
    if not vm_state and not task_state:
        if request.is_at_least('2.38'):
            raise exception.ValidationError(detail='Invalid status value')
        result.matches_nothing = True
        return
    result.filters['vm_state'] = vm_state
    # 'default' stands for every task_state of the vm_state.
    if 'default' not in task_state:
        result.filters['task_state'] = task_state


def _changes_filters(params: dict, filters: dict) -> None:
    if 'changes-since' in params:
        filters['changes-since'] = _time(params['changes-since'])
    if 'changes-before' in params:
        filters['changes-before'] = _time(params['changes-before'])
        since = filters.get('changes-since')
        if since is not None and filters['changes-before'] < since:
            raise exception.ValidationError(
                detail='The value of changes-since must be less than or '
                       'equal to changes-before.')


def _project_filters(request, params: dict, filters: dict) -> None:
    context = request.context
    if _all_tenants(params):
        policy.authorize(context, RULE % 'index:get_all_tenants')
        for key in ('project_id', 'tenant_id'):
            if params.get(key):
                filters['project_id'] = params[key]
    else:
        filters['project_id'] = context.project_id


def _flavor_filter(context, flavor_ref: str):
    """The flavor's row id, or None when there is no such flavor."""
    flavor_id = str(flavor_ref).rstrip('/').rsplit('/', 1)[-1]
    try:
        return objects.Flavor.get_by_flavor_id(context, flavor_id).id
    except exception.FlavorNotFound:
        return None


def parse(request) -> ListParams:
    """Check and translate the list query of ``request``.

    :raises: ValidationError/InvalidInput (400), Forbidden (403: sorting
             by host or node, deleted servers, or all_tenants for a
             non-admin)
    """
    validation.validate_query(request.GET,
                              request.for_version(query_schema.SCHEMAS))
    context = request.context
    params = _usable_params(request)
    result = ListParams({}, *_sort_params(request))
    filters = result.filters
    if 'status' in params:
        _status_filters(request, result)
    _changes_filters(params, filters)
    if 'deleted' in params:
        filters['deleted'] = strutils.bool_from_string(params['deleted'],
                                                       default=False)
    if filters.get('vm_state') == [vm_states.DELETED]:
        if not context.is_admin:
            raise exception.Forbidden(
                message='Only administrators may list deleted instances')
        filters['deleted'] = True
    for name in query_schema.TAG_FILTERS:
        if name in params:
            filters[name] = params[name].split(',')
    _project_filters(request, params, filters)
    if 'locked' in params:
        filters['locked'] = _strict_bool(params['locked'])
    for key in ('host', 'node'):
        if params.get(key):
            filters[key] = params[key]
    if params.get('reservation_id'):
        filters['reservation_id'] = params['reservation_id']
    if params.get('image'):
        filters['image_ref'] = params['image'].rstrip('/').rsplit('/', 1)[-1]
    if params.get('flavor'):
        filters['instance_type_id'] = _flavor_filter(context,
                                                     params['flavor'])
        result.matches_nothing |= filters['instance_type_id'] is None
    if params.get('ip') or params.get('ip6'):
        result.matches_nothing = True
    result.name = params.get('name') or None
    return result
