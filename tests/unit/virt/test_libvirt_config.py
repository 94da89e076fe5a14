"""Domain XML generation: render, parse back, check what libvirt will read."""
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from minicompute.virt.libvirt import config as vconfig

UUID = '9b1f3ec4-4fbc-4f8c-9d0e-2f1c6a1b7e01'
NS = '{%s}' % vconfig.MINICOMPUTE_NS


def _guest(with_nic=True, **kwargs):
    kwargs.setdefault('metadata', vconfig.LibvirtConfigGuestMetadata(
        name='web-1', flavor_name='m1.tiny', flavor_memory_mb=512,
        flavor_vcpus=1, flavor_root_gb=1, owner_project_id='proj',
        owner_user_id='user', host='compute1'))
    guest = vconfig.LibvirtConfigGuest(
        virt_type='kvm', name='instance-00000001', uuid=UUID, memory=512,
        memory_unit='MiB', vcpus=2, os_machine='q35', **kwargs)
    guest.add_device(vconfig.LibvirtConfigGuestDisk(
        '/var/lib/mc/instances/%s/disk' % UUID, 'vda'))
    if with_nic:
        guest.add_device(vconfig.LibvirtConfigGuestInterface())
    guest.add_device(vconfig.LibvirtConfigGuestSerial('/i/console.log'))
    guest.add_device(vconfig.LibvirtConfigGuestConsole('/i/console.log'))
    return guest


def _parse(config):
    return ET.fromstring(config.to_xml())


def test_domain_identity_size_and_features():
    root = _parse(_guest())
    assert root.tag == 'domain'
    assert root.get('type') == 'kvm'
    assert root.findtext('name') == 'instance-00000001'
    assert root.findtext('uuid') == UUID
    assert root.find('memory').get('unit') == 'MiB'
    assert root.findtext('memory') == '512'
    assert root.findtext('vcpu') == '2'
    assert [f.tag for f in root.find('features')] == ['acpi', 'apic']


def test_os_boots_from_disk_without_kernel():
    os_el = _parse(_guest()).find('os')
    os_type = os_el.find('type')
    assert os_type.text == 'hvm'
    assert os_type.get('arch') == 'x86_64'
    assert os_type.get('machine') == 'q35'
    assert os_el.find('boot').get('dev') == 'hd'
    assert os_el.find('kernel') is None


def test_machine_left_to_libvirt_when_unset():
    guest = vconfig.LibvirtConfigGuest('qemu', 'n', UUID, 1024, 1)
    os_type = _parse(guest).find('os/type')
    assert 'machine' not in os_type.attrib
    assert _parse(guest).find('memory').get('unit') == 'KiB'


def test_direct_kernel_boot():
    os_el = _parse(_guest(os_kernel='/k/vmlinuz', os_initrd='/k/initrd',
                          os_cmdline='console=ttyS0 root=/dev/vda')
                   ).find('os')
    assert os_el.findtext('kernel') == '/k/vmlinuz'
    assert os_el.findtext('initrd') == '/k/initrd'
    assert os_el.findtext('cmdline') == 'console=ttyS0 root=/dev/vda'
    assert os_el.find('boot') is None


def test_bad_memory_unit_rejected():
    with pytest.raises(ValueError):
        vconfig.LibvirtConfigGuest('kvm', 'n', UUID, 1, 1, memory_unit='GB')


def test_disk():
    disk = _parse(_guest()).find('devices/disk')
    assert (disk.get('type'), disk.get('device')) == ('file', 'disk')
    assert disk.find('driver').attrib == {'name': 'qemu', 'type': 'qcow2'}
    assert disk.find('source').get('file').endswith('/disk')
    assert disk.find('target').attrib == {'dev': 'vda', 'bus': 'virtio'}


def test_raw_disk_driver_type():
    disk = vconfig.LibvirtConfigGuestDisk('/d', 'vdb', driver_type='raw')
    assert _parse(disk).find('driver').get('type') == 'raw'


def test_user_mode_virtio_nic():
    ifaces = _parse(_guest()).findall('devices/interface')
    assert len(ifaces) == 1
    assert ifaces[0].get('type') == 'user'
    assert ifaces[0].find('model').get('type') == 'virtio'
    assert ifaces[0].find('mac') is None


def test_nic_mac_address():
    iface = vconfig.LibvirtConfigGuestInterface(
        mac_address='52:54:00:12:34:56')
    assert _parse(iface).find('mac').get('address') == '52:54:00:12:34:56'


def test_without_nic():
    assert _parse(_guest(with_nic=False)).find('devices/interface') is None


def test_serial_and_matching_console_to_file():
    devices = _parse(_guest()).find('devices')
    serial = devices.find('serial')
    console = devices.find('console')
    assert serial.get('type') == 'file'
    assert serial.find('source').get('path') == '/i/console.log'
    assert console.get('type') == 'file'
    assert console.find('source').get('path') == '/i/console.log'
    assert console.find('target').get('type') == 'serial'


def test_metadata_records_the_instance():
    inst = _parse(_guest()).find('metadata/%sinstance' % NS)
    assert inst is not None
    assert inst.findtext(NS + 'name') == 'web-1'
    flavor = inst.find(NS + 'flavor')
    assert flavor.get('name') == 'm1.tiny'
    assert flavor.findtext(NS + 'memory') == '512'
    assert flavor.findtext(NS + 'vcpus') == '1'
    assert flavor.findtext(NS + 'disk') == '1'
    assert inst.find('%sowner/%suser' % (NS, NS)).get('uuid') == 'user'
    assert inst.find('%sowner/%sproject' % (NS, NS)).get('uuid') == 'proj'
    assert inst.findtext(NS + 'host') == 'compute1'


def test_no_metadata_element_when_not_given():
    assert _parse(_guest(metadata=None)).find('metadata') is None


@pytest.mark.skipif(shutil.which('virt-xml-validate') is None,
                    reason='virt-xml-validate (libvirt-clients) missing')
@pytest.mark.parametrize('kwargs', [
    {}, {'os_kernel': '/k', 'os_initrd': '/i', 'os_cmdline': 'ro'}])
def test_xml_passes_libvirt_schema(tmp_path, kwargs):
    path = tmp_path / 'domain.xml'
    path.write_text(_guest(**kwargs).to_xml())
    result = subprocess.run(['virt-xml-validate', str(path), 'domain'],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _sysinfo():
    return vconfig.LibvirtConfigGuestSysinfo(
        system_manufacturer='OpenStack Foundation',
        system_product='OpenStack Nova', system_version='0.1.0',
        system_serial=UUID, system_uuid=UUID,
        system_family='Virtual Machine')


def _config_drive():
    return vconfig.LibvirtConfigGuestDisk(
        '/i/disk.config', 'hda', target_bus='ide', driver_type='raw',
        device='cdrom')


def test_sysinfo_and_smbios_mode():
    root = _parse(_guest(sysinfo=_sysinfo()))
    sysinfo = root.find('sysinfo')
    assert sysinfo.get('type') == 'smbios'
    entries = {e.get('name'): e.text
               for e in sysinfo.findall('system/entry')}
    assert entries == {'manufacturer': 'OpenStack Foundation',
                       'product': 'OpenStack Nova', 'version': '0.1.0',
                       'serial': UUID, 'uuid': UUID,
                       'family': 'Virtual Machine'}
    assert root.find('os/smbios').get('mode') == 'sysinfo'


def test_no_sysinfo_no_smbios():
    root = _parse(_guest())
    assert root.find('sysinfo') is None
    assert root.find('os/smbios') is None


def test_cdrom_is_read_only_raw():
    disk = _parse(_config_drive())
    assert disk.get('device') == 'cdrom'
    assert disk.find('driver').get('type') == 'raw'
    assert disk.find('source').get('file') == '/i/disk.config'
    assert disk.find('target').attrib == {'dev': 'hda', 'bus': 'ide'}
    assert disk.find('readonly') is not None
    # A plain disk is writable.
    assert _parse(vconfig.LibvirtConfigGuestDisk('/d', 'vda')).find(
        'readonly') is None


@pytest.mark.skipif(shutil.which('virt-xml-validate') is None,
                    reason='virt-xml-validate (libvirt-clients) missing')
@pytest.mark.parametrize('kwargs', [
    {}, {'os_kernel': '/k', 'os_initrd': '/i', 'os_cmdline': 'ro'}])
def test_sysinfo_and_config_drive_pass_libvirt_schema(tmp_path, kwargs):
    guest = _guest(sysinfo=_sysinfo(), **kwargs)
    guest.add_device(_config_drive())
    path = tmp_path / 'domain.xml'
    path.write_text(guest.to_xml())
    result = subprocess.run(['virt-xml-validate', str(path), 'domain'],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
