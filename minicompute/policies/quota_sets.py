"""Policies of /os-quota-sets."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:os-quota-sets:%s'
PATH = '/os-quota-sets/{tenant_id}'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'show', base.PROJECT_MEMBER_OR_ADMIN,
        "Show a project's quotas.", [{'method': 'GET', 'path': PATH}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'detail', base.PROJECT_MEMBER_OR_ADMIN,
        "Show a project's quotas with usage.",
        [{'method': 'GET', 'path': PATH + '/detail'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'defaults', base.ANY, 'Show the default quotas.',
        [{'method': 'GET', 'path': PATH + '/defaults'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'update', base.ADMIN, "Update a project's quotas.",
        [{'method': 'PUT', 'path': PATH}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'delete', base.ADMIN,
        "Revert a project's quotas to the defaults.",
        [{'method': 'DELETE', 'path': PATH}]),
]


def list_rules():
    return rules
