"""/os-keypairs: create (generate or import), list, show, delete.

Key pairs belong to the calling user (``user_id`` from the context), not
to the project; the 2.1 API has no way to name another user's keys.
"""
from minicompute import policy
from minicompute.api import validation
from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute.schemas import keypairs as schema
from minicompute.api.openstack.compute.views import keypairs as views
from minicompute.compute import keypairs as keypairs_api

RULE = 'os_compute_api:os-keypairs:%s'


class KeypairController:
    def __init__(self, conf):
        self.conf = conf
        self.api = keypairs_api.KeypairAPI(conf)

    @staticmethod
    def _authorize(context, action: str) -> str:
        user_id = context.user_id
        policy.authorize(context, RULE % action, {'user_id': user_id})
        return user_id

    def create(self, request, body):
        """200 at 2.1, with ``private_key`` only when one was generated."""
        context = request.context
        self._authorize(context, 'create')
        validation.validate(body, schema.create)
        values = body['keypair']
        if 'public_key' in values:
            keypair = self.api.import_key_pair(context, values['name'],
                                               values['public_key'])
            return {'keypair': views.create(keypair)}
        keypair, private_key = self.api.create_key_pair(context,
                                                        values['name'])
        return {'keypair': views.create(keypair, private_key)}

    def index(self, request):
        context = request.context
        user_id = self._authorize(context, 'index')
        keypairs = self.api.get_key_pairs(context, user_id)
        return {'keypairs': [views.index_item(k) for k in keypairs]}

    def show(self, request, id):
        context = request.context
        user_id = self._authorize(context, 'show')
        keypair = self.api.get_key_pair(context, user_id, id)
        return {'keypair': views.show(keypair)}

    def delete(self, request, id):
        """202 at 2.1 (204 from 2.2)."""
        context = request.context
        user_id = self._authorize(context, 'delete')
        self.api.delete_key_pair(context, user_id, id)
        return wsgi.ResponseObject(None, code=202)
