"""Request schemas for /os-aggregates."""
import copy

from minicompute.api.openstack.compute.schemas import parameter_types

# A zone name may not contain ':' (it would read as "az:host").
az_name = {'type': ['string', 'null'], 'minLength': 1, 'maxLength': 255,
           'pattern': r'^(?!\s)[^:]*(?<!\s)$'}

create = {
    'type': 'object',
    'properties': {
        'aggregate': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'availability_zone': az_name,
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['aggregate'],
    'additionalProperties': False,
}

update = copy.deepcopy(create)
update['properties']['aggregate']['required'] = []
update['properties']['aggregate']['minProperties'] = 1

_host = {
    'type': 'object',
    'properties': {'host': {'type': 'string', 'minLength': 1,
                            'maxLength': 255}},
    'required': ['host'],
    'additionalProperties': False,
}

add_host = {'type': 'object', 'properties': {'add_host': _host},
            'required': ['add_host'], 'additionalProperties': False}
remove_host = {'type': 'object', 'properties': {'remove_host': _host},
               'required': ['remove_host'], 'additionalProperties': False}

set_metadata = {
    'type': 'object',
    'properties': {
        'set_metadata': {
            'type': 'object',
            'properties': {
                'metadata': {
                    'type': 'object',
                    'patternProperties': {
                        '^[a-zA-Z0-9-_:. ]{1,255}$': {
                            'type': ['string', 'null'], 'maxLength': 255},
                    },
                    'additionalProperties': False,
                },
            },
            'required': ['metadata'],
            'additionalProperties': False,
        },
    },
    'required': ['set_metadata'],
    'additionalProperties': False,
}
