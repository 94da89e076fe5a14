"""Libvirt domain XML as plain Python objects.

This module only knows how libvirt spells a guest; it makes no decisions.
Which disk bus, which NIC, how much memory: the driver decides and fills the
objects in, so the policy stays in one place and the XML can be tested on
its own.

Usage::

    guest = LibvirtConfigGuest(virt_type='kvm', name='instance-00000001',
                               uuid=instance.uuid, memory=512,
                               memory_unit='MiB', vcpus=1)
    guest.add_device(LibvirtConfigGuestDisk('/path/disk', 'vda'))
    conn.defineXML(guest.to_xml())
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

#: Namespace of the ``<metadata>`` element that records which minicompute
#: instance a domain is. It is a URI only by convention; nothing fetches it.
MINICOMPUTE_NS = 'http://minicompute.dev/xmlns/instance/1.0'

_MEMORY_UNITS = ('KiB', 'MiB')


def _sub(parent: ET.Element, tag: str, text: object = None,
         **attrs: str) -> ET.Element:
    """Append a child; ``None`` attributes are left out so callers can pass
    optional values straight through."""
    child = ET.SubElement(parent, tag,
                          {k: str(v) for k, v in attrs.items()
                           if v is not None})
    if text is not None:
        child.text = str(text)
    return child


class LibvirtConfigObject:
    """Something that renders to one XML element."""

    def format_dom(self) -> ET.Element:
        raise NotImplementedError()

    def to_xml(self) -> str:
        """The element as an indented XML string, readable in debug logs."""
        root = self.format_dom()
        ET.indent(root)
        return ET.tostring(root, encoding='unicode')


class LibvirtConfigGuestDisk(LibvirtConfigObject):
    """A file-backed disk or CD-ROM: ``<disk type='file' device=...>``.

    A ``cdrom`` is read-only to the guest (the config drive).
    """

    def __init__(self, source_path: str, target_dev: str,
                 target_bus: str = 'virtio', driver_type: str = 'qcow2',
                 driver_name: str = 'qemu', device: str = 'disk'):
        self.source_path = source_path
        self.target_dev = target_dev
        self.target_bus = target_bus
        self.driver_type = driver_type
        self.driver_name = driver_name
        self.device = device

    def format_dom(self) -> ET.Element:
        disk = ET.Element('disk', type='file', device=self.device)
        # The driver type must always be explicit: letting QEMU probe the
        # format of a guest-writable disk lets a guest claim to be qcow2
        # with a backing file anywhere on the host.
        _sub(disk, 'driver', name=self.driver_name, type=self.driver_type)
        _sub(disk, 'source', file=self.source_path)
        _sub(disk, 'target', dev=self.target_dev, bus=self.target_bus)
        if self.device == 'cdrom':
            _sub(disk, 'readonly')
        return disk


class LibvirtConfigGuestInterface(LibvirtConfigObject):
    """A NIC; ``type='user'`` is QEMU's user-mode (SLIRP) network."""

    def __init__(self, net_type: str = 'user', model: str = 'virtio',
                 mac_address: str | None = None):
        self.net_type = net_type
        self.model = model
        self.mac_address = mac_address

    def format_dom(self) -> ET.Element:
        iface = ET.Element('interface', type=self.net_type)
        if self.mac_address:
            _sub(iface, 'mac', address=self.mac_address)
        _sub(iface, 'model', type=self.model)
        return iface


class _LibvirtConfigFileCharDevice(LibvirtConfigObject):
    """A character device whose host side is a plain file."""

    root_name = ''

    def __init__(self, path: str):
        self.path = path

    def format_dom(self) -> ET.Element:
        dev = ET.Element(self.root_name, type='file')
        _sub(dev, 'source', path=self.path)
        self._format_target(dev)
        return dev

    def _format_target(self, dev: ET.Element) -> None:
        pass


class LibvirtConfigGuestSerial(_LibvirtConfigFileCharDevice):
    """The guest's first serial port, written to a log file."""

    root_name = 'serial'


class LibvirtConfigGuestConsole(_LibvirtConfigFileCharDevice):
    """The console, pointed at the serial port.

    Libvirt wants a ``<console>`` that matches the first ``<serial>``;
    without it, it invents one, and tools that read the console (virsh
    console, the console log API) look at the console, not the serial.
    """

    root_name = 'console'

    def _format_target(self, dev: ET.Element) -> None:
        _sub(dev, 'target', type='serial')


class LibvirtConfigGuestMetadata(LibvirtConfigObject):
    """``<metadata>`` naming the minicompute instance behind a domain.

    Libvirt keeps it verbatim, so an operator running ``virsh dumpxml`` can
    tell whose guest it is and what it was built as without the database.
    """

    def __init__(self, name: str | None = None,
                 flavor_name: str | None = None,
                 flavor_memory_mb: int | None = None,
                 flavor_vcpus: int | None = None,
                 flavor_root_gb: int | None = None,
                 owner_project_id: str | None = None,
                 owner_user_id: str | None = None,
                 host: str | None = None):
        self.name = name
        self.flavor_name = flavor_name
        self.flavor_memory_mb = flavor_memory_mb
        self.flavor_vcpus = flavor_vcpus
        self.flavor_root_gb = flavor_root_gb
        self.owner_project_id = owner_project_id
        self.owner_user_id = owner_user_id
        self.host = host

    def format_dom(self) -> ET.Element:
        metadata = ET.Element('metadata')
        # A default-namespace declaration on the child keeps the prefix
        # out of the process-global ElementTree namespace registry, and
        # libvirt only requires that each metadata child has a namespace.
        inst = _sub(metadata, 'instance', xmlns=MINICOMPUTE_NS)
        if self.name is not None:
            _sub(inst, 'name', self.name)
        if self.flavor_name is not None:
            flavor = _sub(inst, 'flavor', name=self.flavor_name)
            for tag, value in (('memory', self.flavor_memory_mb),
                               ('vcpus', self.flavor_vcpus),
                               ('disk', self.flavor_root_gb)):
                if value is not None:
                    _sub(flavor, tag, value)
        if self.owner_project_id or self.owner_user_id:
            owner = _sub(inst, 'owner')
            if self.owner_user_id:
                _sub(owner, 'user', uuid=self.owner_user_id)
            if self.owner_project_id:
                _sub(owner, 'project', uuid=self.owner_project_id)
        if self.host is not None:
            _sub(inst, 'host', self.host)
        return metadata


class LibvirtConfigGuestSysinfo(LibvirtConfigObject):
    """``<sysinfo type='smbios'>``: the SMBIOS system table the guest
    reads (``/sys/class/dmi/id/product_name`` ...), only the entries
    given."""

    def __init__(self, system_manufacturer: str | None = None,
                 system_product: str | None = None,
                 system_version: str | None = None,
                 system_serial: str | None = None,
                 system_uuid: str | None = None,
                 system_family: str | None = None):
        self.system = (('manufacturer', system_manufacturer),
                       ('product', system_product),
                       ('version', system_version),
                       ('serial', system_serial),
                       ('uuid', system_uuid),
                       ('family', system_family))

    def format_dom(self) -> ET.Element:
        sysinfo = ET.Element('sysinfo', type='smbios')
        entries = [(name, value) for name, value in self.system
                   if value is not None]
        if entries:
            system = _sub(sysinfo, 'system')
            for name, value in entries:
                _sub(system, 'entry', value, name=name)
        return sysinfo


class LibvirtConfigGuest(LibvirtConfigObject):
    """A whole ``<domain>``: identity, size, how it boots, its devices.

    ``os_kernel``/``os_initrd``/``os_cmdline`` select direct kernel boot;
    without a kernel the guest boots from its first disk. A ``sysinfo``
    is what the guest's SMBIOS tables say (``<smbios mode='sysinfo'/>``).
    """

    def __init__(self, virt_type: str, name: str, uuid: str, memory: int,
                 vcpus: int, memory_unit: str = 'KiB',
                 os_type: str = 'hvm', os_arch: str = 'x86_64',
                 os_machine: str | None = None,
                 os_kernel: str | None = None,
                 os_initrd: str | None = None,
                 os_cmdline: str | None = None,
                 features: tuple[str, ...] = ('acpi', 'apic'),
                 metadata: LibvirtConfigGuestMetadata | None = None,
                 sysinfo: LibvirtConfigGuestSysinfo | None = None):
        if memory_unit not in _MEMORY_UNITS:
            raise ValueError('memory_unit must be one of %s, not %r'
                             % (', '.join(_MEMORY_UNITS), memory_unit))
        self.virt_type = virt_type
        self.name = name
        self.uuid = uuid
        self.memory = memory
        self.memory_unit = memory_unit
        self.vcpus = vcpus
        self.os_type = os_type
        self.os_arch = os_arch
        self.os_machine = os_machine
        self.os_kernel = os_kernel
        self.os_initrd = os_initrd
        self.os_cmdline = os_cmdline
        self.features = list(features)
        self.metadata = metadata
        self.sysinfo = sysinfo
        self.devices: list[LibvirtConfigObject] = []

    def add_device(self, device: LibvirtConfigObject) -> None:
        self.devices.append(device)

    def _format_os(self, domain: ET.Element) -> None:
        os_el = _sub(domain, 'os')
        _sub(os_el, 'type', self.os_type, arch=self.os_arch,
             machine=self.os_machine)
        if self.os_kernel:
            _sub(os_el, 'kernel', self.os_kernel)
            if self.os_initrd:
                _sub(os_el, 'initrd', self.os_initrd)
            if self.os_cmdline:
                _sub(os_el, 'cmdline', self.os_cmdline)
        else:
            _sub(os_el, 'boot', dev='hd')
        if self.sysinfo is not None:
            _sub(os_el, 'smbios', mode='sysinfo')

    def format_dom(self) -> ET.Element:
        domain = ET.Element('domain', type=self.virt_type)
        _sub(domain, 'name', self.name)
        _sub(domain, 'uuid', self.uuid)
        if self.metadata is not None:
            domain.append(self.metadata.format_dom())
        _sub(domain, 'memory', self.memory, unit=self.memory_unit)
        _sub(domain, 'vcpu', self.vcpus)
        if self.sysinfo is not None:
            domain.append(self.sysinfo.format_dom())
        self._format_os(domain)
        if self.features:
            features = _sub(domain, 'features')
            for feature in self.features:
                _sub(features, feature)
        devices = _sub(domain, 'devices')
        for device in self.devices:
            devices.append(device.format_dom())
        return domain
