"""/flavors/{flavor_id}/os-extra_specs: a flavor's extra specs, as Nova
has them at 2.1 (keys and values checked for form only; reading is for
everyone who can see the flavor, writing for admins).

Bodies: the collection is ``{"extra_specs": {...}}``; one item is the bare
``{"<key>": "<value>"}``.
"""
from __future__ import annotations

from minicompute import exception, policy
from minicompute.api import validation
from minicompute.api.openstack import common, wsgi
from minicompute.api.openstack.compute.schemas import (
    flavor_extra_specs as schema,
)
from minicompute.db import api as db_api

RULE = 'os_compute_api:os-flavor-extra-specs:%s'


def _as_strings(specs: dict) -> dict:
    """Numbers and booleans are stored as strings, as Nova does."""
    result = {}
    for key, value in specs.items():
        text = str(value)
        if len(text) > 255:
            raise exception.ValidationError(
                detail='extra_specs value has more than 255 characters.')
        result[key] = text
    return result


def _no_such_key(flavor_id: str, key: str) -> exception.NotFound:
    return exception.NotFound(
        message='Flavor %s has no extra specs with key %s.' % (flavor_id,
                                                               key))


class FlavorExtraSpecsController:
    def __init__(self, conf):
        self.conf = conf

    @staticmethod
    def _flavor(request, flavor_id: str):
        """A private flavor only for admins and the projects granted it."""
        return common.get_flavor(request.context, flavor_id)

    def index(self, request, flavor_id):
        policy.authorize(request.context, RULE % 'index')
        flavor = self._flavor(request, flavor_id)
        return {'extra_specs': dict(flavor.extra_specs or {})}

    def show(self, request, flavor_id, id):
        policy.authorize(request.context, RULE % 'show')
        specs = self._flavor(request, flavor_id).extra_specs or {}
        if id not in specs:
            raise _no_such_key(flavor_id, id)
        return {id: specs[id]}

    def create(self, request, flavor_id, body):
        policy.authorize(request.context, RULE % 'create')
        validation.validate(body, schema.create)
        specs = _as_strings(body['extra_specs'])
        db_api.flavor_extra_specs_update(flavor_id, specs)
        return {'extra_specs': specs}

    def update(self, request, flavor_id, id, body):
        policy.authorize(request.context, RULE % 'update')
        validation.validate(body, schema.update)
        if id not in body:
            raise exception.ValidationError(
                detail='Request body and URI mismatch')
        specs = _as_strings(body)
        db_api.flavor_extra_specs_update(flavor_id, specs)
        return specs

    def delete(self, request, flavor_id, id):
        policy.authorize(request.context, RULE % 'delete')
        db_api.flavor_extra_specs_update(flavor_id, delete_key=id)
        return wsgi.ResponseObject(None, code=200)
