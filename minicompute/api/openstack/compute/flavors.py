"""/flavors: list, show, and the admin-only create, update and delete.

By microversion: 2.55 adds the description (create, PUT /flavors/{id},
every body); 2.61 shows extra specs; 2.75 shows swap as 0 and refuses
unknown list query parameters. The bodies are views/flavors.py's.
"""
from __future__ import annotations

import unicodedata

from oslo_utils import strutils

from minicompute import exception, objects, policy
from minicompute.api import validation
from minicompute.api.openstack import common, wsgi
from minicompute.api.openstack.compute import strict_query
from minicompute.api.openstack.compute.schemas import flavors as schema
from minicompute.api.openstack.compute.views import flavors as views
from minicompute.db import api as db_api

EXTRA_SPECS_RULE = 'os_compute_api:os-flavor-extra-specs:index'


class FlavorsController:
    def __init__(self, conf):
        self.conf = conf

    @staticmethod
    def _shows_extra_specs(request) -> bool:
        """From 2.61, when the caller may list extra specs (Nova's soft
        check of the extra specs index policy)."""
        return request.is_at_least(views.EXTRA_SPECS_FROM) and \
            policy.authorize(request.context, EXTRA_SPECS_RULE, fatal=False)

    def _list(self, request):
        policy.authorize(request.context, 'os_compute_api:flavors:index')
        strict_query.check(request, schema.LIST_QUERY)
        limit, marker = common.get_limit_and_marker(
            request, self.conf.api.max_limit)
        sort_key, sort_dir = _sort_params(request.GET)
        flavors = objects.FlavorList.get_by_filters(
            request.context, _filters(request), sort_key=sort_key,
            sort_dir=sort_dir, limit=limit, marker=marker)
        return flavors, limit

    @staticmethod
    def _list_body(request, items: list, limit: int) -> dict:
        body = {'flavors': items}
        next_links = common.collection_links(request, 'flavors', items,
                                             limit)
        if next_links:
            body['flavors_links'] = next_links
        return body

    def index(self, request):
        flavors, limit = self._list(request)
        return self._list_body(
            request, [views.basic(request, f) for f in flavors], limit)

    def detail(self, request):
        flavors, limit = self._list(request)
        extra_specs = self._shows_extra_specs(request)
        return self._list_body(
            request, [views.detail(request, f, extra_specs)
                      for f in flavors], limit)

    def show(self, request, id):
        policy.authorize(request.context, 'os_compute_api:flavors:index')
        flavor = common.get_flavor(request.context, id)
        return {'flavor': views.detail(request, flavor,
                                       self._shows_extra_specs(request))}

    def create(self, request, body):
        """200 (as Nova, for compatibility); ``description`` from 2.55."""
        policy.authorize(request.context,
                         'os_compute_api:os-flavor-manage:create')
        validation.validate(body, request.for_version(schema.CREATE))
        values = body['flavor']
        _check_printable(values.get('description'))
        flavor = objects.Flavor(
            request.context, name=values['name'].strip(),
            memory_mb=int(values['ram']), vcpus=int(values['vcpus']),
            root_gb=int(values['disk']),
            ephemeral_gb=int(values.get('OS-FLV-EXT-DATA:ephemeral', 0)),
            swap=int(values.get('swap', 0)),
            rxtx_factor=float(values.get('rxtx_factor', 1.0)),
            is_public=strutils.bool_from_string(
                values.get('os-flavor-access:is_public', True)),
            description=values.get('description'),
            disabled=False, extra_specs={})
        if values.get('id') is not None:
            flavor.flavorid = str(values['id'])
        flavor.create()
        return {'flavor': views.detail(request, flavor,
                                       self._shows_extra_specs(request))}

    def update(self, request, id, body):
        """PUT /flavors/{id} (2.55): the description is all it changes."""
        if not request.is_at_least(views.DESCRIPTION_FROM):
            raise exception.NotFound(
                message='The resource could not be found.')
        policy.authorize(request.context,
                         'os_compute_api:os-flavor-manage:update')
        validation.validate(body, schema.update)
        _check_printable(body['flavor']['description'])
        db_api.flavor_update(id, {
            'description': body['flavor']['description']})
        flavor = objects.Flavor.get_by_flavor_id(request.context, id)
        return {'flavor': views.detail(request, flavor,
                                       self._shows_extra_specs(request))}

    def delete(self, request, id):
        policy.authorize(request.context,
                         'os_compute_api:os-flavor-manage:delete')
        db_api.flavor_destroy(id)
        return wsgi.ResponseObject(None, code=202)


def _check_printable(description: str | None) -> None:
    """Nova's description rule, which a jsonschema pattern cannot say: no
    control, format, private-use or unassigned characters and no line or
    paragraph separators (the schema already refuses ASCII controls)."""
    for char in description or '':
        category = unicodedata.category(char)
        if category[0] == 'C' or category in ('Zl', 'Zp'):
            raise exception.ValidationError(
                detail='Invalid input for field/attribute description. '
                       'Value: %s. %r is not a printable character' % (
                           description, char))


# Nova's flavor sort keys that are columns here ('vcpu_weight', which is
# not, sorts by the default key).
SORT_KEYS = ('created_at', 'description', 'disabled', 'ephemeral_gb',
             'flavorid', 'id', 'is_public', 'memory_mb', 'name', 'root_gb',
             'rxtx_factor', 'swap', 'updated_at', 'vcpus')


def _sort_params(params) -> tuple[str, str]:
    sort_key = params.get('sort_key') or 'flavorid'
    sort_dir = params.get('sort_dir') or 'asc'
    if sort_key == 'vcpu_weight':
        sort_key = 'flavorid'
    for name, value, allowed in (('sort_key', sort_key, SORT_KEYS),
                                 ('sort_dir', sort_dir, ('asc', 'desc'))):
        if value not in allowed:
            raise exception.ValidationError(
                detail="Invalid input for query parameters %s. Value: %s. "
                       "'%s' is not one of %s" % (name, value, value,
                                                 list(allowed)))
    return sort_key, sort_dir


def _filters(request) -> dict:
    """minRam, minDisk, and is_public: admins may list private flavors
    (is_public=false) or all (is_public=none); others see public ones."""
    params = request.GET
    filters = {}
    for param, key in (('minRam', 'min_memory_mb'),
                       ('minDisk', 'min_root_gb')):
        if param in params:
            try:
                filters[key] = int(params[param])
            except ValueError:
                raise exception.ValidationError(
                    detail='Invalid %s filter [%s]' % (param,
                                                       params[param]))
    if not request.context.is_admin:
        # Public flavors and the private ones granted to the project.
        filters['accessible_to'] = request.context.project_id
        return filters
    filters['is_public'] = True
    if 'is_public' in params:
        value = params['is_public']
        if value.lower() == 'none':
            filters['is_public'] = None
        else:
            try:
                filters['is_public'] = strutils.bool_from_string(
                    value, strict=True)
            except ValueError:
                raise exception.ValidationError(
                    detail='Invalid is_public filter [%s]' % value)
    return filters
