"""/os-server-groups: list, show, create, delete server groups.

A group's policy is enforced when servers are created with
``os:scheduler_hints: {"group": <id>}``: by the scheduler's filters and
weighers, and by the compute host's late check (compute/group_policy.py).
From microversion 2.64 an anti-affinity group may allow more than one
member per host (``rules.max_server_per_host``); both honour it.
"""
from minicompute import exception, objects, policy
from minicompute.api import validation
from minicompute.api.openstack import common, wsgi
from minicompute.api.openstack.compute.schemas import server_groups as schema
from minicompute.api.openstack.compute.views import server_groups as views
from minicompute.compute import quota

RULE = 'os_compute_api:os-server-groups:%s'

CREATE_SCHEMAS = {'2.1': schema.create, '2.15': schema.create_v215,
                  '2.64': schema.create_v264}
INDEX_QUERY_SCHEMAS = {'2.1': schema.index_query,
                       '2.75': schema.index_query_v275}


class ServerGroupsController:
    def __init__(self, conf):
        self.conf = conf

    @staticmethod
    def _get(context, group_id):
        """Another project's group is a 404, as if it did not exist
        (Nova's query is scoped to the caller's project unless admin)."""
        group = objects.InstanceGroup.get_by_uuid(context, group_id)
        if not context.is_admin and group.project_id != context.project_id:
            raise exception.InstanceGroupNotFound(group_uuid=group_id)
        return group

    def index(self, request):
        validation.validate_query(request.GET,
                                  request.for_version(INDEX_QUERY_SCHEMAS))
        context = request.context
        policy.authorize(context, RULE % 'index')
        project_id = context.project_id
        # As in Nova: the presence of all_projects (whatever its value)
        # asks for every project, and only an admin gets them; anyone
        # else quietly gets their own project's groups.
        if 'all_projects' in request.GET and context.is_admin:
            policy.authorize(context, RULE % 'index:all_projects')
            project_id = None
        max_limit = self.conf.api.max_limit
        limit = common._int_param(request.GET, 'limit', 0)
        limit = min(max_limit, limit or max_limit)
        offset = common._int_param(request.GET, 'offset', 0) or 0
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
        validation.validate(body, request.for_version(CREATE_SCHEMAS))
        context = request.context
        policy.authorize(context, RULE % 'create',
                         {'project_id': context.project_id})
        quota.check_server_groups(self.conf, context)
        values = body['server_group']
        if request.is_at_least('2.64'):
            group_policy, rules = _policy_and_rules(values)
        else:
            group_policy, rules = values['policies'][0], {}
        group = objects.InstanceGroup(
            context, name=values['name'], project_id=context.project_id,
            user_id=context.user_id, policy=group_policy, rules=rules,
            members=[])
        group.create()
        try:
            quota.check_server_groups(self.conf, context, delta=0)
        except exception.OverQuota:
            group.destroy()
            raise
        return {'server_group': views.show(request, group)}

    def delete(self, request, id):
        context = request.context
        group = self._get(context, id)
        policy.authorize(context, RULE % 'delete',
                         {'project_id': group.project_id})
        group.destroy()
        return wsgi.ResponseObject(None, code=204)


def _policy_and_rules(values: dict) -> tuple[str, dict]:
    """The 2.64 body's policy and rules, checked as Nova checks them
    beyond the schema."""
    group_policy = values['policy']
    rules = values.get('rules', {})
    if rules and group_policy != 'anti-affinity':
        raise exception.ValidationError(
            detail='Only anti-affinity policy supports rules.')
    if 'max_server_per_host' in rules:
        value = rules['max_server_per_host']
        # The schema lets a string "0" through; Nova's validator reads
        # numeric strings as numbers for ``minimum``.
        if int(value) < 1:
            raise exception.ValidationError(
                detail='Invalid input for field/attribute '
                       'max_server_per_host. Value: %s. %s is less than '
                       'the minimum of 1' % (value, int(value)))
        rules = {'max_server_per_host': int(value)}
    return group_policy, rules
