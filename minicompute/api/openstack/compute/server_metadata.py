"""/servers/{server_id}/metadata: a server's key/value metadata.

Nova's 2.1 semantics: POST merges into the existing items, PUT on the
collection replaces them all, PUT on ``/{key}`` sets the one item the URL
names. The merged result counts against the ``metadata_items`` quota (403)
and changes need an unlocked server in ACTIVE, PAUSED, SUSPENDED or SHUTOFF
(409 otherwise).
"""
from __future__ import annotations

from minicompute import exception, policy
from minicompute.api import validation
from minicompute.api.openstack import common, wsgi
from minicompute.api.openstack.compute.schemas import server_metadata as schema
from minicompute.compute import api as compute_api

RULE = 'os_compute_api:server-metadata:%s'


def _item_not_found() -> exception.NotFound:
    return exception.NotFound(message='Metadata item was not found')


class ServerMetadataController:
    def __init__(self, conf):
        self.conf = conf
        self.compute_api = compute_api.API(conf)

    def _get(self, request, server_id: str, rule: str):
        instance = common.get_instance(self.compute_api, request.context,
                                       server_id)
        policy.authorize(request.context, RULE % rule,
                         {'project_id': instance.project_id,
                          'user_id': instance.user_id})
        return instance

    def index(self, request, server_id):
        instance = self._get(request, server_id, 'index')
        return {'metadata': dict(instance.metadata or {})}

    def create(self, request, server_id, body):
        validation.validate(body, schema.create)
        instance = self._get(request, server_id, 'create')
        return {'metadata': self.compute_api.update_instance_metadata(
            request.context, instance, body['metadata'])}

    def update_all(self, request, server_id, body):
        validation.validate(body, schema.update_all)
        instance = self._get(request, server_id, 'update_all')
        return {'metadata': self.compute_api.update_instance_metadata(
            request.context, instance, body['metadata'], delete=True)}

    def show(self, request, server_id, id):
        instance = self._get(request, server_id, 'show')
        metadata = instance.metadata or {}
        if id not in metadata:
            raise _item_not_found()
        return {'meta': {id: metadata[id]}}

    def update(self, request, server_id, id, body):
        validation.validate(body, schema.update)
        if id not in body['meta']:
            raise exception.ValidationError(
                detail='Request body and URI mismatch')
        instance = self._get(request, server_id, 'update')
        self.compute_api.update_instance_metadata(
            request.context, instance, body['meta'])
        return {'meta': body['meta']}

    def delete(self, request, server_id, id):
        instance = self._get(request, server_id, 'delete')
        if id not in (instance.metadata or {}):
            raise _item_not_found()
        self.compute_api.delete_instance_metadata(request.context,
                                                  instance, id)
        return wsgi.ResponseObject(None, code=204)
