"""Request schemas for /servers/{server_id}/metadata."""
import copy

from minicompute.api.openstack.compute.schemas import parameter_types

# POST (merge) and PUT (replace all) take the whole dictionary.
create = {
    'type': 'object',
    'properties': {'metadata': parameter_types.metadata},
    'required': ['metadata'],
    'additionalProperties': False,
}

update_all = create

# PUT /metadata/{key} takes exactly one item, the one the URL names.
_one_item = copy.deepcopy(parameter_types.metadata)
_one_item.update({'minProperties': 1, 'maxProperties': 1})

update = {
    'type': 'object',
    'properties': {'meta': _one_item},
    'required': ['meta'],
    'additionalProperties': False,
}
