"""Query schemas of GET /servers/{server_id}/os-instance-actions.

Before 2.58 the list takes no parameters and ignores any; 2.58 brings
paging (limit, marker: a request id) and changes-since, and refuses
anything else; 2.66 adds changes-before.
"""
import copy

from minicompute.api.openstack.compute.schemas import parameter_types

_DATETIME = {'type': 'string', 'format': 'date-time'}

index_query = {
    'type': 'object',
    'properties': {},
    'additionalProperties': True,
}

index_query_v258 = {
    'type': 'object',
    'properties': {
        'limit': parameter_types.single_param(
            parameter_types.non_negative_integer),
        'marker': parameter_types.single_param({'type': 'string'}),
        'changes-since': parameter_types.single_param(_DATETIME),
    },
    'additionalProperties': False,
}

index_query_v266 = copy.deepcopy(index_query_v258)
index_query_v266['properties']['changes-before'] = \
    parameter_types.single_param(_DATETIME)
