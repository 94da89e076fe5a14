"""Policies of /limits."""
from oslo_policy import policy

from minicompute.policies import base

BASE = 'os_compute_api:limits'

rules = [
    policy.DocumentedRuleDefault(
        BASE, base.ANY, "Show your project's rate and absolute limits.",
        [{'method': 'GET', 'path': '/limits'}]),
    policy.DocumentedRuleDefault(
        BASE + ':other_project', base.ADMIN,
        "Show another project's limits (tenant_id=...).",
        [{'method': 'GET', 'path': '/limits'}]),
]


def list_rules():
    return rules
