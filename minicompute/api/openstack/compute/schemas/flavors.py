"""Request schemas for /flavors."""
from minicompute.api.openstack.compute.schemas import parameter_types

create = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'id': {'type': ['string', 'null'], 'minLength': 1,
                       'maxLength': 255, 'pattern': r'^(?! )[a-zA-Z0-9. _-]+'
                                                    r'(?<! )$'},
                'ram': parameter_types.positive_integer,
                'vcpus': parameter_types.positive_integer,
                'disk': parameter_types.non_negative_integer,
                'OS-FLV-EXT-DATA:ephemeral':
                    parameter_types.non_negative_integer,
                'swap': parameter_types.non_negative_integer,
                'rxtx_factor': {'type': ['number', 'string'],
                                'pattern': r'^[0-9]+(\.[0-9]+)?$',
                                'minimum': 0, 'exclusiveMinimum': True},
                'os-flavor-access:is_public': parameter_types.boolean,
            },
            'required': ['name', 'ram', 'vcpus', 'disk'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}
