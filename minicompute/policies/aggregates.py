"""Policies of /os-aggregates (admin only, as in Nova)."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:os-aggregates:%s'
_ONE = '/os-aggregates/{aggregate_id}'
_ACTION = _ONE + '/action'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'index', base.ADMIN, 'List host aggregates.',
        [{'method': 'GET', 'path': '/os-aggregates'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'create', base.ADMIN, 'Create a host aggregate.',
        [{'method': 'POST', 'path': '/os-aggregates'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'show', base.ADMIN, 'Show a host aggregate.',
        [{'method': 'GET', 'path': _ONE}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'update', base.ADMIN, 'Rename a host aggregate or change '
        'its availability zone.', [{'method': 'PUT', 'path': _ONE}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'delete', base.ADMIN, 'Delete an empty host aggregate.',
        [{'method': 'DELETE', 'path': _ONE}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'add_host', base.ADMIN, 'Add a host to an aggregate.',
        [{'method': 'POST', 'path': _ACTION + ' (add_host)'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'remove_host', base.ADMIN,
        'Remove a host from an aggregate.',
        [{'method': 'POST', 'path': _ACTION + ' (remove_host)'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'set_metadata', base.ADMIN,
        "Set or unset an aggregate's metadata (availability_zone too).",
        [{'method': 'POST', 'path': _ACTION + ' (set_metadata)'}]),
]


def list_rules():
    return rules
