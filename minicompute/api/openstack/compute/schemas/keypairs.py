"""Request schemas for /os-keypairs, by the microversion each starts at
(the name's characters are checked by compute/keypairs.py as Nova does,
with Nova's message)."""
import copy

from minicompute.api.openstack.compute.schemas import parameter_types

create = {
    'type': 'object',
    'properties': {
        'keypair': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'public_key': {'type': 'string'},
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['keypair'],
    'additionalProperties': False,
}

# 2.2: the key type.
create_v22 = copy.deepcopy(create)
create_v22['properties']['keypair']['properties']['type'] = {
    'type': 'string', 'enum': ['ssh', 'x509']}

# 2.10: an admin may create a key pair for another user.
create_v210 = copy.deepcopy(create_v22)
create_v210['properties']['keypair']['properties']['user_id'] = {
    'type': 'string'}

CREATE = {'2.1': create, '2.2': create_v22, '2.10': create_v210}

# The query parameters each call knows, by version (others are ignored
# before 2.75 and refused from it).
INDEX_QUERY = {'2.1': (), '2.10': ('user_id',),
               '2.35': ('user_id', 'limit', 'marker')}
ITEM_QUERY = {'2.1': (), '2.10': ('user_id',)}
