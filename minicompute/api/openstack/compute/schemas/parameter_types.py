"""Shared JSON-schema fragments, as Nova names them."""

name = {
    'type': 'string', 'minLength': 1, 'maxLength': 255,
    'pattern': r'^(?!\s)[\S ]*(?<!\s)$',
}

description = {
    'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255,
}

positive_integer = {
    'type': ['integer', 'string'],
    'pattern': '^[0-9]*$', 'minimum': 1, 'minLength': 1,
}

non_negative_integer = {
    'type': ['integer', 'string'],
    'pattern': '^[0-9]*$', 'minimum': 0, 'minLength': 1,
}

flavor_ref = {'type': ['string', 'integer'], 'minLength': 1,
              'maxLength': 255}

image_ref = {'type': 'string', 'minLength': 1, 'maxLength': 255}

metadata = {
    'type': 'object',
    'patternProperties': {
        '^[a-zA-Z0-9-_:. ]{1,255}$': {'type': 'string', 'maxLength': 255},
    },
    'additionalProperties': False,
}

boolean = {
    'type': ['boolean', 'string'],
    'enum': [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on',
             'YES', 'Yes', 'yes', False, 'False', 'FALSE', 'false', '0',
             'OFF', 'Off', 'off', 'NO', 'No', 'no'],
}
