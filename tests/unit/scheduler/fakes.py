"""Stand-ins for the node and service objects HostState reads, and for the
resource side of a RequestSpec."""
import itertools
import types
import uuid

from minicompute.scheduler import host_manager

_ids = itertools.count(1)


def node(host='host1', **values):
    """A compute node with no overcommit, nothing reserved, nothing used."""
    attrs = {'host': host, 'hypervisor_hostname': host,
             'uuid': str(uuid.uuid4()), 'id': next(_ids),
             'vcpus': 8, 'memory_mb': 4096, 'local_gb': 100,
             'vcpus_used': 0, 'memory_mb_used': 0, 'local_gb_used': 0,
             'running_vms': 0,
             'cpu_allocation_ratio': 1.0, 'ram_allocation_ratio': 1.0,
             'disk_allocation_ratio': 1.0,
             'reserved_host_memory_mb': 0, 'reserved_host_disk_mb': 0,
             'reserved_host_cpus': 0}
    attrs.update(values)
    return types.SimpleNamespace(**attrs)


def service(disabled=False, **values):
    attrs = {'disabled': disabled, 'forced_down': False,
             'last_seen_up': None, 'updated_at': None, 'created_at': None}
    attrs.update(values)
    return types.SimpleNamespace(**attrs)


def host_state(host='host1', disabled=False, up=True, **node_values):
    return host_manager.HostState(node(host, **node_values),
                                  service(disabled), up)


def spec(vcpus=1, memory_mb=512, disk_gb=10):
    return types.SimpleNamespace(vcpus=vcpus, memory_mb=memory_mb,
                                 disk_gb=disk_gb)
