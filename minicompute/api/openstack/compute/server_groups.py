"""/os-server-groups: list, show, create, delete server groups.

A group's policy is enforced when servers are created with
``os:scheduler_hints: {"group": <id>}``: by the scheduler's filters and
weighers, and by the compute host's late check (compute/group_policy.py).
"""
from oslo_utils import strutils

from minicompute import exception, objects, policy
from minicompute.api import validation
from minicompute.api.openstack import common, wsgi
from minicompute.api.openstack.compute.schemas import server_groups as schema
from minicompute.api.openstack.compute.views import server_groups as views
from minicompute.compute import quota

RULE = 'os_compute_api:os-server-groups:%s'


class ServerGroupsController:
    def __init__(self, conf):
        self.conf = conf

    def _get(self, context, group_id):
        try:
            group = objects.InstanceGroup.get_by_uuid(context, group_id)
        except exception.InstanceGroupNotFound:
            raise exception.InstanceGroupNotFound(group_uuid=group_id)
        if not context.is_admin and group.project_id != context.project_id:
            raise exception.InstanceGroupNotFound(group_uuid=group_id)
        return group

    def index(self, request):
        context = request.context
        policy.authorize(context, RULE % 'index')
        project_id = context.project_id
        if strutils.bool_from_string(request.GET.get('all_projects',
                                                     'false')):
            policy.authorize(context, RULE % 'index:all_projects')
            project_id = None
        limit = common._int_param(request.GET, 'limit', 0)
        limit = self.conf.api.max_limit if limit is None else \
            min(limit, self.conf.api.max_limit)
        offset = common._int_param(request.GET, 'offset', 0)
        groups = objects.InstanceGroupList.get_all(
            context, project_id=project_id, limit=limit, offset=offset)
        return {'server_groups': [views.show(request, g) for g in groups]}

    def show(self, request, id):
        context = request.context
        group = self._get(context, id)
        policy.authorize(context, RULE % 'show',
                         {'project_id': group.project_id})
        return {'server_group': views.show(request, group)}

    def create(self, request, body):
        context = request.context
        policy.authorize(context, RULE % 'create',
                         {'project_id': context.project_id})
        validation.validate(body, schema.create)
        quota.check_server_groups(self.conf, context)
        values = body['server_group']
        group = objects.InstanceGroup(
            context, name=values['name'], project_id=context.project_id,
            user_id=context.user_id, policy=values['policies'][0],
            rules={}, members=[])
        group.create()
        return {'server_group': views.show(request, group)}

    def delete(self, request, id):
        context = request.context
        group = self._get(context, id)
        policy.authorize(context, RULE % 'delete',
                         {'project_id': group.project_id})
        group.destroy()
        return wsgi.ResponseObject(None, code=204)
