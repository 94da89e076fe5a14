"""/os-quota-sets/{project_id}: show, defaults, detail, update, delete.

Limits are the project's overrides (``quotas`` table) over the ``[quota]``
defaults; usage is counted at request time (compute/quota.py).
Per-user quotas are not stored: ``?user_id=`` on GET shows the project's
limits (with that user's key pairs in use), and on PUT or DELETE is refused
with 400. key_pairs are counted per user against the project's limit.

By microversion, as Nova: from 2.36 the network quotas, and from 2.57 the
injected-file quotas, are neither shown nor taken (schemas/quota_sets.py);
from 2.75 unknown query parameters are a 400.
"""
from oslo_utils import strutils

from minicompute import exception, policy
from minicompute.api import validation
from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute.schemas import quota_sets as schema
from minicompute.compute import quota
from minicompute.db import quotas_api

RULE = 'os_compute_api:os-quota-sets:%s'


def _shown(request, values: dict) -> dict:
    """``values`` without the quotas this microversion leaves out."""
    filtered = request.for_version(schema.FILTERED)
    return {resource: value for resource, value in values.items()
            if resource not in filtered}


def _check_range(values: dict) -> None:
    """The bounds of the schema for limits given as strings, which
    jsonschema does not compare (Nova's validator does)."""
    for resource, value in values.items():
        if resource == 'force':
            continue
        number = int(value)
        if number < schema.MIN_LIMIT:
            reason = '%d is less than the minimum of %d' % (
                number, schema.MIN_LIMIT)
        elif number > schema.MAX_INT:
            reason = '%d is greater than the maximum of %d' % (
                number, schema.MAX_INT)
        else:
            continue
        raise exception.ValidationError(
            detail='Invalid input for field/attribute %s. Value: %s. %s' % (
                resource, value, reason))


class QuotaSetsController:
    def __init__(self, conf):
        self.conf = conf

    @staticmethod
    def _authorize(request, action: str, project_id: str,
                   query: bool = True) -> None:
        if query:
            validation.validate_query(request.GET,
                                      request.for_version(schema.QUERY))
        policy.authorize(request.context, RULE % action,
                         {'project_id': project_id})

    @staticmethod
    def _user_id(request, project_id: str):
        """Whose key pairs count: the one asked for, else the caller's in
        the caller's project."""
        context = request.context
        if request.GET.get('user_id'):
            return request.GET['user_id']
        return context.user_id if project_id == context.project_id else None

    @staticmethod
    def _refuse_user_quotas(request) -> None:
        if 'user_id' in request.GET:
            raise exception.ValidationError(
                detail='Per-user quotas are not supported.')

    def show(self, request, id):
        self._authorize(request, 'show', id)
        return {'quota_set': dict(
            _shown(request, quota.get_limits(self.conf, id)), id=id)}

    def defaults(self, request, id):
        self._authorize(request, 'defaults', id, query=False)
        return {'quota_set': dict(
            _shown(request, quota.get_defaults(self.conf)), id=id)}

    def detail(self, request, id):
        self._authorize(request, 'detail', id)
        limits = _shown(request, quota.get_limits(self.conf, id))
        usages = quota.get_usages(id, self._user_id(request, id))
        body = {resource: {'limit': limit, 'in_use': usages[resource],
                           'reserved': 0}
                for resource, limit in limits.items()}
        return {'quota_set': dict(body, id=id)}

    def update(self, request, id, body):
        validation.validate(body, request.for_version(schema.UPDATE))
        self._authorize(request, 'update', id)
        self._refuse_user_quotas(request)
        values = dict(body['quota_set'])
        if 'networks' in values:
            raise exception.ValidationError(
                detail='The networks quota is disabled')
        _check_range(values)
        force = strutils.bool_from_string(values.pop('force', False))
        values = {resource: int(value) for resource, value in values.items()}
        if not force:
            usages = quota.get_usages(id, self._user_id(request, id))
            for resource, limit in values.items():
                if 0 <= limit < usages[resource]:
                    raise exception.ValidationError(
                        detail='Quota limit %d for %s must be greater than '
                               'or equal to already used and reserved %d.'
                               % (limit, resource, usages[resource]))
        quotas_api.quota_set(id, values)
        # Nova's update answer has no id.
        return {'quota_set': _shown(request,
                                    quota.get_limits(self.conf, id))}

    def delete(self, request, id):
        self._authorize(request, 'delete', id)
        self._refuse_user_quotas(request)
        quotas_api.quota_destroy_all_by_project(id)
        return wsgi.ResponseObject(None, code=202)
