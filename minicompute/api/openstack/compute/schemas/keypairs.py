"""Request schemas for /os-keypairs (the 2.1 body; the name's characters
are checked by compute/keypairs.py as Nova does, with Nova's message)."""
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
