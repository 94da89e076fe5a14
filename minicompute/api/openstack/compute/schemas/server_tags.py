"""Request schemas for /servers/{server_id}/tags (microversion 2.26)."""
from minicompute.api.openstack.compute.schemas import parameter_types, servers

# The most tags a server may have (Nova's MAX_TAG_COUNT).
MAX_TAGS = servers.MAX_TAGS

# One tag, as the URL of PUT /tags/{tag} names it.
tag = parameter_types.tag

# PUT /tags replaces them all.
update_all = {
    'type': 'object',
    'properties': {'tags': servers.tags},
    'required': ['tags'],
    'additionalProperties': False,
}

# PUT /tags/{tag} takes no body (or null).
update = {'type': 'null'}
