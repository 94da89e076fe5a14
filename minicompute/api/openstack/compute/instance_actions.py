"""/servers/{server_id}/os-instance-actions: what was done to a server,
by whom, and (for admins) the events each step recorded on the hosts."""
from minicompute import exception, policy
from minicompute.api.openstack.compute.views import instance_actions as views
from minicompute.compute import api as compute_api
from minicompute.db import api as db_api

RULE = 'os_compute_api:os-instance-actions:%s'


class InstanceActionsController:
    def __init__(self, conf):
        self.conf = conf
        self.compute_api = compute_api.API(conf)

    def _get_server(self, context, server_id: str):
        """Visible as servers.py shows it: own project, or an admin."""
        try:
            instance = self.compute_api.get(context, server_id)
        except exception.InstanceNotFound:
            raise exception.InstanceNotFound(instance_id=server_id)
        if not context.is_admin and \
                instance.project_id != context.project_id:
            raise exception.InstanceNotFound(instance_id=server_id)
        return instance

    def index(self, request, server_id):
        context = request.context
        instance = self._get_server(context, server_id)
        policy.authorize(context, RULE % 'list',
                         {'project_id': instance.project_id})
        # Newest first, as Nova lists them.
        rows = reversed(db_api.actions_get(instance.uuid))
        return {'instanceActions': [views.action(row) for row in rows]}

    def show(self, request, server_id, id):
        context = request.context
        instance = self._get_server(context, server_id)
        policy.authorize(context, RULE % 'show',
                         {'project_id': instance.project_id})
        rows = [row for row in db_api.actions_get(instance.uuid)
                if row.request_id == id]
        if not rows:
            raise exception.NotFound(message='Action %s not found' % id)
        row = rows[-1]
        body = views.action(row)
        if policy.authorize(context, RULE % 'events',
                            {'project_id': instance.project_id},
                            fatal=False):
            body['events'] = [views.event(event) for event in
                              db_api.action_events_get(row.id)]
        return {'instanceAction': body}
