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
        "Show an action's events at any microversion, with their "
        "tracebacks and (2.62) host names; from 2.51 the server's owner "
        "sees the events without these.",
        [{'method': 'GET', 'path': PATH + '/{request_id}'}]),
]


def list_rules():
    return rules
