"""Request schemas for /os-quota-sets, by microversion.

2.1 takes every quota Nova had (``networks`` is accepted by the schema
and then refused, as Nova refuses it with its network quota disabled);
2.36 drops the network quotas and 2.57 the injected-file ones, which
are then unknown properties (400). From 2.75 unknown query parameters
are a 400.
"""
from __future__ import annotations

import copy

from minicompute.api.openstack.compute.schemas import parameter_types as pt
from minicompute.compute import quota

# Nova's db.MAX_INT: the largest limit a quota column holds.
MAX_INT = 0x7FFFFFFF
MIN_LIMIT = -1

quota_resource = {
    'type': ['integer', 'string'],
    'pattern': '^-?[0-9]+$',
    'minimum': MIN_LIMIT,
    'maximum': MAX_INT,
}

NETWORK_QUOTAS = ('fixed_ips', 'floating_ips', 'networks',
                  'security_group_rules', 'security_groups')
INJECTED_FILE_QUOTAS = ('injected_files', 'injected_file_content_bytes',
                        'injected_file_path_bytes')

# The quotas each microversion no longer shows nor takes.
FILTERED = {'2.1': (), '2.36': NETWORK_QUOTAS,
            '2.57': NETWORK_QUOTAS + INJECTED_FILE_QUOTAS}


def _update(filtered: tuple) -> dict:
    resources = [r for r in quota.RESOURCES + ('networks',)
                 if r not in filtered]
    properties = {resource: quota_resource for resource in resources}
    properties['force'] = pt.boolean
    return {
        'type': 'object',
        'properties': {
            'quota_set': {
                'type': 'object',
                'properties': properties,
                'additionalProperties': False,
            },
        },
        'required': ['quota_set'],
        'additionalProperties': False,
    }


update = _update(FILTERED['2.1'])
update_v236 = _update(FILTERED['2.36'])
update_v257 = _update(FILTERED['2.57'])
UPDATE = {'2.1': update, '2.36': update_v236, '2.57': update_v257}

query = {
    'type': 'object',
    'properties': {'user_id': pt.multi_params({'type': 'string'})},
    'additionalProperties': True,
}
query_v275 = copy.deepcopy(query)
query_v275['additionalProperties'] = False
QUERY = {'2.1': query, '2.75': query_v275}
