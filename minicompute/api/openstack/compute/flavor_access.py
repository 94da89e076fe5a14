"""/flavors/{id}/os-flavor-access and the add/remove tenant access actions
(admin only): which projects may see and use a private flavor. From
microversion 2.7, adding access to a public flavor is a 409."""
from __future__ import annotations

from minicompute import exception, objects, policy
from minicompute.api import validation
from minicompute.db import flavor_access_api

RULE = 'os_compute_api:os-flavor-access'
PUBLIC_CONFLICT_FROM = '2.7'

_TENANT = {
    'type': 'object',
    'properties': {'tenant': {'type': 'string', 'minLength': 1,
                              'maxLength': 255}},
    'required': ['tenant'],
    'additionalProperties': False,
}
ACTION_SCHEMA = {
    'type': 'object',
    'properties': {'addTenantAccess': _TENANT,
                   'removeTenantAccess': _TENANT},
    'minProperties': 1,
    'maxProperties': 1,
    'additionalProperties': False,
}


class FlavorAccessController:
    def __init__(self, conf):
        self.conf = conf

    @staticmethod
    def _access_list(flavor) -> dict:
        return {'flavor_access': [
            {'flavor_id': flavor.flavorid, 'tenant_id': project}
            for project in flavor_access_api.projects(flavor.id)]}

    def index(self, request, id):
        policy.authorize(request.context, RULE)
        flavor = objects.Flavor.get_by_flavor_id(request.context, id)
        if flavor.is_public:
            raise exception.NotFound(
                message='Access list not available for public flavors.')
        return self._access_list(flavor)

    def action(self, request, id, body):
        validation.validate(body, ACTION_SCHEMA)
        (action, value), = body.items()
        rule = ('add_tenant_access' if action == 'addTenantAccess'
                else 'remove_tenant_access')
        policy.authorize(request.context, '%s:%s' % (RULE, rule))
        flavor = objects.Flavor.get_by_flavor_id(request.context, id)
        if action == 'addTenantAccess':
            # Before 2.7 Nova records the access even though a public
            # flavor needs none; from 2.7 it refuses.
            if flavor.is_public and request.is_at_least(PUBLIC_CONFLICT_FROM):
                raise exception.Conflict(
                    message='Can not add access to a public flavor.')
            flavor_access_api.add(flavor.id, flavor.flavorid,
                                  value['tenant'])
        else:
            flavor_access_api.remove(flavor.id, flavor.flavorid,
                                     value['tenant'])
        return self._access_list(flavor)
