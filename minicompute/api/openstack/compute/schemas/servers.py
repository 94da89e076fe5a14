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

# Block device mapping v2, as clients send it to boot from an image; there
# are no volumes here, so only image -> local entries are accepted.
_block_device_mapping_v2 = {
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {
            'uuid': {'type': 'string', 'maxLength': 255},
            'boot_index': {'type': ['integer', 'string', 'null']},
            'source_type': {'type': 'string',
                            'enum': ['volume', 'image', 'snapshot',
                                     'blank']},
            'destination_type': {'type': 'string',
                                 'enum': ['local', 'volume']},
            'delete_on_termination': {'type': ['boolean', 'string']},
            'device_name': {'type': ['string', 'null']},
            'volume_size': {'type': ['integer', 'string', 'null']},
            'guest_format': {'type': ['string', 'null']},
            'disk_bus': {'type': ['string', 'null']},
            'device_type': {'type': ['string', 'null']},
            'tag': {'type': 'string'},
            'no_device': {},
        },
        'additionalProperties': False,
    },
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
                'block_device_mapping_v2': _block_device_mapping_v2,
                'min_count': parameter_types.positive_integer,
                'max_count': parameter_types.positive_integer,
                'return_reservation_id': parameter_types.boolean,
                'adminPass': {'type': 'string'},
                'key_name': parameter_types.name,
                'availability_zone': {'type': 'string', 'minLength': 1,
                                      'maxLength': 255},
                'OS-DCF:diskConfig': {'type': 'string',
                                      'enum': ['AUTO', 'MANUAL']},
                'security_groups': {
                    'type': 'array',
                    'items': {'type': 'object',
                              'properties': {'name': {'type': 'string'}},
                              'additionalProperties': False}},
            },
            'required': ['name', 'flavorRef'],
            'additionalProperties': False,
        },
        'os:scheduler_hints': {'type': 'object'},
        'OS-SCH-HNT:scheduler_hints': {'type': 'object'},
    },
    'required': ['server'],
    'additionalProperties': False,
}

# PUT /servers/{id} at 2.1: rename and the access IPs.
update = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'accessIPv4': {'type': 'string', 'format': 'ipv4'},
                'accessIPv6': {'type': 'string', 'format': 'ipv6'},
                'OS-DCF:diskConfig': {'type': 'string',
                                      'enum': ['AUTO', 'MANUAL']},
            },
            'additionalProperties': False,
        },
    },
    'required': ['server'],
    'additionalProperties': False,
}
