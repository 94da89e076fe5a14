"""The interface every compute (virt) driver implements.

The compute manager only talks to a hypervisor through this class, so the
workflows never depend on libvirt. Drivers are loaded by entry point name
from ``[DEFAULT] compute_driver`` (namespace ``minicompute.compute.drivers``).
"""
from __future__ import annotations

import abc
import dataclasses

import stevedore

from minicompute import exception

DRIVER_NAMESPACE = 'minicompute.compute.drivers'


@dataclasses.dataclass(frozen=True)
class InstanceInfo:
    """What the hypervisor says about one instance right now."""
    state: int                     # a minicompute.compute.power_state value
    internal_id: str | None = None


@dataclasses.dataclass(frozen=True)
class NodeResources:
    """A node's capacity as the hypervisor reports it (before ratios)."""
    hypervisor_hostname: str
    hypervisor_type: str
    hypervisor_version: int
    vcpus: int
    memory_mb: int
    local_gb: int


class ComputeDriver(abc.ABC):
    """A hypervisor, as the compute manager sees it."""

    def __init__(self, conf):
        self.conf = conf

    def init_host(self, host: str) -> None:
        """Connect and check the hypervisor before the service serves RPC."""

    def cleanup_host(self, host: str) -> None:
        """Release the hypervisor connection on service stop."""

    @abc.abstractmethod
    def spawn(self, context, instance, image_meta,
              network_info: str | None) -> None:
        """Create the instance's disks and domain and start it; return once
        the hypervisor reports it running. Raise on failure, leaving nothing
        behind that ``destroy`` cannot remove.

        :param instance: objects.Instance (uuid, name, flavor, ...)
        :param image_meta: objects.ImageMeta of the boot image
        :param network_info: ``'none'`` or ``'auto'``
        """

    @abc.abstractmethod
    def destroy(self, context, instance) -> None:
        """Stop and remove the domain and its files. Idempotent: destroying
        an instance that is already gone is not an error."""

    @abc.abstractmethod
    def get_info(self, instance) -> InstanceInfo:
        """Power state of the instance; raises InstanceNotFound."""

    @abc.abstractmethod
    def list_instance_uuids(self) -> list[str]:
        """UUIDs of every instance this driver's hypervisor has."""

    @abc.abstractmethod
    def get_available_nodes(self) -> list[str]:
        """Names of the nodes (hypervisors) this driver manages."""

    @abc.abstractmethod
    def get_available_resource(self, nodename: str) -> NodeResources:
        """Capacity of ``nodename``."""

    def instance_exists(self, instance) -> bool:
        try:
            self.get_info(instance)
            return True
        except exception.InstanceNotFound:
            return False


def load_compute_driver(conf, name: str | None = None) -> ComputeDriver:
    """Load the driver named by ``[DEFAULT] compute_driver``."""
    name = name or conf.compute_driver
    try:
        manager = stevedore.DriverManager(DRIVER_NAMESPACE, name,
                                          invoke_on_load=True,
                                          invoke_args=(conf,))
    except Exception as e:
        raise exception.DriverLoadError(name=name, reason=e)
    return manager.driver
