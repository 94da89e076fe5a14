"""What an image's ``hw_*`` properties ask of the guest's hardware, checked
against the values libvirt understands (a bad value refuses the image
rather than producing a domain that will not start).

Usage::

    hw = ImageHardware.from_properties(image_meta.properties)
    hw.disk_bus, hw.disk_dev, hw.vif_model, hw.machine_type
"""
from __future__ import annotations

import dataclasses

from minicompute import exception

# Disk bus -> device name prefix, as libvirt names targets.
DISK_BUSES = {'virtio': 'vd', 'scsi': 'sd', 'sata': 'sd', 'ide': 'hd',
              'usb': 'sd'}
VIF_MODELS = ('virtio', 'e1000', 'e1000e', 'rtl8139', 'ne2k_pci', 'pcnet')
DEFAULT_KERNEL_CMDLINE = 'root=/dev/vda console=tty0 console=ttyS0'


@dataclasses.dataclass(frozen=True)
class ImageHardware:
    disk_bus: str = 'virtio'
    vif_model: str = 'virtio'
    machine_type: str | None = None
    kernel_id: str | None = None
    ramdisk_id: str | None = None
    kernel_cmdline: str = DEFAULT_KERNEL_CMDLINE

    @property
    def disk_dev(self) -> str:
        return DISK_BUSES[self.disk_bus] + 'a'

    @classmethod
    def from_properties(cls, properties: dict | None,
                        image_id: str | None = None) -> ImageHardware:
        props = dict(properties or {})

        def refuse(reason):
            raise exception.ImageUnacceptable(image_id=image_id,
                                              reason=reason)

        disk_bus = props.get('hw_disk_bus') or 'virtio'
        if disk_bus not in DISK_BUSES:
            refuse('hw_disk_bus %r is not one of %s' % (
                disk_bus, ', '.join(sorted(DISK_BUSES))))
        vif_model = props.get('hw_vif_model') or 'virtio'
        if vif_model not in VIF_MODELS:
            refuse('hw_vif_model %r is not one of %s' % (
                vif_model, ', '.join(VIF_MODELS)))
        if props.get('ramdisk_id') and not props.get('kernel_id'):
            refuse('ramdisk_id is set without kernel_id')
        cmdline = props.get('os_command_line') or DEFAULT_KERNEL_CMDLINE
        if disk_bus != 'virtio' and 'os_command_line' not in props:
            cmdline = cmdline.replace('/dev/vda',
                                      '/dev/%sa' % DISK_BUSES[disk_bus])
        return cls(disk_bus=disk_bus, vif_model=vif_model,
                   machine_type=props.get('hw_machine_type') or None,
                   kernel_id=props.get('kernel_id') or None,
                   ramdisk_id=props.get('ramdisk_id') or None,
                   kernel_cmdline=cmdline)


def config_drive_device(hardware: ImageHardware) -> tuple[str, str]:
    """(bus, device) of the config drive CD-ROM, as Nova attaches it on
    x86: SATA on a q35 machine (which has no IDE), IDE otherwise (QEMU's
    default ``pc`` machine); the first device name the root disk does not
    take."""
    machine = hardware.machine_type or ''
    bus = 'sata' if 'q35' in machine else 'ide'
    first = DISK_BUSES[bus] + 'a'
    if first == hardware.disk_dev:
        return bus, DISK_BUSES[bus] + 'b'
    return bus, first
