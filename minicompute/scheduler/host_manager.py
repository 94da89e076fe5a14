"""Host states: what the scheduler knows about each compute node, built
fresh from the database for every request.
"""
from __future__ import annotations

from minicompute import objects, servicegroup

COMPUTE_BINARY = 'minicompute-compute'


class HostState:
    """One compute node's capacity and usage as seen by one request.

    Free amounts already apply the node's allocation ratios and reserved
    amounts, exactly as the database claim does, so a host that passes the
    filters is a host whose claim should succeed.
    """

    def __init__(self, node, service, service_up: bool):
        self.host = node.host
        self.nodename = node.hypervisor_hostname
        self.uuid = node.uuid
        self.node_id = node.id
        self.service_up = service_up
        self.service_disabled = bool(service and service.disabled)
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

    @property
    def free_ram_mb(self) -> float:
        return self.ram_limit_mb - self.memory_mb_used

    @property
    def free_disk_gb(self) -> float:
        return self.disk_limit_gb - self.disk_gb_used

    @property
    def free_vcpus(self) -> float:
        return self.vcpus_limit - self.vcpus_used

    def consume_from_request(self, spec_obj) -> None:
        """Account for an instance placed here earlier in this request."""
        self.vcpus_used += spec_obj.vcpus
        self.memory_mb_used += spec_obj.memory_mb
        self.disk_gb_used += spec_obj.disk_gb
        self.num_instances += 1

    def __repr__(self) -> str:
        return '(%s, %s) ram: %dMB disk: %dGB vcpus: %d' % (
            self.host, self.nodename, self.free_ram_mb, self.free_disk_gb,
            self.free_vcpus)


class HostManager:
    def __init__(self, conf):
        self.conf = conf

    def get_host_states(self, context) -> list[HostState]:
        services = {service.host: service for service in
                    objects.ServiceList.get_all(context,
                                                binary=COMPUTE_BINARY)}
        states = []
        for node in objects.ComputeNodeList.get_all(context):
            service = services.get(node.host)
            up = service is not None and servicegroup.service_is_up(
                service, self.conf.service_down_time)
            states.append(HostState(node, service, up))
        return states
