"""Policies of /images (Nova's image proxy)."""
from oslo_policy import policy

from minicompute.policies import base

rules = [
    policy.DocumentedRuleDefault(
        'os_compute_api:images:index', base.ANY, 'List and show images.',
        [{'method': 'GET', 'path': '/images'},
         {'method': 'GET', 'path': '/images/detail'},
         {'method': 'GET', 'path': '/images/{image_id}'}]),
]


def list_rules():
    return rules
