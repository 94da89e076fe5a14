"""Hypervisor bodies as Nova's API reference gives them at 2.1 (integer
ids; usage as Nova counts it, reserved amounts included)."""


def basic(node, service, up: bool) -> dict:
    return {'id': node.id,
            'hypervisor_hostname': node.hypervisor_hostname,
            'state': 'up' if up else 'down',
            'status': 'disabled' if service is not None and
            service.disabled else 'enabled'}


def _used(node) -> tuple[int, int, int]:
    memory = node.memory_mb_used + node.reserved_host_memory_mb
    disk = node.local_gb_used + (node.reserved_host_disk_mb + 1023) // 1024
    vcpus = node.vcpus_used
    return vcpus, memory, disk


def detail(node, service, up: bool) -> dict:
    body = basic(node, service, up)
    vcpus_used, memory_used, disk_used = _used(node)
    body.update({
        'vcpus': node.vcpus,
        'vcpus_used': vcpus_used,
        'memory_mb': node.memory_mb,
        'memory_mb_used': memory_used,
        'free_ram_mb': node.memory_mb - memory_used,
        'local_gb': node.local_gb,
        'local_gb_used': disk_used,
        'free_disk_gb': node.local_gb - disk_used,
        'disk_available_least': node.local_gb - disk_used,
        'hypervisor_type': node.hypervisor_type,
        'hypervisor_version': node.hypervisor_version,
        'host_ip': node.host_ip,
        'running_vms': node.running_vms,
        'current_workload': 0,
        'cpu_info': '{}',
        'service': {'host': node.host,
                    'id': service.id if service is not None else None,
                    'disabled_reason': service.disabled_reason
                    if service is not None else None},
    })
    return body


def statistics(nodes) -> dict:
    keys = ('vcpus', 'vcpus_used', 'memory_mb', 'memory_mb_used',
            'free_ram_mb', 'local_gb', 'local_gb_used', 'free_disk_gb',
            'disk_available_least', 'running_vms', 'current_workload')
    totals = dict.fromkeys(keys, 0)
    for node in nodes:
        body = detail(node, None, True)
        for key in keys:
            totals[key] += body[key]
    totals['count'] = len(nodes)
    return totals
