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
    cpu_arch: str | None = None    # guest architecture (ImagePropertiesFilter)


@dataclasses.dataclass(frozen=True)
class HostProblem:
    """Something on this host that keeps the driver from running servers.

    ``check`` is the check's stable name (the compute's disabled_reason and
    ``minicompute-status upgrade check`` name it so), ``reason`` says what
    is wrong and ``fix`` how to put it right, both for an operator.
    """
    check: str
    reason: str
    fix: str


class ComputeDriver(abc.ABC):
    """A hypervisor, as the compute manager sees it."""

    # What the driver supports beyond its methods, under Nova's names:
    # without supports_trusted_certs a server with trusted image
    # certificates (microversion 2.63) cannot be built or rebuilt here.
    capabilities = {'supports_trusted_certs': False}

    def __init__(self, conf):
        self.conf = conf

    def check_host(self) -> list[HostProblem]:
        """What keeps this host from building servers right now (a missing
        tool, an unreachable hypervisor, an unusable directory); [] when
        nothing does. Cheap: the compute service runs it at start and
        every periodic interval, and stays disabled while it finds any."""
        return []

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

    def default_root_device_name(self, instance, image_meta) -> str | None:
        """The device the guest sees its root disk as (``/dev/vda``),
        recorded on the instance before it spawns; None if unknown."""
        return None

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

    # -- lifecycle actions ------------------------------------------------
    # Not abstract: a driver without an action raises NotImplementedError,
    # which the compute manager reports as a fault and reverts the
    # task_state for (Nova's contract).

    def reboot(self, context, instance, reboot_type: str) -> None:
        """Reboot the instance and return once it runs again.

        :param reboot_type: ``'SOFT'``: ask the guest OS to restart (ACPI
            power button), falling back to ``'HARD'`` when it does not
            comply in time; ``'HARD'``: power cycle, from any power state
            (a paused or suspended instance boots afresh).
        """
        raise NotImplementedError()

    def power_off(self, instance, timeout: int = 0,
                  retry_interval: int = 0) -> None:
        """Stop the instance, keeping its disks and definition.

        :param timeout: seconds to give the guest OS to power off cleanly
            before pulling the plug; 0 pulls it at once
        :param retry_interval: seconds between repeated clean shutdown
            requests (a guest may miss the first one while booting)
        """
        raise NotImplementedError()

    def power_on(self, context, instance) -> None:
        """Start a stopped instance; return once it runs."""
        raise NotImplementedError()

    def pause(self, instance) -> None:
        """Freeze the instance's vCPUs, keeping it in memory."""
        raise NotImplementedError()

    def unpause(self, instance) -> None:
        """Run a paused instance again."""
        raise NotImplementedError()

    def suspend(self, context, instance) -> None:
        """Save the instance's memory to disk and stop it."""
        raise NotImplementedError()

    def resume(self, context, instance) -> None:
        """Restore a suspended instance from its saved memory; return once
        it runs."""
        raise NotImplementedError()

    def get_console_output(self, context, instance,
                           length: int | None = None) -> str:
        """The last ``length`` lines (all when None) of the instance's
        serial console log; '' while there is none yet."""
        raise NotImplementedError()

    def trigger_crash_dump(self, instance) -> None:
        """Inject a non-maskable interrupt into the running guest (a kernel
        set up for it then writes a crash dump).

        :raises: TriggerCrashDumpNotSupported (the hypervisor cannot),
                 InstanceNotRunning, InstanceNotFound
        """
        raise NotImplementedError()

    # -- host -------------------------------------------------------------

    def get_host_uptime(self) -> str:
        """The hypervisor host's ``uptime`` line (Nova shows it verbatim
        in ``/os-hypervisors/{id}/uptime``)."""
        raise NotImplementedError()

    # -- state tracking ---------------------------------------------------

    def register_event_listener(self, listener) -> None:
        """Call ``listener(instance_uuid)`` when the hypervisor reports a
        domain lifecycle change. Drivers without events do nothing: the
        periodic power-state sync still runs."""

    def list_managed_instance_uuids(self) -> list[str]:
        """UUIDs of the domains this driver created for this host (its
        metadata says so), whatever the database thinks of them."""
        return []

    def destroy_orphan(self, instance_uuid: str) -> None:
        """Destroy a domain that has no live instance, and its files."""
        raise NotImplementedError()

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
