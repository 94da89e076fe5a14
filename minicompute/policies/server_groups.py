"""Policies of /os-server-groups."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:os-server-groups:%s'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'index', base.ANY, "List your project's server groups.",
        [{'method': 'GET', 'path': '/os-server-groups'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'index:all_projects', base.ADMIN,
        'List the server groups of all projects (all_projects=True).',
        [{'method': 'GET', 'path': '/os-server-groups'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'show', base.PROJECT_MEMBER_OR_ADMIN, 'Show a server group.',
        [{'method': 'GET', 'path': '/os-server-groups/{server_group_id}'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'create', base.PROJECT_MEMBER_OR_ADMIN,
        'Create a server group in your project.',
        [{'method': 'POST', 'path': '/os-server-groups'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'delete', base.PROJECT_MEMBER_OR_ADMIN,
        'Delete a server group.',
        [{'method': 'DELETE', 'path': '/os-server-groups/{server_group_id}'}]),
]


def list_rules():
    return rules
