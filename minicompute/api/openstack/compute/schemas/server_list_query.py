"""Query-string schemas of GET /servers and /servers/detail, by
microversion, as Nova declares them (``query_params_v21`` to ``_v275``).

Every parameter is a list of its values (validation.validate_query). Up to
2.74 unknown parameters pass (and are ignored), and so do the sort keys
Nova ignores; from 2.75 both are a 400. Which filters a non-admin may use
is not the schema's business: server_list_params drops the others.
"""
from __future__ import annotations

import copy

from minicompute.api.openstack.compute.schemas import parameter_types

_string = parameter_types.multi_params({'type': 'string'})
_regex = parameter_types.multi_params({'type': 'string', 'format': 'regex'})
_date_time = parameter_types.multi_params({'type': 'string',
                                           'format': 'date-time'})

# Nova's valid sort keys.
SORT_KEYS = (
    'access_ip_v4', 'access_ip_v6', 'auto_disk_config', 'availability_zone',
    'config_drive', 'created_at', 'display_description', 'display_name',
    'host', 'hostname', 'image_ref', 'instance_type_id', 'kernel_id',
    'key_name', 'launch_index', 'launched_at', 'locked_by', 'node',
    'power_state', 'progress', 'project_id', 'ramdisk_id',
    'root_device_name', 'task_state', 'terminated_at', 'updated_at',
    'user_id', 'uuid', 'vm_state')
# Keys Nova accepted before it validated them and now ignores; from 2.73
# ``locked`` is a real sort key, from 2.75 the rest are a 400.
IGNORED_SORT_KEYS = (
    'architecture', 'cell_name', 'cleaned', 'default_ephemeral_device',
    'default_swap_device', 'deleted', 'deleted_at', 'disable_terminate',
    'ephemeral_gb', 'ephemeral_key_uuid', 'id', 'key_data', 'launched_on',
    'locked', 'memory_mb', 'os_type', 'reservation_id', 'root_gb',
    'shutdown_terminate', 'user_data', 'vcpus', 'vm_mode')
IGNORED_SORT_KEYS_V273 = tuple(key for key in IGNORED_SORT_KEYS
                               if key != 'locked')

# Filters on joined tables: accepted by the schema, refused by the API.
JOINED_TABLE_PARAMS = (
    'block_device_mapping', 'services', 'metadata', 'system_metadata',
    'info_cache', 'security_groups', 'pci_devices')

TAG_FILTERS = ('tags', 'tags-any', 'not-tags', 'not-tags-any')


def _sort_key(keys) -> dict:
    return parameter_types.multi_params({'type': 'string',
                                         'enum': list(keys)})


_V21_PROPERTIES = {
    'user_id': _string,
    'project_id': _string,
    'tenant_id': _string,
    'launch_index': _string,
    'image_ref': _string,
    'image': _string,
    'kernel_id': _regex,
    'ramdisk_id': _regex,
    'hostname': _regex,
    'key_name': _regex,
    'power_state': _regex,
    'vm_state': _string,
    'task_state': _string,
    'host': _string,
    'node': _regex,
    'flavor': _regex,
    'reservation_id': _regex,
    'launched_at': _regex,
    'terminated_at': _regex,
    'availability_zone': _regex,
    'name': _regex,
    'display_name': _regex,
    'description': _regex,
    'display_description': _regex,
    'locked_by': _regex,
    'uuid': _string,
    'root_device_name': _regex,
    'config_drive': _regex,
    'access_ip_v4': _regex,
    'access_ip_v6': _regex,
    'auto_disk_config': _regex,
    'progress': _regex,
    'sort_key': _sort_key(SORT_KEYS + IGNORED_SORT_KEYS),
    'sort_dir': _string,
    'all_tenants': _string,
    'soft_deleted': _string,
    'deleted': _string,
    'status': _string,
    'changes-since': _date_time,
    'ip': _regex,
    'ip6': _regex,
    'created_at': _regex,
    'limit': parameter_types.multi_params(
        parameter_types.non_negative_integer),
    'marker': _string,
}
_V21_PROPERTIES.update({name: _string for name in JOINED_TABLE_PARAMS})

query_params_v21 = {
    'type': 'object',
    'properties': _V21_PROPERTIES,
    'additionalProperties': True,
    # Internal attributes (a leading underscore) are the API's to refuse.
    'patternProperties': {'^_': _string},
}

query_params_v226 = copy.deepcopy(query_params_v21)
query_params_v226['properties'].update({name: _regex
                                        for name in TAG_FILTERS})

query_params_v266 = copy.deepcopy(query_params_v226)
query_params_v266['properties']['changes-before'] = _date_time

query_params_v273 = copy.deepcopy(query_params_v266)
query_params_v273['properties'].update({
    'sort_key': _sort_key(('locked',) + SORT_KEYS +
                          IGNORED_SORT_KEYS_V273),
    'locked': _string,
})

query_params_v275 = copy.deepcopy(query_params_v273)
query_params_v275['properties']['sort_key'] = _sort_key(
    ('locked',) + SORT_KEYS)
query_params_v275['additionalProperties'] = False

SCHEMAS = {
    '2.1': query_params_v21,
    '2.26': query_params_v226,
    '2.66': query_params_v266,
    '2.73': query_params_v273,
    '2.75': query_params_v275,
}
