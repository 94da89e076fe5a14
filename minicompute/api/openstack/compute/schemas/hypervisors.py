"""Query-string schemas for /os-hypervisors, by microversion.

Below 2.33 the lists take no parameters (anything is ignored); 2.33 adds
``limit`` and ``marker`` and still ignores the rest; 2.53 adds
``hypervisor_hostname_pattern`` and ``with_servers`` and refuses anything
else, each parameter given at most once.
"""
from minicompute.api.openstack.compute.schemas import parameter_types as pt

list_query_v233 = {
    'type': 'object',
    'properties': {
        'limit': pt.multi_params(pt.non_negative_integer),
        'marker': pt.multi_params({'type': 'string'}),
    },
    'additionalProperties': True,
}

list_query_v253 = {
    'type': 'object',
    'properties': {
        'limit': pt.single_param(pt.non_negative_integer),
        'marker': pt.single_param({'type': 'string'}),
        'hypervisor_hostname_pattern': pt.single_param(pt.fqdn),
        'with_servers': pt.single_param(pt.boolean),
    },
    'additionalProperties': False,
}

show_query_v253 = {
    'type': 'object',
    'properties': {'with_servers': pt.single_param(pt.boolean)},
    'additionalProperties': False,
}

# The list schema for a request's microversion (None: nothing to check).
LIST_QUERY = {'2.1': None, '2.33': list_query_v233, '2.53': list_query_v253}
SHOW_QUERY = {'2.1': None, '2.53': show_query_v253}
