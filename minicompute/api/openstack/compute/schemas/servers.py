"""Request schemas for /servers: create, update and the rebuild action.

Each body has one schema per microversion range; ``CREATE``, ``UPDATE``
and ``REBUILD`` map the microversion each range starts at to its schema,
for ``request.for_version()``. A field is refused (additionalProperties)
before the version that brings it, as Nova refuses it.

    validation.validate(body, request.for_version(servers.CREATE))
"""
from __future__ import annotations

import copy

from minicompute.api.openstack.compute.schemas import parameter_types

MAX_USER_DATA_LENGTH = 65535
MAX_TAGS = 50
MAX_TRUSTED_CERTS = 50

disk_config = {'type': 'string', 'enum': ['AUTO', 'MANUAL']}
access_ipv4 = {'type': 'string', 'format': 'ipv4'}
access_ipv6 = {'type': 'string', 'format': 'ipv6'}

user_data = {'type': 'string', 'format': 'base64',
             'maxLength': MAX_USER_DATA_LENGTH}
user_data_or_null = {'oneOf': [user_data, {'type': 'null'}]}

# Files to inject, refused from 2.57 (minicompute checks the injected_file
# quotas as Nova does, but injects nothing: personality files are not
# written to the config drive).
personality = {
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {
            'path': {'type': 'string'},
            'contents': {'type': 'string', 'format': 'base64'},
        },
        'additionalProperties': False,
    },
}

trusted_certs = {
    'type': ['array', 'null'],
    'minItems': 1, 'maxItems': MAX_TRUSTED_CERTS, 'uniqueItems': True,
    'items': {'type': 'string', 'minLength': 1},
}

tags = {'type': 'array', 'items': parameter_types.tag,
        'maxItems': MAX_TAGS}

volume_type = {'type': ['string', 'null'], 'minLength': 0,
               'maxLength': 255}

_volume_size = {'type': ['integer', 'string'], 'pattern': '^[0-9]+$',
                'minimum': 1, 'maximum': 0x7FFFFFFF}

# A block_device_mapping_v2 item as Nova validates it (legacy fields
# included). Only image -> local boot devices are usable here; the
# controller refuses the rest with a 400.
_bdm_v2_item = {
    'type': 'object',
    'properties': {
        'virtual_name': {'type': 'string', 'maxLength': 255},
        'volume_id': parameter_types.uuid,
        'snapshot_id': parameter_types.uuid,
        'volume_size': _volume_size,
        'device_name': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                        'pattern': '^[a-zA-Z0-9._-r/]*$'},
        'delete_on_termination': parameter_types.boolean,
        'no_device': {},
        'connection_info': {'type': 'string', 'maxLength': 16777215},
        'source_type': {'type': 'string',
                        'enum': ['volume', 'image', 'snapshot', 'blank']},
        'uuid': {'type': 'string', 'minLength': 1, 'maxLength': 255,
                 'pattern': '^[a-zA-Z0-9._-]*$'},
        'image_id': parameter_types.uuid,
        'destination_type': {'type': 'string',
                             'enum': ['local', 'volume']},
        'guest_format': {'type': 'string', 'maxLength': 255},
        'device_type': {'type': 'string', 'maxLength': 255},
        'disk_bus': {'type': 'string', 'maxLength': 255},
        'boot_index': {'type': ['integer', 'string', 'null'],
                       'pattern': '^-?[0-9]+$'},
    },
    'additionalProperties': False,
}

# A requested network below 2.37 (uuid not checked as a uuid). The
# strings "none" and "auto" are accepted at every version: minicompute
# has no Neutron, so they are the only useful values (DESIGN.md 4).
_network_v21 = {
    'type': 'object',
    'properties': {
        'fixed_ip': parameter_types.ip_address,
        'port': {'oneOf': [parameter_types.uuid, {'type': 'null'}]},
        'uuid': {'type': 'string'},
    },
    'additionalProperties': False,
}

_security_groups = {
    'type': 'array',
    'items': {
        'type': 'object',
        'properties': {'name': parameter_types.name},
        'additionalProperties': False,
    },
}

_hints = {'type': 'object'}


def _networks(item: dict) -> dict:
    return {'oneOf': [
        {'type': 'array', 'items': item},
        {'type': 'string', 'enum': ['none', 'auto']},
    ]}


_create_v21 = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'imageRef': parameter_types.image_ref,
                'flavorRef': parameter_types.flavor_ref,
                'adminPass': {'type': 'string'},
                'metadata': parameter_types.metadata,
                'networks': _networks(_network_v21),
                'OS-DCF:diskConfig': disk_config,
                'accessIPv4': access_ipv4,
                'accessIPv6': access_ipv6,
                'personality': personality,
                'availability_zone': {'type': 'string', 'minLength': 1,
                                      'maxLength': 255},
                'block_device_mapping_v2': {'type': 'array',
                                            'items': _bdm_v2_item},
                'config_drive': parameter_types.boolean,
                'key_name': parameter_types.name,
                'min_count': parameter_types.positive_integer,
                'max_count': parameter_types.positive_integer,
                'return_reservation_id': parameter_types.boolean,
                'security_groups': _security_groups,
                'user_data': user_data,
            },
            'required': ['name', 'flavorRef'],
            'additionalProperties': False,
        },
        'os:scheduler_hints': _hints,
        'OS-SCH-HNT:scheduler_hints': _hints,
    },
    'required': ['server'],
    'additionalProperties': False,
}


def _derive(base: dict, key: str, change) -> dict:
    """A deep copy of ``base`` with ``change(properties of body[key])``
    applied: each version's schema is the previous one plus a change."""
    schema = copy.deepcopy(base)
    change(schema['properties'][key])
    return schema


def _add(**fields):
    def change(body):
        body['properties'].update(copy.deepcopy(fields))
    return change


def _network_tags(body) -> None:
    body['properties']['networks']['oneOf'][0]['items'][
        'properties']['tag'] = parameter_types.tag


def _bdm_field(name: str, schema: dict):
    def change(body):
        body['properties']['block_device_mapping_v2']['items'][
            'properties'][name] = schema
    return change


def _all(*changes):
    def change(body):
        for one in changes:
            one(body)
    return change


def _networks_required_uuid(body) -> None:
    """2.37: networks is required, and a listed network's uuid must be a
    uuid (the tags of 2.32 are gone until 2.42)."""
    body['required'].append('networks')
    item = copy.deepcopy(_network_v21)
    item['properties']['uuid'] = parameter_types.uuid
    body['properties']['networks'] = _networks(item)


def _drop(name: str):
    def change(body):
        body['properties'].pop(name)
    return change


_create_v219 = _derive(_create_v21, 'server',
                       _add(description=parameter_types.description))
# 2.32 tagged both networks and block devices; 2.33 to 2.36 only networks
# (Nova's historical slip); 2.37 drops both; 2.42 brings both back.
_create_v232 = _derive(_create_v219, 'server', _all(
    _network_tags, _bdm_field('tag', parameter_types.tag)))
_create_v233 = _derive(_create_v219, 'server', _network_tags)
_create_v237 = _derive(_create_v219, 'server', _networks_required_uuid)
_create_v242 = _derive(_create_v237, 'server', _all(
    _network_tags, _bdm_field('tag', parameter_types.tag)))
_create_v252 = _derive(_create_v242, 'server', _add(tags=tags))
_create_v257 = _derive(_create_v252, 'server', _drop('personality'))
_create_v263 = _derive(_create_v257, 'server',
                       _add(trusted_image_certificates=trusted_certs))
_create_v267 = _derive(_create_v263, 'server',
                       _bdm_field('volume_type', volume_type))
_create_v274 = _derive(_create_v267, 'server', _add(
    host=parameter_types.fqdn, hypervisor_hostname=parameter_types.fqdn))

CREATE = {
    '2.1': _create_v21,
    '2.19': _create_v219,
    '2.32': _create_v232,
    '2.33': _create_v233,
    '2.37': _create_v237,
    '2.42': _create_v242,
    '2.52': _create_v252,
    '2.57': _create_v257,
    '2.63': _create_v263,
    '2.67': _create_v267,
    '2.74': _create_v274,
}

# PUT /servers/{id}: rename, the access IPs and (2.19) the description.
_update_v21 = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'OS-DCF:diskConfig': disk_config,
                'accessIPv4': access_ipv4,
                'accessIPv6': access_ipv6,
            },
            'additionalProperties': False,
        },
    },
    'required': ['server'],
    'additionalProperties': False,
}

UPDATE = {
    '2.1': _update_v21,
    '2.19': _derive(_update_v21, 'server',
                    _add(description=parameter_types.description)),
}

# POST /servers/{id}/action {"rebuild": {...}}.
_rebuild_v21 = {
    'type': 'object',
    'properties': {
        'rebuild': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'imageRef': parameter_types.image_ref,
                'adminPass': {'type': 'string'},
                'metadata': parameter_types.metadata,
                'preserve_ephemeral': parameter_types.boolean,
                'OS-DCF:diskConfig': disk_config,
                'accessIPv4': access_ipv4,
                'accessIPv6': access_ipv6,
                'personality': personality,
            },
            'required': ['imageRef'],
            'additionalProperties': False,
        },
    },
    'required': ['rebuild'],
    'additionalProperties': False,
}

_rebuild_v219 = _derive(_rebuild_v21, 'rebuild',
                        _add(description=parameter_types.description))
_rebuild_v254 = _derive(_rebuild_v219, 'rebuild',
                        _add(key_name=parameter_types.name_or_none))
_rebuild_v257 = _derive(_rebuild_v254, 'rebuild', _all(
    _drop('personality'), _add(user_data=user_data_or_null)))
_rebuild_v263 = _derive(_rebuild_v257, 'rebuild',
                        _add(trusted_image_certificates=trusted_certs))

REBUILD = {
    '2.1': _rebuild_v21,
    '2.19': _rebuild_v219,
    '2.54': _rebuild_v254,
    '2.57': _rebuild_v257,
    '2.63': _rebuild_v263,
}
