"""Request schemas for /flavors, by the microversion each starts at."""
import copy

from minicompute.api.openstack.compute.schemas import parameter_types

create = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                # A number is taken as its string; null (or no id) asks
                # for a generated uuid.
                'id': {'type': ['string', 'number', 'null'],
                       'minLength': 1, 'maxLength': 255,
                       'pattern': r'^(?! )[a-zA-Z0-9. _-]+(?<! )$'},
                'ram': parameter_types.positive_integer,
                'vcpus': parameter_types.positive_integer,
                'disk': parameter_types.non_negative_integer,
                'OS-FLV-EXT-DATA:ephemeral':
                    parameter_types.non_negative_integer,
                'swap': parameter_types.non_negative_integer,
                'rxtx_factor': {'type': ['number', 'string'],
                                'pattern': r'^[0-9]+(\.[0-9]+)?$',
                                'minimum': 0, 'exclusiveMinimum': True,
                                'maximum': 3.40282e+38},
                'os-flavor-access:is_public': parameter_types.boolean,
            },
            'required': ['name', 'ram', 'vcpus', 'disk'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}

# 2.55: a description (the column is a TEXT, 64 KiB) of printable
# characters, on create and on PUT /flavors/{id}.
description = {
    'type': ['string', 'null'], 'minLength': 0, 'maxLength': 65535,
    'pattern': r'^[^\x00-\x1f\x7f-\x9f]*$',
}

create_v255 = copy.deepcopy(create)
create_v255['properties']['flavor']['properties']['description'] = \
    description

CREATE = {'2.1': create, '2.55': create_v255}

# The only field an update may change, hence required.
update = {
    'type': 'object',
    'properties': {
        'flavor': {
            'type': 'object',
            'properties': {'description': description},
            'required': ['description'],
            'additionalProperties': False,
        },
    },
    'required': ['flavor'],
    'additionalProperties': False,
}

# The query parameters of GET /flavors and /flavors/detail (others are
# ignored before 2.75 and refused from it).
LIST_QUERY = ('limit', 'marker', 'is_public', 'minRam', 'minDisk',
              'sort_key', 'sort_dir')
