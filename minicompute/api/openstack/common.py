"""Helpers shared by the controllers: status mapping, paging, links."""
from __future__ import annotations

import urllib.parse

from minicompute import exception, objects
from minicompute.api.openstack import url_project
from minicompute.compute import task_states, vm_states
from minicompute.db import flavor_access_api

_REBUILD = {task_states.REBUILDING: 'REBUILD',
            task_states.REBUILD_BLOCK_DEVICE_MAPPING: 'REBUILD',
            task_states.REBUILD_SPAWNING: 'REBUILD'}

# Nova's (vm_state, task_state) -> API status table, for the states
# minicompute produces.
_STATE_MAP = {
    vm_states.ACTIVE: {
        'default': 'ACTIVE',
        task_states.REBOOTING: 'REBOOT',
        task_states.REBOOT_PENDING: 'REBOOT',
        task_states.REBOOT_STARTED: 'REBOOT',
        task_states.REBOOTING_HARD: 'HARD_REBOOT',
        task_states.REBOOT_PENDING_HARD: 'HARD_REBOOT',
        task_states.REBOOT_STARTED_HARD: 'HARD_REBOOT',
        **_REBUILD},
    vm_states.BUILDING: {'default': 'BUILD'},
    vm_states.STOPPED: {'default': 'SHUTOFF', **_REBUILD},
    vm_states.PAUSED: {'default': 'PAUSED'},
    vm_states.SUSPENDED: {'default': 'SUSPENDED'},
    vm_states.ERROR: {'default': 'ERROR', **_REBUILD},
    vm_states.DELETED: {'default': 'DELETED'},
    vm_states.SOFT_DELETED: {'default': 'SOFT_DELETED'},
}


def status_from_state(vm_state: str | None,
                      task_state: str | None = None) -> str:
    task_map = _STATE_MAP.get(vm_state, {'default': 'UNKNOWN'})
    return task_map.get(task_state, task_map['default'])


def vm_states_from_status(status: str) -> list[str]:
    """The vm_states an API ``status`` filter selects."""
    status = status.upper()
    return [vm_state for vm_state, task_map in _STATE_MAP.items()
            if task_map['default'] == status]


def task_and_vm_state_from_status(statuses) -> tuple[list, list]:
    """Nova's mapping of ``status`` filter values (any case) to the
    vm_states and task_states they select; a task_state of ``'default'``
    means "any task_state of that vm_state"."""
    wanted = {status.upper() for status in statuses}
    vm_state_set, task_state_set = set(), set()
    for vm_state, task_map in _STATE_MAP.items():
        for task_state, status in task_map.items():
            if status in wanted:
                vm_state_set.add(vm_state)
                task_state_set.add(task_state)
    return (sorted(vm_state_set),
            sorted(task_state_set, key=lambda state: state or ''))


def get_instance(compute_api, context, server_id: str):
    """The server as the caller may see it: another project's server is a
    404, exactly like one that does not exist."""
    try:
        instance = compute_api.get(context, server_id)
    except exception.InstanceNotFound:
        raise exception.InstanceNotFound(instance_id=server_id)
    if not context.is_admin and instance.project_id != context.project_id:
        raise exception.InstanceNotFound(instance_id=server_id)
    return instance


def _int_param(params, key: str, minimum: int) -> int | None:
    if key not in params:
        return None
    try:
        value = int(params[key])
    except ValueError:
        raise exception.ValidationError(
            detail="Invalid input for query parameters %s. Value: %s. "
                   "'%s' is not an integer" % (key, params[key],
                                               params[key]))
    if value < minimum:
        raise exception.ValidationError(
            detail='Invalid input for query parameters %s. Value: %s. '
                   '%s is less than the minimum of %d' % (
                       key, params[key], params[key], minimum))
    return value


def get_limit_and_marker(request, max_limit: int):
    limit = _int_param(request.GET, 'limit', 0)
    limit = max_limit if limit is None else min(limit, max_limit)
    return limit, request.GET.get('marker')


def base_url(request) -> str:
    return request.host_url + request.script_name.rsplit('/v2.1', 1)[0]


def links(request, collection: str, item_id: str) -> list[dict]:
    root = base_url(request)
    project = url_project.prefix(request)
    return [{'rel': 'self',
             'href': '%s/v2.1%s/%s/%s' % (root, project, collection,
                                          item_id)},
            {'rel': 'bookmark',
             'href': '%s%s/%s/%s' % (root, project, collection, item_id)}]


def collection_links(request, collection: str, items: list, limit: int,
                     key: str = 'id') -> list[dict]:
    """A ``next`` link when a full page was returned (Nova's rule)."""
    if not items or len(items) < limit:
        return []
    # Repeated parameters (sort_key, sort_dir) keep every value.
    params = [(name, value) for name, value in request.GET.items()
              if name != 'marker']
    params.append(('marker', items[-1][key]))
    query = urllib.parse.urlencode(sorted(params, key=lambda p: p[0]))
    suffix = request.path_info.rstrip('/')
    return [{'rel': 'next', 'href': '%s/v2.1%s%s?%s' % (
        base_url(request), url_project.prefix(request), suffix, query)}]


def get_flavor(context, flavorid: str):
    """The flavor, if the caller may use it: public, or private and the
    caller is an admin or its project was granted access (Nova hides the
    rest: FlavorNotFound)."""
    flavor = objects.Flavor.get_by_flavor_id(context, flavorid)
    if flavor.is_public or context.is_admin or flavor_access_api.has_access(
            flavor.id, context.project_id):
        return flavor
    raise exception.FlavorNotFound(flavor_id=flavorid)
