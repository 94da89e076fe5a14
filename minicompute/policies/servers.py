"""Policies of /servers."""
from oslo_policy import policy

from minicompute.policies import base

PREFIX = 'os_compute_api:servers:%s'
REQUESTED_DESTINATION = 'compute:servers:create:requested_destination'
CREATE_TRUSTED_CERTS = PREFIX % 'create:trusted_certs'
REBUILD_TRUSTED_CERTS = PREFIX % 'rebuild:trusted_certs'

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
        REQUESTED_DESTINATION, base.ADMIN,
        'Create a server on a given host and/or hypervisor node with '
        'host and hypervisor_hostname (microversion 2.74); the scheduler '
        'filters still run.',
        [{'method': 'POST', 'path': '/servers'}]),
    policy.DocumentedRuleDefault(
        CREATE_TRUSTED_CERTS, base.PROJECT_MEMBER_OR_ADMIN,
        'Create a server with trusted_image_certificates (2.63).',
        [{'method': 'POST', 'path': '/servers'}]),
    policy.DocumentedRuleDefault(
        REBUILD_TRUSTED_CERTS, base.PROJECT_MEMBER_OR_ADMIN,
        'Rebuild a server with trusted_image_certificates (2.63).',
        [{'method': 'POST',
          'path': '/servers/{server_id}/action (rebuild)'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'update', base.PROJECT_MEMBER_OR_ADMIN,
        'Rename a server, set its access IPs or its description (2.19).',
        [{'method': 'PUT', 'path': '/servers/{server_id}'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'delete', base.PROJECT_MEMBER_OR_ADMIN, 'Delete a server.',
        [{'method': 'DELETE', 'path': '/servers/{server_id}'}]),
    policy.DocumentedRuleDefault(
        'os_compute_api:os-extended-server-attributes', base.ADMIN,
        'See the OS-EXT-SRV-ATTR attributes of servers: host, node and '
        'instance name; from microversion 2.3 also reservation_id, '
        'launch_index, hostname, kernel_id, ramdisk_id, root_device_name '
        'and user_data (PUT and rebuild show them from 2.75).',
        [{'method': 'GET', 'path': '/servers/{server_id}'},
         {'method': 'GET', 'path': '/servers/detail'},
         {'method': 'PUT', 'path': '/servers/{server_id}'},
         {'method': 'POST', 'path': '/servers/{server_id}/action (rebuild)'}]),
    policy.DocumentedRuleDefault(
        PREFIX % 'show:host_status', base.ADMIN,
        'See host_status of servers (microversion 2.16; PUT and rebuild '
        'show it from 2.75).',
        [{'method': 'GET', 'path': '/servers/{server_id}'},
         {'method': 'GET', 'path': '/servers/detail'},
         {'method': 'PUT', 'path': '/servers/{server_id}'},
         {'method': 'POST', 'path': '/servers/{server_id}/action (rebuild)'}]),
]


def list_rules():
    return rules
