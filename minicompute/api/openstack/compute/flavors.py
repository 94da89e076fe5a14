"""/flavors: list, show, and the admin-only create and delete."""
from __future__ import annotations

from oslo_utils import strutils

from minicompute import exception, objects, policy
from minicompute.api import validation
from minicompute.api.openstack import common, wsgi
from minicompute.api.openstack.compute.schemas import flavors as schema
from minicompute.api.openstack.compute.views import flavors as views
from minicompute.db import api as db_api


class FlavorsController:
    def __init__(self, conf):
        self.conf = conf

    def _list(self, request, view):
        policy.authorize(request.context, 'os_compute_api:flavors:index')
        limit, marker = common.get_limit_and_marker(
            request, self.conf.api.max_limit)
        sort_key, sort_dir = _sort_params(request.GET)
        flavors = objects.FlavorList.get_by_filters(
            request.context, _filters(request), sort_key=sort_key,
            sort_dir=sort_dir, limit=limit, marker=marker)
        body = {'flavors': [view(request, f) for f in flavors]}
        next_links = common.collection_links(request, 'flavors',
                                             body['flavors'], limit)
        if next_links:
            body['flavors_links'] = next_links
        return body

    def index(self, request):
        return self._list(request, views.basic)

    def detail(self, request):
        return self._list(request, views.detail)

    def show(self, request, id):
        policy.authorize(request.context, 'os_compute_api:flavors:index')
        flavor = common.get_flavor(request.context, id)
        return {'flavor': views.detail(request, flavor)}

    def create(self, request, body):
        policy.authorize(request.context,
                         'os_compute_api:os-flavor-manage:create')
        validation.validate(body, schema.create)
        values = body['flavor']
        flavor = objects.Flavor(
            request.context, name=values['name'].strip(),
            memory_mb=int(values['ram']), vcpus=int(values['vcpus']),
            root_gb=int(values['disk']),
            ephemeral_gb=int(values.get('OS-FLV-EXT-DATA:ephemeral', 0)),
            swap=int(values.get('swap', 0)),
            rxtx_factor=float(values.get('rxtx_factor', 1.0)),
            is_public=strutils.bool_from_string(
                values.get('os-flavor-access:is_public', True)),
            disabled=False, extra_specs={})
        if values.get('id') is not None:
            flavor.flavorid = str(values['id'])
        flavor.create()
        return {'flavor': views.detail(request, flavor)}

    def delete(self, request, id):
        policy.authorize(request.context,
                         'os_compute_api:os-flavor-manage:delete')
        db_api.flavor_destroy(id)
        return wsgi.ResponseObject(None, code=202)


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
