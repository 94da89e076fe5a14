"""Hypervisor bodies as Nova's API reference gives them, by microversion.

- 2.1: integer ids; ``cpu_info`` is a JSON string; usage as Nova counts
  it, reserved amounts included.
- 2.28: ``cpu_info`` is a JSON object.
- 2.53: the compute node's uuid is the ``id`` and the service's uuid is
  ``service.id``; ``servers`` when asked for and there are some.
- 2.75: ``servers`` whenever asked for, an empty list if there are none.
"""
from __future__ import annotations

import json

UUID_IDS = '2.53'
CPU_INFO_OBJECT = '2.28'
ALWAYS_SERVERS = '2.75'

# The node's CPU description, which minicompute's compute nodes do not
# record: Nova shows '{}' for it when its driver reports nothing.
_CPU_INFO = '{}'


def basic(request, node, service, up: bool) -> dict:
    return {'id': node.uuid if request.is_at_least(UUID_IDS) else node.id,
            'hypervisor_hostname': node.hypervisor_hostname,
            'state': 'up' if up else 'down',
            'status': 'disabled' if service.disabled else 'enabled'}


def _used(node) -> tuple[int, int, int]:
    memory = node.memory_mb_used + node.reserved_host_memory_mb
    disk = node.local_gb_used + (node.reserved_host_disk_mb + 1023) // 1024
    vcpus = node.vcpus_used
    return vcpus, memory, disk


_USAGE_KEYS = ('vcpus', 'vcpus_used', 'memory_mb', 'memory_mb_used',
               'free_ram_mb', 'local_gb', 'local_gb_used', 'free_disk_gb',
               'disk_available_least', 'running_vms', 'current_workload')


def _usage(node) -> dict:
    vcpus_used, memory_used, disk_used = _used(node)
    return {
        'vcpus': node.vcpus,
        'vcpus_used': vcpus_used,
        'memory_mb': node.memory_mb,
        'memory_mb_used': memory_used,
        'free_ram_mb': node.memory_mb - memory_used,
        'local_gb': node.local_gb,
        'local_gb_used': disk_used,
        'free_disk_gb': node.local_gb - disk_used,
        'disk_available_least': node.local_gb - disk_used,
        'running_vms': node.running_vms,
        'current_workload': 0,
    }


def detail(request, node, service, up: bool) -> dict:
    body = basic(request, node, service, up)
    body.update(_usage(node))
    body.update({
        'hypervisor_type': node.hypervisor_type,
        'hypervisor_version': node.hypervisor_version,
        'host_ip': node.host_ip,
        'cpu_info': (json.loads(_CPU_INFO)
                     if request.is_at_least(CPU_INFO_OBJECT) else _CPU_INFO),
        'service': {'host': node.host,
                    'id': service.uuid if request.is_at_least(UUID_IDS)
                    else service.id,
                    'disabled_reason': service.disabled_reason},
    })
    return body


def add_servers(request, body: dict, instances, requested: bool) -> dict:
    """Nova lists a hypervisor's servers (name and uuid) when there are
    some; from 2.75 an empty list too, if ``with_servers`` asked."""
    if instances:
        body['servers'] = [{'name': i.name, 'uuid': i.uuid}
                           for i in instances]
    elif requested and request.is_at_least(ALWAYS_SERVERS):
        body['servers'] = []
    return body


def statistics(nodes) -> dict:
    """Totals over ``nodes``, with their ``count`` (zeros for none)."""
    totals = dict.fromkeys(_USAGE_KEYS, 0)
    for node in nodes:
        for key, value in _usage(node).items():
            totals[key] += value
    totals['count'] = len(nodes)
    return totals
