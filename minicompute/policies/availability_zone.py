"""Policies of /os-availability-zone."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:os-availability-zone:%s'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'list', base.ANY, 'List availability zones.',
        [{'method': 'GET', 'path': '/os-availability-zone'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'detail', base.ADMIN,
        'List availability zones with their hosts and services.',
        [{'method': 'GET', 'path': '/os-availability-zone/detail'}]),
]


def list_rules():
    return rules
