"""The compute side of resources: reports each node's capacity and makes
sure every instance it builds holds a claim on its node.

Claims themselves are rows written atomically in the database (normally by
the scheduler); the tracker reaches them through remotable objects, since a
compute service has no database access of its own.
"""
from __future__ import annotations

import contextlib

from oslo_log import log as logging

from minicompute import exception, objects
from minicompute.compute import vm_states

LOG = logging.getLogger(__name__)


class ResourceTracker:
    def __init__(self, conf, host: str, driver):
        self.conf = conf
        self.host = host
        self.driver = driver
        self.compute_nodes: dict[str, objects.ComputeNode] = {}

    def update_available_resource(self, context) -> None:
        """Report every node's capacity (usage belongs to the claims)."""
        instances = objects.InstanceList.get_by_host(context, self.host)
        for nodename in self.driver.get_available_nodes():
            resources = self.driver.get_available_resource(nodename)
            running = sum(1 for inst in instances
                          if inst.node == nodename and
                          inst.vm_state != vm_states.DELETED)
            node = objects.ComputeNode(
                context, host=self.host,
                hypervisor_hostname=resources.hypervisor_hostname,
                hypervisor_type=resources.hypervisor_type,
                hypervisor_version=resources.hypervisor_version,
                host_ip=self.conf.my_ip, vcpus=resources.vcpus,
                memory_mb=resources.memory_mb, local_gb=resources.local_gb,
                running_vms=running, cpu_arch=resources.cpu_arch,
                cpu_allocation_ratio=self.conf.cpu_allocation_ratio,
                ram_allocation_ratio=self.conf.ram_allocation_ratio,
                disk_allocation_ratio=self.conf.disk_allocation_ratio,
                reserved_host_memory_mb=self.conf.reserved_host_memory_mb,
                reserved_host_disk_mb=self.conf.reserved_host_disk_mb,
                reserved_host_cpus=self.conf.reserved_host_cpus)
            node.free_ram_mb = resources.memory_mb
            node.free_disk_gb = resources.local_gb
            node.report()
            self.compute_nodes[nodename] = node
        LOG.debug('Reported resources of %s', ', '.join(self.compute_nodes))

    def _node(self, context, nodename: str):
        node = self.compute_nodes.get(nodename)
        if node is None:
            self.update_available_resource(context)
            node = self.compute_nodes.get(nodename)
        if node is None:
            raise exception.ComputeNodeNotFound(host=nodename)
        return node

    @contextlib.contextmanager
    def instance_claim(self, context, instance, nodename: str):
        """Hold the instance's claim on ``nodename`` for the build.

        The scheduler normally made the claim; one that is missing (or on
        another node) is made here. Raises ClaimFailed if it does not fit;
        on an error inside the block the claim is released.
        """
        node = self._node(context, nodename)
        allocation = objects.Allocation.get_by_instance(context,
                                                        instance.uuid)
        if allocation is None or allocation.compute_node_id != node.id:
            flavor = instance.flavor
            if not objects.Allocation.claim(
                    context, instance.uuid, node.id, flavor.vcpus,
                    flavor.memory_mb, flavor.disk_gb):
                raise exception.ClaimFailed(node=nodename,
                                            reason='not enough resources')
        try:
            yield
        except Exception:
            self.release(context, instance)
            raise

    @staticmethod
    def release(context, instance) -> None:
        objects.Allocation.release(context, instance.uuid)
