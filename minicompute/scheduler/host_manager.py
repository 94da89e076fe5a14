"""Host states: what the scheduler knows about each compute node, built
fresh from the database for every request with a fixed number of queries
(services, nodes, live instances, aggregates with hosts and metadata,
recent build results), whatever the number of hosts.
"""
from __future__ import annotations

from minicompute import compute, objects, servicegroup
from minicompute.compute import vm_states
from minicompute.db import aggregates_api, scheduler_api

COMPUTE_BINARY = compute.BINARY
AZ_KEY = 'availability_zone'

# Instances in these states keep a host's disks and network busy (Nova's
# io_workload): they count as I/O operations for IoOpsFilter/IoOpsWeigher.
IO_TASK_STATES = frozenset([
    'resize_migrating', 'rebuilding', 'resize_prep', 'image_snapshot',
    'image_backup', 'rescuing', 'unshelving'])
IO_VM_STATES = frozenset([vm_states.BUILDING])

# The virtualisation mode every libvirt guest here runs in.
VM_MODE_HVM = 'hvm'


def is_io_op(vm_state, task_state) -> bool:
    return vm_state in IO_VM_STATES or task_state in IO_TASK_STATES


class HostState:
    """One compute node's capacity and usage as seen by one request.

    Free amounts already apply the node's allocation ratios and reserved
    amounts, exactly as the database claim does, so a host that passes the
    filters is a host whose claim should succeed.

    Built from the node and service rows plus, per host, ``instances``
    (``(uuid, vm_state, task_state)`` of its live instances), ``aggregates``
    (dicts with ``name`` and ``metadata``) and ``failed_builds``. Filters
    read ``instances`` (a set of uuids), ``num_io_ops``,
    ``aggregate_metadata`` (``{key: {values}}``), ``availability_zones``
    and ``supported_instances`` (``[(arch, hv type, vm mode)]``).
    """

    # Filters and weighers read a few numbers of every host per instance
    # placed; slots keep those inline in one small object instead of a
    # per-host dict, so 10,000 hosts stay within the CPU caches.
    __slots__ = (
        'host', 'nodename', 'uuid', 'node_id', 'service_up',
        'service_disabled', 'hypervisor_type', 'hypervisor_version',
        'cpu_arch', 'host_ip', 'total_vcpus', 'total_ram_mb',
        'total_disk_gb', 'cpu_allocation_ratio', 'ram_allocation_ratio',
        'disk_allocation_ratio', 'vcpus_limit', 'ram_limit_mb',
        'disk_limit_gb', 'vcpus_used', 'memory_mb_used', 'disk_gb_used',
        'num_instances', 'instances', 'num_io_ops', 'aggregates',
        'aggregate_metadata', 'availability_zones', 'availability_zone',
        'failed_builds', 'supported_instances', 'stats')

    def __init__(self, node, service, service_up: bool,
                 instances=(), aggregates=(), default_az: str = 'nova',
                 failed_builds: int = 0):
        self.host = node.host
        self.nodename = node.hypervisor_hostname
        self.uuid = node.uuid
        self.node_id = node.id
        self.service_up = service_up
        self.service_disabled = bool(service and service.disabled)
        self.hypervisor_type = getattr(node, 'hypervisor_type', None)
        self.hypervisor_version = getattr(node, 'hypervisor_version', 0)
        self.cpu_arch = getattr(node, 'cpu_arch', None)
        self.host_ip = getattr(node, 'host_ip', None)
        self.total_vcpus = node.vcpus
        self.total_ram_mb = node.memory_mb
        self.total_disk_gb = node.local_gb
        self.cpu_allocation_ratio = node.cpu_allocation_ratio
        self.ram_allocation_ratio = node.ram_allocation_ratio
        self.disk_allocation_ratio = node.disk_allocation_ratio
        self.vcpus_limit = ((node.vcpus - node.reserved_host_cpus) *
                            node.cpu_allocation_ratio)
        self.ram_limit_mb = ((node.memory_mb - node.reserved_host_memory_mb) *
                             node.ram_allocation_ratio)
        self.disk_limit_gb = ((node.local_gb -
                               node.reserved_host_disk_mb / 1024.0) *
                              node.disk_allocation_ratio)
        self.vcpus_used = node.vcpus_used
        self.memory_mb_used = node.memory_mb_used
        self.disk_gb_used = node.local_gb_used
        self.num_instances = node.running_vms
        self.instances: set[str] = set()
        self.num_io_ops = 0
        for instance in instances:
            uuid, vm_state, task_state = instance
            self.instances.add(uuid)
            if is_io_op(vm_state, task_state):
                self.num_io_ops += 1
        self.aggregates = list(aggregates)
        self.aggregate_metadata: dict[str, set] = {}
        for aggregate in self.aggregates:
            for key, value in aggregate['metadata'].items():
                self.aggregate_metadata.setdefault(key, set()).add(value)
        zones = sorted(self.aggregate_metadata.get(AZ_KEY, ()))
        self.availability_zones = zones or [default_az]
        self.availability_zone = ','.join(self.availability_zones)
        self.failed_builds = failed_builds
        self.supported_instances = (
            [(self.cpu_arch, (self.hypervisor_type or '').lower(),
              VM_MODE_HVM)] if self.hypervisor_type else [])
        self.stats: dict = {}

    # Nova's attribute names, for ComputeCapabilitiesFilter and JsonFilter.
    @property
    def free_ram_mb(self) -> float:
        return self.ram_limit_mb - self.memory_mb_used

    @property
    def free_disk_gb(self) -> float:
        return self.disk_limit_gb - self.disk_gb_used

    @property
    def free_disk_mb(self) -> float:
        return self.free_disk_gb * 1024

    @property
    def free_vcpus(self) -> float:
        return self.vcpus_limit - self.vcpus_used

    @property
    def vcpus_total(self) -> int:
        return self.total_vcpus

    @property
    def total_usable_ram_mb(self) -> int:
        return self.total_ram_mb

    @property
    def total_usable_disk_gb(self) -> int:
        return self.total_disk_gb

    @property
    def hypervisor_hostname(self) -> str:
        return self.nodename

    def consume_from_request(self, spec_obj,
                             instance_uuid: str | None = None) -> None:
        """Account for an instance placed here earlier in this request."""
        self.vcpus_used += spec_obj.vcpus
        self.memory_mb_used += spec_obj.memory_mb
        self.disk_gb_used += spec_obj.disk_gb
        self.num_instances += 1
        # A new build is an I/O operation until it is ACTIVE (Nova).
        self.num_io_ops += 1
        if instance_uuid is not None:
            self.instances.add(instance_uuid)

    def __repr__(self) -> str:
        return '(%s, %s) ram: %dMB disk: %dGB vcpus: %d' % (
            self.host, self.nodename, self.free_ram_mb, self.free_disk_gb,
            self.free_vcpus)


class HostManager:
    def __init__(self, conf):
        self.conf = conf

    def get_host_states(self, context) -> list[HostState]:
        conf = self.conf
        services = {service.host: service for service in
                    objects.ServiceList.get_all(context,
                                                binary=COMPUTE_BINARY)}
        instances = scheduler_api.instances_by_host()
        aggregates_by_host: dict[str, list] = {}
        for aggregate in aggregates_api.aggregate_get_all():
            for host in aggregate['hosts']:
                aggregates_by_host.setdefault(host, []).append(aggregate)
        failed = scheduler_api.failed_builds_by_host(
            conf.filter_scheduler.build_failure_window)
        default_az = conf.default_availability_zone
        down_time = conf.service_down_time
        states = []
        for node in objects.ComputeNodeList.get_all(context):
            service = services.get(node.host)
            up = service is not None and servicegroup.service_is_up(
                service, down_time)
            states.append(HostState(
                node, service, up, instances.get(node.host, ()),
                aggregates_by_host.get(node.host, ()), default_az,
                failed.get(node.host, 0)))
        return states
