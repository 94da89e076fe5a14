"""Policies of /flavors/{flavor_id}/os-extra_specs."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:os-flavor-extra-specs:%s'
_COLLECTION = '/flavors/{flavor_id}/os-extra_specs'
_ITEM = '/flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'index', base.ANY, 'List the extra specs of a flavor.',
        [{'method': 'GET', 'path': _COLLECTION}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'show', base.ANY, 'Show one extra spec of a flavor.',
        [{'method': 'GET', 'path': _ITEM}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'create', base.ADMIN,
        'Create or update extra specs of a flavor.',
        [{'method': 'POST', 'path': _COLLECTION}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'update', base.ADMIN,
        'Create or update one extra spec of a flavor.',
        [{'method': 'PUT', 'path': _ITEM}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'delete', base.ADMIN, 'Delete an extra spec of a flavor.',
        [{'method': 'DELETE', 'path': _ITEM}]),
]


def list_rules():
    return rules
