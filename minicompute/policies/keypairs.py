"""Policies of /os-keypairs: a key pair belongs to a user."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:os-keypairs:%s'
ADMIN_OR_OWNER = base.ADMIN + ' or user_id:%(user_id)s'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'index', ADMIN_OR_OWNER, 'List your key pairs.',
        [{'method': 'GET', 'path': '/os-keypairs'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'create', ADMIN_OR_OWNER,
        'Create or import a key pair.',
        [{'method': 'POST', 'path': '/os-keypairs'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'show', ADMIN_OR_OWNER, 'Show a key pair.',
        [{'method': 'GET', 'path': '/os-keypairs/{keypair_name}'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'delete', ADMIN_OR_OWNER, 'Delete a key pair.',
        [{'method': 'DELETE', 'path': '/os-keypairs/{keypair_name}'}]),
]

def list_rules():
    return rules
