"""/servers/{server_id}/os-instance-actions: what was done to a server,
by whom, and the events each step recorded on the hosts.

Microversions: 2.21 shows the actions of deleted servers; 2.51 shows the
events to the server's owner (tracebacks stay with the events policy);
2.58 pages the list (limit, marker = a request id) and filters it by
changes-since; 2.66 adds changes-before. Actions and events are listed
newest first, as Nova lists them.
"""
from oslo_utils import timeutils

from minicompute import exception, policy
from minicompute.api import validation
from minicompute.api.openstack import common
from minicompute.api.openstack.compute.schemas import (
    instance_actions as schema,
)
from minicompute.api.openstack.compute.views import instance_actions as views
from minicompute.db import actions_api
from minicompute.db import api as db_api

RULE = 'os_compute_api:os-instance-actions:%s'

INDEX_QUERY_SCHEMAS = {'2.1': schema.index_query,
                       '2.58': schema.index_query_v258,
                       '2.66': schema.index_query_v266}


class InstanceActionsController:
    def __init__(self, conf):
        self.conf = conf

    @staticmethod
    def _get_server(request, server_id: str):
        """The server as servers.py shows it (own project, or an admin);
        from 2.21 a deleted one too."""
        context = request.context
        try:
            instance = db_api.instance_get_by_uuid(
                server_id, read_deleted=request.is_at_least('2.21'))
        except exception.InstanceNotFound:
            raise exception.InstanceNotFound(instance_id=server_id)
        if not context.is_admin and \
                instance.project_id != context.project_id:
            raise exception.InstanceNotFound(instance_id=server_id)
        return instance

    def index(self, request, server_id):
        validation.validate_query(request.GET,
                                  request.for_version(INDEX_QUERY_SCHEMAS))
        context = request.context
        instance = self._get_server(request, server_id)
        policy.authorize(context, RULE % 'list',
                         {'project_id': instance.project_id})
        if not request.is_at_least('2.58'):
            rows = actions_api.actions_get_page(instance.uuid)
            return {'instanceActions': [views.action(request, row)
                                        for row in rows]}
        changes_since = _time_param(request, 'changes-since')
        changes_before = _time_param(request, 'changes-before')
        if changes_since and changes_before and \
                changes_before < changes_since:
            raise exception.ValidationError(
                detail='The value of changes-since must be less than or '
                       'equal to changes-before.')
        limit, marker = common.get_limit_and_marker(request,
                                                    self.conf.api.max_limit)
        rows = actions_api.actions_get_page(
            instance.uuid, limit=limit, marker=marker,
            changes_since=changes_since, changes_before=changes_before)
        actions = [views.action(request, row) for row in rows]
        body = {'instanceActions': actions}
        links = common.collection_links(request, 'os-instance-actions',
                                        actions, limit, key='request_id')
        if links:
            body['links'] = links
        return body

    def show(self, request, server_id, id):
        context = request.context
        instance = self._get_server(request, server_id)
        policy.authorize(context, RULE % 'show',
                         {'project_id': instance.project_id})
        row = actions_api.action_get_by_request_id(instance.uuid, id)
        if row is None:
            raise exception.NotFound(message='Action %s not found' % id)
        body = views.action(request, row)
        # Admins (the events policy) see events at every version, with
        # tracebacks; from 2.51 the owner sees them without.
        privileged = policy.authorize(context, RULE % 'events',
                                      {'project_id': instance.project_id},
                                      fatal=False)
        if privileged or request.is_at_least('2.51'):
            # Events of periodic tasks may have no project: the server's.
            project_id = row.project_id or instance.project_id
            body['events'] = [
                views.event(request, event, project_id, privileged)
                for event in actions_api.action_events_get(row.id,
                                                      newest_first=True)]
        return {'instanceAction': body}


def _time_param(request, name: str):
    """A validated ISO 8601 query parameter as a naive UTC datetime."""
    value = request.GET.get(name)
    if value is None:
        return None
    return timeutils.normalize_time(timeutils.parse_isotime(value))
