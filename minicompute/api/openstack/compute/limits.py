"""/limits: the project's absolute limits and usage (no rate limits).

Which limits are shown depends on the microversion (views/limits.py);
from 2.75 a query parameter other than ``tenant_id`` is a 400.
"""
from minicompute import policy
from minicompute.api import validation
from minicompute.api.openstack.compute.schemas import parameter_types as pt
from minicompute.api.openstack.compute.views import limits as views
from minicompute.compute import quota

RULE = 'os_compute_api:limits'

_QUERY = {
    'type': 'object',
    'properties': {'tenant_id': pt.multi_params({'type': 'string'})},
    'additionalProperties': True,
}
QUERY = {'2.1': _QUERY, '2.75': dict(_QUERY, additionalProperties=False)}


class LimitsController:
    def __init__(self, conf):
        self.conf = conf

    def index(self, request):
        context = request.context
        validation.validate_query(request.GET, request.for_version(QUERY))
        policy.authorize(context, RULE)
        project_id = context.project_id
        if 'tenant_id' in request.GET:
            project_id = request.GET['tenant_id']
            policy.authorize(context, RULE + ':other_project')
        limits = quota.get_limits(self.conf, project_id)
        usages = quota.get_usages(project_id)
        return views.build(request, limits, usages)
