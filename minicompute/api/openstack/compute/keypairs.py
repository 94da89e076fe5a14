"""/os-keypairs: create (generate or import), list, show, delete.

Key pairs belong to a user (``user_id``), not to a project. By
microversion:

- 2.2: a ``type`` (``ssh`` or ``x509``) on create and in every body;
  create answers 201 and delete 204 (200 and 202 before);
- 2.10: ``user_id`` in the create body and as a query parameter of list,
  show and delete names another user's key pairs; the keypairs policies
  (admin or that user, by default) decide, so others get a 403;
- 2.35: ``limit`` and ``marker`` (a key pair name) page the list, sorted by
  name, with ``keypairs_links``;
- 2.75: unknown query parameters are a 400.
"""
from __future__ import annotations

from minicompute import policy
from minicompute.api import validation
from minicompute.api.openstack import common, wsgi
from minicompute.api.openstack.compute import strict_query
from minicompute.api.openstack.compute.schemas import keypairs as schema
from minicompute.api.openstack.compute.views import keypairs as views
from minicompute.compute import keypairs as keypairs_api

RULE = 'os_compute_api:os-keypairs:%s'
CREATED_FROM = '2.2'
USER_ID_FROM = '2.10'
PAGING_FROM = '2.35'


class KeypairController:
    def __init__(self, conf):
        self.conf = conf
        self.api = keypairs_api.KeypairAPI(conf)

    @staticmethod
    def _authorize(context, action: str, user_id: str | None) -> str:
        """The key pairs' owner (the caller unless ``user_id`` names
        another), once the policy allows the caller to act for it."""
        user_id = user_id or context.user_id
        policy.authorize(context, RULE % action,
                         {'user_id': user_id,
                          'project_id': context.project_id})
        return user_id

    @staticmethod
    def _query_user_id(request, known: dict) -> str | None:
        strict_query.check(request, request.for_version(known))
        if not request.is_at_least(USER_ID_FROM):
            return None
        values = request.GET.getall('user_id')
        return values[0] if values else None

    def create(self, request, body):
        """200 at 2.1, 201 from 2.2; ``private_key`` only when one was
        generated."""
        context = request.context
        validation.validate(body, request.for_version(schema.CREATE))
        values = body['keypair']
        user_id = self._authorize(context, 'create', values.get('user_id'))
        key_type = values.get('type', keypairs_api.KEY_TYPE_SSH)
        private_key = None
        if 'public_key' in values:
            keypair = self.api.import_key_pair(
                context, user_id, values['name'], values['public_key'],
                key_type)
        else:
            keypair, private_key = self.api.create_key_pair(
                context, user_id, values['name'], key_type)
        code = 201 if request.is_at_least(CREATED_FROM) else 200
        return wsgi.ResponseObject(views.create(request, keypair,
                                                private_key), code=code)

    def index(self, request):
        context = request.context
        user_id = self._authorize(
            context, 'index',
            self._query_user_id(request, schema.INDEX_QUERY))
        limit = marker = None
        if request.is_at_least(PAGING_FROM):
            limit, marker = common.get_limit_and_marker(
                request, self.conf.api.max_limit)
        keypairs = self.api.get_key_pairs(context, user_id, limit=limit,
                                          marker=marker)
        return views.index(request, keypairs, limit)

    def show(self, request, id):
        context = request.context
        user_id = self._authorize(
            context, 'show', self._query_user_id(request, schema.ITEM_QUERY))
        return views.show(request, self.api.get_key_pair(context, user_id,
                                                         id))

    def delete(self, request, id):
        """202 at 2.1, 204 from 2.2."""
        context = request.context
        user_id = self._authorize(
            context, 'delete',
            self._query_user_id(request, schema.ITEM_QUERY))
        self.api.delete_key_pair(context, user_id, id)
        code = 204 if request.is_at_least(CREATED_FROM) else 202
        return wsgi.ResponseObject(None, code=code)
