"""Policies of /servers/{server_id}/tags (microversion 2.26)."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:os-server-tags:%s'
_COLLECTION = '/servers/{server_id}/tags'
_ITEM = '/servers/{server_id}/tags/{tag}'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'index', base.PROJECT_MEMBER_OR_ADMIN,
        "List a server's tags.", [{'method': 'GET', 'path': _COLLECTION}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'show', base.PROJECT_MEMBER_OR_ADMIN,
        'Check whether a server has a tag.',
        [{'method': 'GET', 'path': _ITEM}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'update_all', base.PROJECT_MEMBER_OR_ADMIN,
        "Replace all of a server's tags.",
        [{'method': 'PUT', 'path': _COLLECTION}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'update', base.PROJECT_MEMBER_OR_ADMIN,
        'Add one tag to a server.', [{'method': 'PUT', 'path': _ITEM}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'delete_all', base.PROJECT_MEMBER_OR_ADMIN,
        "Remove all of a server's tags.",
        [{'method': 'DELETE', 'path': _COLLECTION}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'delete', base.PROJECT_MEMBER_OR_ADMIN,
        'Remove one tag from a server.',
        [{'method': 'DELETE', 'path': _ITEM}]),
]


def list_rules():
    return rules
