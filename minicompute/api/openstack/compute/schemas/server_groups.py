"""Request schemas for /os-server-groups, one per microversion that
changes them (the controller picks one with ``request.for_version``).

- 2.1: ``policies``, a one-item list of affinity or anti-affinity;
- 2.15: the soft policies join the list;
- 2.64: ``policy`` (a string) and optional ``rules`` replace ``policies``;
- 2.75: the list refuses unknown query parameters.
"""
import copy

from minicompute.api.openstack.compute.schemas import parameter_types

POLICIES_V21 = ['anti-affinity', 'affinity']
POLICIES_V215 = POLICIES_V21 + ['soft-anti-affinity', 'soft-affinity']


def _create_with_policies(policies: list) -> dict:
    return {
        'type': 'object',
        'properties': {
            'server_group': {
                'type': 'object',
                'properties': {
                    'name': parameter_types.name,
                    'policies': {
                        'type': 'array',
                        'items': [{'type': 'string', 'enum': policies}],
                        'additionalItems': False,
                        'uniqueItems': True,
                        'minItems': 1,
                        'maxItems': 1,
                    },
                },
                'required': ['name', 'policies'],
                'additionalProperties': False,
            },
        },
        'required': ['server_group'],
        'additionalProperties': False,
    }


create = _create_with_policies(POLICIES_V21)
create_v215 = _create_with_policies(POLICIES_V215)

create_v264 = {
    'type': 'object',
    'properties': {
        'server_group': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'policy': {'type': 'string', 'enum': POLICIES_V215},
                'rules': {
                    'type': 'object',
                    'properties': {
                        'max_server_per_host':
                            parameter_types.positive_integer,
                    },
                    'additionalProperties': False,
                },
            },
            'required': ['name', 'policy'],
            'additionalProperties': False,
        },
    },
    'required': ['server_group'],
    'additionalProperties': False,
}

index_query = {
    'type': 'object',
    'properties': {
        # Only the presence of all_projects counts (Nova's rule).
        'all_projects': parameter_types.multi_params({'type': 'string'}),
        'limit': parameter_types.multi_params(
            parameter_types.non_negative_integer),
        'offset': parameter_types.multi_params(
            parameter_types.non_negative_integer),
    },
    # Unknown parameters are ignored until 2.75.
    'additionalProperties': True,
}

index_query_v275 = copy.deepcopy(index_query)
index_query_v275['additionalProperties'] = False
