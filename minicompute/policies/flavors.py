"""Policies of /flavors."""
from oslo_policy import policy

from minicompute.policies import base

rules = [
    policy.DocumentedRuleDefault(
        'os_compute_api:flavors:index', base.ANY, 'List and show flavors.',
        [{'method': 'GET', 'path': '/flavors'},
         {'method': 'GET', 'path': '/flavors/detail'},
         {'method': 'GET', 'path': '/flavors/{flavor_id}'}]),
    policy.DocumentedRuleDefault(
        'os_compute_api:os-flavor-manage:create', base.ADMIN,
        'Create a flavor.', [{'method': 'POST', 'path': '/flavors'}]),
    policy.DocumentedRuleDefault(
        'os_compute_api:os-flavor-manage:update', base.ADMIN,
        "Update a flavor's description (microversion 2.55).",
        [{'method': 'PUT', 'path': '/flavors/{flavor_id}'}]),
    policy.DocumentedRuleDefault(
        'os_compute_api:os-flavor-manage:delete', base.ADMIN,
        'Delete a flavor.',
        [{'method': 'DELETE', 'path': '/flavors/{flavor_id}'}]),
]


def list_rules():
    return rules
