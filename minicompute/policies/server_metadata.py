"""Policies of /servers/{server_id}/metadata."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:server-metadata:%s'
_COLLECTION = '/servers/{server_id}/metadata'
_ITEM = '/servers/{server_id}/metadata/{key}'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'index', base.PROJECT_MEMBER_OR_ADMIN,
        "List a server's metadata.", [{'method': 'GET', 'path': _COLLECTION}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'show', base.PROJECT_MEMBER_OR_ADMIN,
        'Show one metadata item of a server.',
        [{'method': 'GET', 'path': _ITEM}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'create', base.PROJECT_MEMBER_OR_ADMIN,
        "Add or change items of a server's metadata.",
        [{'method': 'POST', 'path': _COLLECTION}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'update_all', base.PROJECT_MEMBER_OR_ADMIN,
        "Replace all of a server's metadata.",
        [{'method': 'PUT', 'path': _COLLECTION}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'update', base.PROJECT_MEMBER_OR_ADMIN,
        'Create or replace one metadata item of a server.',
        [{'method': 'PUT', 'path': _ITEM}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'delete', base.PROJECT_MEMBER_OR_ADMIN,
        'Delete one metadata item of a server.',
        [{'method': 'DELETE', 'path': _ITEM}]),
]


def list_rules():
    return rules
