"""Policies of /os-keypairs: a key pair belongs to a user. The target's
``user_id`` is the caller's, or from microversion 2.10 the user named by
``user_id`` (create body, list/show/delete query): by default only admins
may name another user."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:os-keypairs:%s'
ADMIN_OR_OWNER = base.ADMIN + ' or user_id:%(user_id)s'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'index', ADMIN_OR_OWNER, 'List the key pairs of a user.',
        [{'method': 'GET', 'path': '/os-keypairs'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'create', ADMIN_OR_OWNER,
        'Create or import a key pair for a user.',
        [{'method': 'POST', 'path': '/os-keypairs'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'show', ADMIN_OR_OWNER, 'Show a key pair of a user.',
        [{'method': 'GET', 'path': '/os-keypairs/{keypair_name}'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'delete', ADMIN_OR_OWNER, 'Delete a key pair of a user.',
        [{'method': 'DELETE', 'path': '/os-keypairs/{keypair_name}'}]),
]

def list_rules():
    return rules
