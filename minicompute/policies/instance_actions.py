"""Policies of /servers/{server_id}/os-instance-actions."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:os-instance-actions:%s'
PATH = '/servers/{server_id}/os-instance-actions'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'list', base.PROJECT_MEMBER_OR_ADMIN,
        "List a server's actions.", [{'method': 'GET', 'path': PATH}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'show', base.PROJECT_MEMBER_OR_ADMIN,
        'Show a server action.',
        [{'method': 'GET', 'path': PATH + '/{request_id}'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'events', base.ADMIN,
        "Show an action's events (with tracebacks).",
        [{'method': 'GET', 'path': PATH + '/{request_id}'}]),
]


def list_rules():
    return rules
