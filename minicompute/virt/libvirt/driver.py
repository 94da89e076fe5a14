"""The libvirt compute driver: minicompute instances as libvirt domains.

It only composes the layers below it and decides policy (paths, devices,
clean-up): ``host`` owns the connection, ``guest`` a domain, ``config`` the
XML and ``imagecache`` the disks. Per instance it keeps, under
``[DEFAULT] instances_path``::

    _base/<image id>          verified copy of the image, shared
    _base/<kernel/ramdisk id> the same, for direct kernel boot (aki/ari)
    <instance uuid>/disk      qcow2 overlay on the base, the root disk
    <instance uuid>/disk.config  the config drive (ISO 9660), if it has one
    <instance uuid>/console.log  the guest's serial console

Loaded by the compute service as ``compute_driver = libvirt.LibvirtDriver``.
"""
from __future__ import annotations

import contextlib
import importlib.metadata
import os
import shutil

import libvirt
from oslo_concurrency import processutils
from oslo_log import log as logging
from oslo_utils import excutils, units

from minicompute import exception, objects
from minicompute.metadata import base as metadata_base
from minicompute.virt import configdrive, driver
from minicompute.virt.libvirt import config as vconfig
from minicompute.virt.libvirt import (
    events,
    host_checks,
    image_props,
    imagecache,
    lifecycle,
)
from minicompute.virt.libvirt import guest as libvirt_guest
from minicompute.virt.libvirt import host as libvirt_host

LOG = logging.getLogger(__name__)

DISK_NAME = 'disk'
CONFIG_DRIVE_NAME = 'disk.config'
CONSOLE_LOG_NAME = 'console.log'

# What the guest's SMBIOS says, as Nova's libvirt driver says it: the
# product is what cloud-init's OpenStack datasource looks for.
SMBIOS_MANUFACTURER = 'OpenStack Foundation'
SMBIOS_PRODUCT = 'OpenStack Nova'
SMBIOS_FAMILY = 'Virtual Machine'


def _optional(obj, field: str):
    """A versioned-object field, or None while it is unset."""
    return getattr(obj, field) if obj.obj_attr_is_set(field) else None


def _version() -> str:
    try:
        return importlib.metadata.version('minicompute')
    except importlib.metadata.PackageNotFoundError:
        return 'unknown'


class LibvirtDriver(driver.ComputeDriver):
    """Runs instances as libvirt domains on ``[libvirt] connection_uri``."""

    def __init__(self, conf):
        super().__init__(conf)
        # Nothing connects here: the driver is loaded before the service
        # is ready, and init_host is where a dead hypervisor should fail.
        self._host = libvirt_host.Host(conf.libvirt.connection_uri,
                                       host_name=conf.host)
        self._image_cache = imagecache.ImageCache(conf.instances_path)
        self._service_host = conf.host

    # -- host -----------------------------------------------------------

    def check_host(self) -> list[driver.HostProblem]:
        """qemu-img, libvirt, instances_path and QEMU's access to it (see
        host_checks)."""
        # The first connection may be opened here: events must flow on it.
        events.start_event_loop()
        return host_checks.check_all(self._host, self.conf.instances_path,
                                     self.conf.libvirt.virt_type)

    def init_host(self, host: str) -> None:
        """Open the connection now so a dead libvirt stops the service at
        start; raises HypervisorUnavailable."""
        self._service_host = host
        # Must precede the connection for lifecycle events to flow.
        events.start_event_loop()
        try:
            self._host.get_connection()
        except exception.HypervisorUnavailable as e:
            raise exception.HypervisorUnavailable(host=host) from e
        os.makedirs(self.conf.instances_path, exist_ok=True)

    def cleanup_host(self, host: str) -> None:
        self._host.close()

    def _nodename(self) -> str:
        # Nova names the node after the hypervisor's hostname; several
        # minicompute computes may share one machine (and the test driver
        # always says the same thing), so the node takes the compute's
        # service's host name and stays unique per service.
        return self._service_host

    def get_host_uptime(self) -> str:
        # libvirt runs on this host: its uptime is this machine's. LANG=C
        # keeps the line in the format clients parse.
        out, _err = processutils.execute('env', 'LANG=C', 'uptime')
        return out.rstrip('\n')

    def get_available_nodes(self) -> list[str]:
        return [self._nodename()]

    def get_available_resource(self, nodename: str) -> driver.NodeResources:
        """Capacity of this host: libvirt's CPUs and memory, and the size of
        the filesystem holding ``instances_path``."""
        node = self._host.get_node_info()
        os.makedirs(self.conf.instances_path, exist_ok=True)
        stat = os.statvfs(self.conf.instances_path)
        return driver.NodeResources(
            hypervisor_hostname=self._nodename(),
            hypervisor_type=self._host.get_type(),
            hypervisor_version=self._host.get_version(),
            vcpus=node.cpus,
            memory_mb=node.memory_mb,
            local_gb=stat.f_blocks * stat.f_frsize // units.Gi,
            cpu_arch=node.arch)

    # -- instances ------------------------------------------------------

    def _instance_dir(self, instance) -> str:
        return os.path.join(self.conf.instances_path, instance.uuid)

    def _domain_type(self) -> str:
        # The test driver only accepts its own domain type.
        if self._host.is_test_driver:
            return 'test'
        return self.conf.libvirt.virt_type

    def _metadata(self, instance) -> vconfig.LibvirtConfigGuestMetadata:
        flavor = instance.flavor
        return vconfig.LibvirtConfigGuestMetadata(
            name=_optional(instance, 'display_name'),
            flavor_name=flavor.name,
            flavor_memory_mb=flavor.memory_mb,
            flavor_vcpus=flavor.vcpus,
            flavor_root_gb=flavor.root_gb,
            owner_project_id=_optional(instance, 'project_id'),
            owner_user_id=_optional(instance, 'user_id'),
            host=self._service_host)

    @staticmethod
    def _sysinfo(instance) -> vconfig.LibvirtConfigGuestSysinfo:
        return vconfig.LibvirtConfigGuestSysinfo(
            system_manufacturer=SMBIOS_MANUFACTURER,
            system_product=SMBIOS_PRODUCT,
            system_version=_version(),
            system_serial=instance.uuid, system_uuid=instance.uuid,
            system_family=SMBIOS_FAMILY)

    def _guest_config(self, instance, image_meta, network_info,
                      inst_dir: str, hardware: image_props.ImageHardware,
                      kernel: str | None = None,
                      ramdisk: str | None = None,
                      config_drive: str | None = None
                      ) -> vconfig.LibvirtConfigGuest:
        # Without hw_machine_type libvirt fills in the hypervisor's default
        # versioned machine type, which is what a fresh guest should get.
        guest = vconfig.LibvirtConfigGuest(
            virt_type=self._domain_type(), name=instance.name,
            uuid=instance.uuid, memory=instance.flavor.memory_mb,
            memory_unit='MiB', vcpus=instance.flavor.vcpus,
            os_machine=hardware.machine_type, os_kernel=kernel,
            os_initrd=ramdisk,
            os_cmdline=hardware.kernel_cmdline if kernel else None,
            metadata=self._metadata(instance),
            sysinfo=self._sysinfo(instance))
        guest.add_device(vconfig.LibvirtConfigGuestDisk(
            os.path.join(inst_dir, DISK_NAME), hardware.disk_dev,
            target_bus=hardware.disk_bus, driver_type='qcow2'))
        if config_drive is not None:
            bus, dev = image_props.config_drive_device(hardware)
            guest.add_device(vconfig.LibvirtConfigGuestDisk(
                config_drive, dev, target_bus=bus, driver_type='raw',
                device='cdrom'))
        if network_info == 'auto':
            guest.add_device(vconfig.LibvirtConfigGuestInterface(
                net_type='user', model=hardware.vif_model))
        console_log = os.path.join(inst_dir, CONSOLE_LOG_NAME)
        guest.add_device(vconfig.LibvirtConfigGuestSerial(console_log))
        guest.add_device(vconfig.LibvirtConfigGuestConsole(console_log))
        return guest

    def default_root_device_name(self, instance, image_meta) -> str | None:
        """``/dev/`` and the root disk's target, which hw_disk_bus picks
        (``vda`` for virtio); None for properties spawn will refuse."""
        try:
            hardware = image_props.ImageHardware.from_properties(
                _optional(image_meta, 'properties'), image_meta.id)
        except exception.ImageUnacceptable:
            return None
        return '/dev/%s' % hardware.disk_dev

    def _fetch_boot_files(self, context, hardware):
        """Cache the kernel and ramdisk images of a direct kernel boot."""
        paths = []
        for image_id in (hardware.kernel_id, hardware.ramdisk_id):
            if image_id is None:
                paths.append(None)
                continue
            try:
                meta = objects.ImageMeta.get_by_id(context, image_id)
            except exception.ImageNotFound:
                raise exception.ImageUnacceptable(
                    image_id=image_id,
                    reason='kernel or ramdisk image not found')
            paths.append(self._image_cache.fetch_to_base(meta))
        return paths

    def _make_instance_dir(self, instance) -> str:
        """Create the instance directory, refusing to build over an
        instance that already has a domain or files: the clean-up of a
        failed spawn would destroy them."""
        try:
            self._host.get_domain_by_uuid(instance.uuid)
        except exception.InstanceNotFound:
            pass
        else:
            raise exception.InstanceDeployFailure(
                reason='a domain with uuid %s already exists' % instance.uuid)
        inst_dir = self._instance_dir(instance)
        try:
            os.makedirs(inst_dir)
        except FileExistsError as e:
            raise exception.InstanceDeployFailure(
                reason='instance directory %s already exists' % inst_dir
            ) from e
        return inst_dir

    def spawn(self, context, instance, image_meta,
              network_info: str | None) -> None:
        """Cache the image, create the root disk overlay, define and start
        the domain, and wait until it runs.

        On a failure after the instance directory exists, the domain (if
        defined) and the directory are removed before the error propagates.
        """
        hardware = image_props.ImageHardware.from_properties(
            _optional(image_meta, 'properties'), image_meta.id)
        base = self._image_cache.fetch_to_base(image_meta)
        kernel, ramdisk = self._fetch_boot_files(context, hardware)
        inst_dir = self._make_instance_dir(instance)
        guest = None
        try:
            imagecache.create_overlay(base, os.path.join(inst_dir, DISK_NAME),
                                      imagecache.disk_format(image_meta),
                                      instance.flavor.root_gb)
            config_drive = self._create_config_drive(
                context, instance, image_meta, network_info, inst_dir)
            xml = self._guest_config(instance, image_meta, network_info,
                                     inst_dir, hardware, kernel,
                                     ramdisk, config_drive).to_xml()
            LOG.debug('Defining domain for %s:\n%s', instance.uuid, xml)
            guest = libvirt_guest.Guest.define(self._host.get_connection(),
                                               xml)
            guest.launch()
            guest.wait_for_running(
                self.conf.libvirt.wait_for_running_timeout)
        except Exception:
            with excutils.save_and_reraise_exception():
                LOG.error('Spawning %s failed; cleaning up', instance.uuid)
                self._cleanup_failed_spawn(guest, inst_dir)
        LOG.info('Instance %s is running as %s', instance.uuid, guest.name)

    def _create_config_drive(self, context, instance, image_meta,
                             network_info, inst_dir: str) -> str | None:
        """Write the config drive if the instance gets one (and say so on
        the instance); its path, or None. The networks are allocated by
        now, so network_data.json describes the guest's real NICs."""
        if not configdrive.required_by(self.conf, instance, image_meta):
            return None
        configdrive.update_instance(self.conf, instance, image_meta)
        ec2_ids = objects.EC2Ids.get_by_instance(context, instance)
        metadata = metadata_base.InstanceMetadata(
            self.conf, instance, ec2_ids, network_info=network_info)
        path = os.path.join(inst_dir, CONFIG_DRIVE_NAME)
        LOG.info('Creating config drive for %s at %s', instance.uuid, path)
        configdrive.make_drive(path, metadata.config_drive_files())
        return path

    def _cleanup_failed_spawn(self, guest, inst_dir: str) -> None:
        # Called with the spawn error pending: a clean-up error is logged,
        # never raised, so the caller sees why the spawn failed.
        if guest is not None:
            try:
                self._remove_guest(guest)
            except Exception:
                LOG.exception('Could not remove domain %s', guest.uuid)
        try:
            self._remove_instance_dir(inst_dir)
        except OSError:
            LOG.exception('Could not remove %s', inst_dir)

    @staticmethod
    def _remove_guest(guest: libvirt_guest.Guest) -> None:
        with contextlib.suppress(exception.InstanceNotFound):
            guest.poweroff()
            guest.undefine()

    @staticmethod
    def _remove_instance_dir(inst_dir: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(inst_dir)

    def destroy(self, context, instance) -> None:
        """Stop and undefine the domain and delete the instance directory;
        an instance that is already (partly) gone is not an error."""
        try:
            guest = self._host.get_domain_by_uuid(instance.uuid)
        except exception.InstanceNotFound:
            LOG.debug('No domain for %s; removing its files only',
                      instance.uuid)
        else:
            self._remove_guest(guest)
        self._remove_instance_dir(self._instance_dir(instance))

    def register_event_listener(self, listener) -> None:
        self._host.add_connect_hook(events.LifecycleEmitter(listener).watch)

    def list_managed_instance_uuids(self) -> list[str]:
        uuids = []
        for guest in self._host.list_guests():
            try:
                owner = guest.owner_host()
            except libvirt.libvirtError:
                continue        # gone while we looked
            if owner == self._service_host:
                uuids.append(guest.uuid)
        return uuids

    def destroy_orphan(self, instance_uuid: str) -> None:
        try:
            self._remove_guest(self._host.get_domain_by_uuid(instance_uuid))
        except exception.InstanceNotFound:
            pass
        self._remove_instance_dir(os.path.join(self.conf.instances_path,
                                               instance_uuid))

    def get_info(self, instance) -> driver.InstanceInfo:
        guest = self._host.get_domain_by_uuid(instance.uuid)
        domain_id = guest.id
        return driver.InstanceInfo(
            state=guest.get_power_state(),
            internal_id=str(domain_id) if domain_id >= 0 else None)

    def list_instance_uuids(self) -> list[str]:
        return [guest.uuid for guest in self._host.list_guests()]

    # -- lifecycle actions (policy in lifecycle.py) ------------------------

    def reboot(self, context, instance, reboot_type: str) -> None:
        lifecycle.reboot(self._host.get_domain_by_uuid(instance.uuid),
                         reboot_type,
                         self.conf.libvirt.wait_soft_reboot_seconds,
                         self.conf.libvirt.wait_for_running_timeout)

    def power_off(self, instance, timeout: int = 0,
                  retry_interval: int = 0) -> None:
        lifecycle.power_off(self._host.get_domain_by_uuid(instance.uuid),
                            timeout, retry_interval)

    def power_on(self, context, instance) -> None:
        # Nova powers on with a hard reboot: whatever state the domain is
        # in, it ends up freshly started.
        lifecycle.hard_reboot(self._host.get_domain_by_uuid(instance.uuid),
                              self.conf.libvirt.wait_for_running_timeout)

    def pause(self, instance) -> None:
        self._host.get_domain_by_uuid(instance.uuid).pause()

    def unpause(self, instance) -> None:
        self._host.get_domain_by_uuid(instance.uuid).resume()

    def suspend(self, context, instance) -> None:
        self._host.get_domain_by_uuid(instance.uuid).managed_save()

    def resume(self, context, instance) -> None:
        guest = self._host.get_domain_by_uuid(instance.uuid)
        # Starting a domain with a managed save image restores it.
        guest.launch()
        guest.wait_for_running(self.conf.libvirt.wait_for_running_timeout)

    def get_console_output(self, context, instance,
                           length: int | None = None) -> str:
        guest = self._host.get_domain_by_uuid(instance.uuid)
        return guest.get_console_output(length)

    def trigger_crash_dump(self, instance) -> None:
        self._host.get_domain_by_uuid(instance.uuid).inject_nmi()
