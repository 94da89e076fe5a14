"""Shared JSON-schema fragments, as Nova names them."""
import unicodedata


def _printable_class() -> str:
    """A regex character class of the printable BMP characters as Nova
    counts them: no control or format characters (category C) and, of
    the separators, only spaces (Zs)."""
    def printable(code: int) -> bool:
        category = unicodedata.category(chr(code))
        return category[0] != 'C' and (category[0] != 'Z' or
                                       category == 'Zs')

    ranges, start = [], None
    for code in range(0x10000):
        if printable(code) and start is None:
            start = code
        elif not printable(code) and start is not None:
            ranges.append((start, code - 1))
            start = None
    if start is not None:
        ranges.append((start, 0xFFFF))
    return '[%s]' % ''.join('\\u%04x-\\u%04x' % pair for pair in ranges)


name = {
    'type': 'string', 'minLength': 1, 'maxLength': 255,
    'pattern': r'^(?!\s)[\S ]*(?<!\s)$',
}

# Null, or up to 255 printable characters (no newlines or tabs).
description = {
    'type': ['string', 'null'], 'minLength': 0, 'maxLength': 255,
    'pattern': '^%s*$' % _printable_class(),
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


def multi_params(schema: dict) -> dict:
    """A query parameter that may be repeated: each value obeys ``schema``
    (for validation.validate_query)."""
    return {'type': 'array', 'items': schema}


def single_param(schema: dict) -> dict:
    """A query parameter given at most once, its value obeying
    ``schema``."""
    return {'type': 'array', 'items': schema, 'maxItems': 1}


# A device or server tag (Nova's tag: no '/' or ',').
tag = {'type': 'string', 'minLength': 1, 'maxLength': 60,
       'pattern': '^[^,/]*$'}

# A compute host or hypervisor node name.
fqdn = {'type': 'string', 'minLength': 1, 'maxLength': 255,
        'pattern': '^[a-zA-Z0-9-._]*$'}

# A name that null unsets (key_name on rebuild).
name_or_none = {'oneOf': [
    {'type': 'string', 'minLength': 1, 'maxLength': 255},
    {'type': 'null'},
]}

ip_address = {'type': 'string',
              'oneOf': [{'format': 'ipv4'}, {'format': 'ipv6'}]}

uuid = {'type': 'string', 'format': 'uuid'}
