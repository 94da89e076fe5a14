"""Policies of /os-simple-tenant-usage."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:os-simple-tenant-usage:%s'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'list', base.ADMIN, 'List the usage of all projects.',
        [{'method': 'GET', 'path': '/os-simple-tenant-usage'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'show', base.PROJECT_MEMBER_OR_ADMIN,
        'Show the usage of one project.',
        [{'method': 'GET', 'path': '/os-simple-tenant-usage/{tenant_id}'}]),
]


def list_rules():
    return rules
