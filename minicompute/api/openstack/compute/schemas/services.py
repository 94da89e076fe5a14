"""Request schemas for /os-services, by microversion."""
import copy

from minicompute.api.openstack.compute.schemas import parameter_types as pt

_reason = {'type': 'string', 'minLength': 1, 'maxLength': 255}

# PUT /os-services/{enable,disable,disable-log-reason} (2.1).
update = {
    'type': 'object',
    'properties': {
        'host': pt.fqdn,
        'binary': {'type': 'string', 'minLength': 1, 'maxLength': 255},
        'disabled_reason': _reason,
    },
    'required': ['host', 'binary'],
    'additionalProperties': False,
}

# 2.11 adds PUT /os-services/force-down and its forced_down.
update_v211 = copy.deepcopy(update)
update_v211['properties']['forced_down'] = pt.boolean

# 2.53: PUT /os-services/{service_uuid}; what to change is in the body.
update_v253 = {
    'type': 'object',
    'properties': {
        'status': {'type': 'string', 'enum': ['enabled', 'disabled']},
        'disabled_reason': _reason,
        'forced_down': pt.boolean,
    },
    'additionalProperties': False,
}

UPDATE = {'2.1': update, '2.11': update_v211, '2.53': update_v253}

index_query = {
    'type': 'object',
    'properties': {
        'host': pt.multi_params({'type': 'string'}),
        'binary': pt.multi_params({'type': 'string'}),
    },
    'additionalProperties': True,
}

# 2.75: unknown query parameters are refused.
index_query_v275 = dict(index_query, additionalProperties=False)

INDEX_QUERY = {'2.1': index_query, '2.75': index_query_v275}
