"""Request schemas for /os-quota-sets (the 2.1 body)."""
from minicompute.api.openstack.compute.schemas import parameter_types
from minicompute.compute import quota

# Nova's db.MAX_INT: the largest limit a quota column holds.
MAX_INT = 0x7FFFFFFF

quota_resource = {
    'type': ['integer', 'string'],
    'pattern': '^-?[0-9]+$',
    'minimum': -1,
    'maximum': MAX_INT,
}

update = {
    'type': 'object',
    'properties': {
        'quota_set': {
            'type': 'object',
            'properties': dict(
                {resource: quota_resource for resource in quota.RESOURCES},
                force=parameter_types.boolean),
            'additionalProperties': False,
        },
    },
    'required': ['quota_set'],
    'additionalProperties': False,
}
