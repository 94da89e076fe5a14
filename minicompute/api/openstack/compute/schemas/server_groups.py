"""Request schemas for /os-server-groups (the 2.1 body: ``policies`` is a
one-item list). minicompute accepts the soft policies here too, which Nova
adds at 2.15; 2.64's ``policy`` + ``rules`` body comes with the
microversion work."""
from minicompute.api.openstack.compute.schemas import parameter_types

POLICIES = ['anti-affinity', 'affinity', 'soft-anti-affinity',
            'soft-affinity']

create = {
    'type': 'object',
    'properties': {
        'server_group': {
            'type': 'object',
            'properties': {
                'name': parameter_types.name,
                'policies': {
                    'type': 'array',
                    'items': [{'type': 'string', 'enum': POLICIES}],
                    'additionalItems': False,
                    'uniqueItems': True,
                    'minItems': 1,
                    'maxItems': 1,
                },
            },
            'required': ['name', 'policies'],
            'additionalProperties': False,
        },
    },
    'required': ['server_group'],
    'additionalProperties': False,
}
