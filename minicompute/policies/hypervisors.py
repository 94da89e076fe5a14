"""Policies of /os-hypervisors and /os-services (admin only)."""
from oslo_policy import policy

from minicompute.policies import base

rules = [
    policy.DocumentedRuleDefault(
        'os_compute_api:os-hypervisors', base.ADMIN,
        'List, show and search hypervisors and their statistics.',
        [{'method': 'GET', 'path': '/os-hypervisors'},
         {'method': 'GET', 'path': '/os-hypervisors/detail'},
         {'method': 'GET', 'path': '/os-hypervisors/{hypervisor_id}'},
         {'method': 'GET', 'path': '/os-hypervisors/statistics'},
         {'method': 'GET',
          'path': '/os-hypervisors/{hypervisor_hostname_pattern}/search'},
         {'method': 'GET',
          'path': '/os-hypervisors/{hypervisor_hostname_pattern}/servers'}]),
    policy.DocumentedRuleDefault(
        'os_compute_api:os-hypervisors:uptime', base.ADMIN,
        "Show a hypervisor host's uptime (asks its compute service).",
        [{'method': 'GET', 'path': '/os-hypervisors/{hypervisor_id}/uptime'}]),
    policy.DocumentedRuleDefault(
        'os_compute_api:os-services:list', base.ADMIN,
        'List services.', [{'method': 'GET', 'path': '/os-services'}]),
    policy.DocumentedRuleDefault(
        'os_compute_api:os-services:update', base.ADMIN,
        'Enable or disable a service.',
        [{'method': 'PUT', 'path': '/os-services/enable'},
         {'method': 'PUT', 'path': '/os-services/disable'},
         {'method': 'PUT', 'path': '/os-services/disable-log-reason'}]),
    policy.DocumentedRuleDefault(
        'os_compute_api:os-services:delete', base.ADMIN,
        'Delete a service.',
        [{'method': 'DELETE', 'path': '/os-services/{service_id}'}]),
]


def list_rules():
    return rules
