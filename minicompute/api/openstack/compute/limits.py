"""/limits: the project's absolute limits and usage (no rate limits)."""
from minicompute import policy
from minicompute.api.openstack.compute.views import limits as views
from minicompute.compute import quota

RULE = 'os_compute_api:limits'


class LimitsController:
    def __init__(self, conf):
        self.conf = conf

    def index(self, request):
        context = request.context
        policy.authorize(context, RULE)
        project_id = context.project_id
        if 'tenant_id' in request.GET:
            project_id = request.GET['tenant_id']
            policy.authorize(context, RULE + ':other_project')
        limits = quota.get_limits(self.conf, project_id)
        usages = quota.get_usages(project_id)
        return views.build(limits, usages)
