"""/servers/{server_id}/tags: a server's string tags (microversion 2.26).

Nova's semantics: GET lists them, PUT replaces them all (at most 50),
DELETE removes them all; on ``/tags/{tag}`` GET answers 204 or 404, PUT
adds one (201 with its Location, 204 if the server had it) and DELETE
removes one. Changes need the server ACTIVE, PAUSED, SUSPENDED or SHUTOFF
(409 otherwise; a lock does not matter, as in Nova). Below 2.26 every
route is a 404. The tags filters of GET /servers are in
server_list_params.
"""
from __future__ import annotations

import urllib.parse

import jsonschema

from minicompute import exception, policy
from minicompute.api import validation
from minicompute.api.openstack import common, wsgi
from minicompute.api.openstack.compute.schemas import server_tags as schema
from minicompute.compute import api as compute_api
from minicompute.compute import vm_states
from minicompute.db import tags_api
from minicompute.policies import server_tags as tag_policies

MIN_VERSION = '2.26'
# The vm_states in which Nova lets tags change.
_CHANGEABLE_STATES = (vm_states.ACTIVE, vm_states.PAUSED,
                      vm_states.SUSPENDED, vm_states.STOPPED)


class ServerTagsController:
    # PUT /tags/{tag} is sent without a body.
    BODY_OPTIONAL = ('update',)

    def __init__(self, conf):
        self.conf = conf
        self.compute_api = compute_api.API(conf)

    def _get(self, request, server_id: str, rule: str):
        """The server, if the caller may see it and ``rule`` allows."""
        _check_version(request)
        instance = common.get_instance(self.compute_api, request.context,
                                       server_id)
        policy.authorize(request.context, tag_policies.PREFIX % rule,
                         {'project_id': instance.project_id,
                          'user_id': instance.user_id})
        return instance

    def _get_changeable(self, request, server_id: str, rule: str,
                        method: str):
        instance = self._get(request, server_id, rule)
        compute_api.check_instance_state(instance, method,
                                         _CHANGEABLE_STATES,
                                         task_state=None,
                                         must_have_launched=False)
        return instance

    # ---------------------------------------------------------- collection
    def index(self, request, server_id):
        instance = self._get(request, server_id, 'index')
        return {'tags': tags_api.tags_get(instance.uuid)}

    def update_all(self, request, server_id, body):
        _check_version(request)
        validation.validate(body, schema.update_all)
        instance = self._get_changeable(request, server_id, 'update_all',
                                        'update tags')
        return {'tags': tags_api.tags_set(instance.uuid, body['tags'])}

    def delete_all(self, request, server_id):
        instance = self._get_changeable(request, server_id, 'delete_all',
                                        'delete tags')
        tags_api.tags_delete_all(instance.uuid)
        return wsgi.ResponseObject(None, code=204)

    # ---------------------------------------------------------------- item
    def show(self, request, server_id, id):
        instance = self._get(request, server_id, 'show')
        if not tags_api.tag_exists(instance.uuid, id):
            raise exception.NotFound(
                message="Server %s has no tag '%s'" % (server_id, id))
        return wsgi.ResponseObject(None, code=204)

    def update(self, request, server_id, id, body=None):
        _check_version(request)
        validation.validate(body, schema.update)
        instance = self._get_changeable(request, server_id, 'update',
                                        'update tag')
        _check_tag(id)
        tags = tags_api.tags_get(instance.uuid)
        if len(tags) >= schema.MAX_TAGS:
            raise exception.ValidationError(
                detail='The number of tags exceeded the per-server limit '
                       '%d' % schema.MAX_TAGS)
        if id in tags:
            return wsgi.ResponseObject(None, code=204)
        tags_api.tag_add(instance.uuid, id)
        location = '%s/tags/%s' % (
            common.links(request, 'servers', instance.uuid)[0]['href'],
            urllib.parse.quote(id))
        return wsgi.ResponseObject(None, code=201,
                                   headers={'Location': location})

    def delete(self, request, server_id, id):
        instance = self._get_changeable(request, server_id, 'delete',
                                        'delete tag')
        if not tags_api.tag_delete(instance.uuid, id):
            raise exception.InstanceTagNotFound(instance_id=instance.uuid,
                                                tag=id)
        return wsgi.ResponseObject(None, code=204)


def _check_version(request) -> None:
    """Before 2.26 the routes do not exist (Nova's 404 for a method its
    microversion does not have)."""
    if not request.is_at_least(MIN_VERSION):
        raise exception.NotFound(message='The resource could not be found.')


def _check_tag(tag: str) -> None:
    """The tag in the URL of PUT /tags/{tag}: Nova's message."""
    try:
        jsonschema.validate(tag, schema.tag)
    except jsonschema.ValidationError as e:
        raise exception.ValidationError(
            detail="Tag '%s' is invalid. It must be a non empty string "
                   "without characters '/' and ','. Validation error "
                   "message: %s" % (tag, e.message))
