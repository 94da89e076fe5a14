"""Request schemas for /servers."""
from minicompute.api.openstack.compute.schemas import parameter_types

_network = {
    'type': 'object',
    'properties': {
        'uuid': {'type': 'string'},
        'port': {'type': ['string', 'null']},
        'fixed_ip': {'type': 'string'},
        'tag': {'type': 'string'},
    },
    'additionalProperties': False,
}

create = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'imageRef': parameter_types.image_ref,
                'flavorRef': parameter_types.flavor_ref,
                'networks': {'oneOf': [
                    {'type': 'array', 'items': _network},
                    {'type': 'string', 'enum': ['none', 'auto']},
                ]},
                'metadata': parameter_types.metadata,
                'min_count': parameter_types.positive_integer,
                'max_count': parameter_types.positive_integer,
                'return_reservation_id': parameter_types.boolean,
                'adminPass': {'type': 'string'},
                'OS-DCF:diskConfig': {'type': 'string',
                                      'enum': ['AUTO', 'MANUAL']},
                'security_groups': {
                    'type': 'array',
                    'items': {'type': 'object',
                              'properties': {'name': {'type': 'string'}},
                              'additionalProperties': False}},
            },
            'required': ['name', 'flavorRef', 'imageRef'],
            'additionalProperties': False,
        },
        'os:scheduler_hints': {'type': 'object'},
        'OS-SCH-HNT:scheduler_hints': {'type': 'object'},
    },
    'required': ['server'],
    'additionalProperties': False,
}
