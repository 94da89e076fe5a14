"""Policies of flavor access lists (admin only)."""
from oslo_policy import policy

from minicompute.policies import base

RULE = 'os_compute_api:os-flavor-access'

rules = [
    policy.DocumentedRuleDefault(
        RULE, base.ADMIN, 'List the projects granted a private flavor.',
        [{'method': 'GET', 'path': '/flavors/{flavor_id}/os-flavor-access'}]),
    policy.DocumentedRuleDefault(
        RULE + ':add_tenant_access', base.ADMIN,
        'Grant a project a private flavor.',
        [{'method': 'POST',
          'path': '/flavors/{flavor_id}/action (addTenantAccess)'}]),
    policy.DocumentedRuleDefault(
        RULE + ':remove_tenant_access', base.ADMIN,
        "Take back a project's access to a private flavor.",
        [{'method': 'POST',
          'path': '/flavors/{flavor_id}/action (removeTenantAccess)'}]),
]


def list_rules():
    return rules
