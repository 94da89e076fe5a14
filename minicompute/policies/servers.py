"""Policies of /servers."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:servers:%s'

rules = [
    policy.DocumentedRuleDefault(
        PREFIX % 'index', base.ANY, 'List the servers of your project.',
        [{'method': 'GET', 'path': '/servers'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'detail', base.ANY,
        'List the servers of your project with details.',
        [{'method': 'GET', 'path': '/servers/detail'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'index:get_all_tenants', base.ADMIN,
        'List servers of all projects (all_tenants=1).',
        [{'method': 'GET', 'path': '/servers'},
         {'method': 'GET', 'path': '/servers/detail'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'show', base.PROJECT_MEMBER_OR_ADMIN, 'Show a server.',
        [{'method': 'GET', 'path': '/servers/{server_id}'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'create', base.ANY, 'Create a server in your project.',
        [{'method': 'POST', 'path': '/servers'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'create:forced_host', base.ADMIN,
        'Create a server on a given host or node, bypassing the scheduler '
        'filters (availability_zone "az:host", "az:host:node", "az::node").',
        [{'method': 'POST', 'path': '/servers'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'update', base.PROJECT_MEMBER_OR_ADMIN,
        'Rename a server or set its access IPs.',
        [{'method': 'PUT', 'path': '/servers/{server_id}'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'delete', base.PROJECT_MEMBER_OR_ADMIN, 'Delete a server.',
        [{'method': 'DELETE', 'path': '/servers/{server_id}'}]),
    policy.DocumentedRuleDefault(
        'os_compute_api:os-extended-server-attributes', base.ADMIN,
        'See OS-EXT-SRV-ATTR host, node and instance name of servers.',
        [{'method': 'GET', 'path': '/servers/{server_id}'},
         {'method': 'GET', 'path': '/servers/detail'}]),
]


def list_rules():
    return rules
