"""Request schemas for /flavors/{flavor_id}/os-extra_specs."""
import copy

# Nova's extra spec values may be strings, numbers or booleans; they are
# stored as strings.
_specs = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {
            'type': ['string', 'number', 'boolean'],
            'minLength': 0, 'maxLength': 255,
        },
    },
    'additionalProperties': False,
}

create = {
    'type': 'object',
    'properties': {'extra_specs': _specs},
    'required': ['extra_specs'],
    'additionalProperties': False,
}

# PUT /os-extra_specs/{key}: {"<key>": "<value>"}, the key of the URL.
update = copy.deepcopy(_specs)
update.update({'minProperties': 1, 'maxProperties': 1})
