"""/flavors: list, show, and the admin-only create and delete."""
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
        flavors = list(objects.FlavorList.get_all(request.context))
        if not request.context.is_admin:
            flavors = [f for f in flavors if f.is_public]
        if marker is not None:
            ids = [f.flavorid for f in flavors]
            if marker not in ids:
                raise _bad_marker(marker)
            flavors = flavors[ids.index(marker) + 1:]
        flavors = flavors[:limit]
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
        flavor = objects.Flavor.get_by_flavor_id(request.context, id)
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


def _bad_marker(marker):
    return exception.Invalid(reason='marker [%s] not found' % marker)
