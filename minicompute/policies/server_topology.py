"""Policies of /servers/{server_id}/topology (microversion 2.78)."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'compute:server:topology:%s'
_PATH = '/servers/{server_id}/topology'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'index', base.PROJECT_MEMBER_OR_ADMIN,
        'Show the NUMA topology of a server.',
        [{'method': 'GET', 'path': _PATH}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'host:index', base.ADMIN,
        'Show the NUMA topology of a server with the host NUMA node and '
        'CPU pinning of each guest node.',
        [{'method': 'GET', 'path': _PATH}]),
]


def list_rules():
    return rules
