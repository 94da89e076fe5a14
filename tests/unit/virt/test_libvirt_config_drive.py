"""The libvirt driver's config drive: when an instance gets one, what is
on it, and how the domain sees it (libvirt's test driver, real ISO files
read back with pycdlib)."""
import base64
import hashlib
import itertools
import json
import os
import random
import subprocess
import uuid
import xml.etree.ElementTree as ET

import pytest

from minicompute import objects
from minicompute.metadata import base
from minicompute.virt import configdrive
from minicompute.virt.libvirt import driver as libvirt_driver

_ids = itertools.count(random.randint(1, 0x7fffffff))
USER_DATA = b'#!/bin/sh\necho config drive user data\n'


@pytest.fixture
def image(tmp_path):
    path = tmp_path / 'image.qcow2'
    subprocess.run(['qemu-img', 'create', '-f', 'qcow2', str(path), '16M'],
                   check=True, capture_output=True)
    data = path.read_bytes()
    return objects.ImageMeta(id=str(uuid.uuid4()), status='active',
                             disk_format='qcow2', path=str(path),
                             size=len(data),
                             checksum=hashlib.md5(data).hexdigest(),
                             properties={})


def _instance(**values):
    flavor = objects.Flavor(id=1, flavorid='1', name='m1.tiny',
                            memory_mb=128, vcpus=1, root_gb=1)
    fields = dict(
        uuid=str(uuid.uuid4()), id=next(_ids), display_name='cd guest',
        hostname='cd-guest', project_id='proj', user_id='user',
        flavor=flavor, image_ref=str(uuid.uuid4()), kernel_id='',
        ramdisk_id='', key_name='k', metadata={'a': 'b'},
        keypairs=[{'name': 'k', 'type': 'ssh', 'public_key': 'ssh-rsa AAA'}],
        user_data=base64.b64encode(USER_DATA).decode(), launch_index=0,
        availability_zone='nova', reservation_id='r-1', networks='none',
        config_drive='', launched_at=None, root_device_name='/dev/vda')
    fields.update(values)
    return objects.Instance(**fields)


@pytest.fixture
def spawn(drv, db):
    spawned = []

    def _spawn(instance, image_meta, network_info='none'):
        drv.spawn(None, instance, image_meta, network_info)
        spawned.append(instance)
        return instance
    yield _spawn
    for instance in spawned:
        drv.destroy(None, instance)


def _xml(drv, instance):
    conn = drv._host.get_connection()
    return ET.fromstring(conn.lookupByUUIDString(instance.uuid).XMLDesc())


def _drive_path(conf, instance):
    return os.path.join(conf.instances_path, instance.uuid,
                        libvirt_driver.CONFIG_DRIVE_NAME)


def _cdroms(root):
    return [d for d in root.findall('devices/disk')
            if d.get('device') == 'cdrom']


def test_no_config_drive_unless_asked(drv, conf, spawn, image):
    instance = spawn(_instance(), image)
    assert _cdroms(_xml(drv, instance)) == []
    assert not os.path.exists(_drive_path(conf, instance))
    assert instance.config_drive == ''


def test_requested_config_drive_is_an_ide_cdrom(drv, conf, spawn, image):
    instance = spawn(_instance(config_drive='True'), image)
    (cdrom,) = _cdroms(_xml(drv, instance))
    assert cdrom.find('source').get('file') == _drive_path(conf, instance)
    assert cdrom.find('target').attrib == {'dev': 'hda', 'bus': 'ide'}
    assert cdrom.find('driver').get('type') == 'raw'
    assert cdrom.find('readonly') is not None
    assert configdrive.volume_label(_drive_path(conf, instance)) == \
        'config-2'


def test_drive_holds_the_metadata_services_documents(drv, conf, spawn,
                                                     image):
    info = [{'id': 'port-1', 'address': 'fa:16:3e:00:00:01',
             'type': 'bridge', 'devname': 'tapport-1',
             'network': {'id': 'net-1', 'label': 'private',
                         'meta': {'mtu': 1450}, 'subnets': [{
                             'cidr': '10.1.0.0/24', 'version': 4,
                             'gateway': {'address': '10.1.0.1'},
                             'dns': [], 'routes': [], 'meta': {},
                             'ips': [{'address': '10.1.0.7',
                                      'version': 4}]}]}}]
    instance = spawn(_instance(config_drive='True'), image,
                     network_info=info)
    files = configdrive.read_drive(_drive_path(conf, instance))
    ec2_ids = objects.EC2Ids.get_by_instance(None, instance)
    service = base.InstanceMetadata(conf, instance, ec2_ids, info)
    expected = dict(service.config_drive_files())
    assert sorted(files) == sorted(expected)
    for path, data in files.items():
        if path.endswith('/meta_data.json'):
            got, want = json.loads(data), json.loads(expected[path])
            # A fresh random seed every time it is asked for.
            assert got.pop('random_seed', None) is not None or \
                '2012-08-10' in path
            want.pop('random_seed', None)
            assert got == want, path
        else:
            assert data == expected[path], path
    # What the metadata service answers for the same instance.
    lookup = service.lookup
    assert files['openstack/latest/user_data'] == USER_DATA
    assert json.loads(files['openstack/latest/network_data.json']) == \
        json.loads(lookup('/openstack/latest/network_data.json').body)
    ec2 = json.loads(files['ec2/latest/meta-data.json'])
    assert ec2['instance-id'] == lookup(
        '/latest/meta-data/instance-id').body.decode()
    assert ec2['local-ipv4'] == '10.1.0.7'
    assert ec2['public-keys']['0']['openssh-key'] == 'ssh-rsa AAA'
    assert json.loads(files['openstack/latest/meta_data.json'])[
        'hostname'] == 'cd-guest.novalocal'


def test_force_config_drive_gives_new_instances_one(drv, conf, spawn,
                                                    image):
    conf.set_override('force_config_drive', True)
    instance = spawn(_instance(), image)
    assert len(_cdroms(_xml(drv, instance))) == 1
    # The API shows what the guest has.
    assert instance.config_drive == 'True'


def test_force_config_drive_spares_launched_instances(drv, conf, spawn,
                                                      image):
    conf.set_override('force_config_drive', True)
    from oslo_utils import timeutils
    instance = spawn(_instance(launched_at=timeutils.utcnow()), image)
    assert _cdroms(_xml(drv, instance)) == []
    assert instance.config_drive == ''


def test_image_property_makes_it_mandatory(drv, spawn, image):
    image.properties = {'img_config_drive': 'mandatory'}
    instance = spawn(_instance(), image)
    assert len(_cdroms(_xml(drv, instance))) == 1
    assert instance.config_drive == 'True'
    image.properties = {'img_config_drive': 'optional'}
    assert configdrive.required_by(drv.conf, _instance(), image) is False


@pytest.mark.parametrize('properties,target', [
    ({'hw_machine_type': 'q35'}, {'dev': 'sda', 'bus': 'sata'}),
    ({'hw_disk_bus': 'ide'}, {'dev': 'hdb', 'bus': 'ide'}),
    ({'hw_machine_type': 'pc-q35-7.2', 'hw_disk_bus': 'sata'},
     {'dev': 'sdb', 'bus': 'sata'}),
])
def test_cdrom_bus_follows_the_machine_type(drv, spawn, image, properties,
                                            target):
    image.properties = properties
    instance = spawn(_instance(config_drive='True'), image)
    (cdrom,) = _cdroms(_xml(drv, instance))
    assert cdrom.find('target').attrib == target


def test_smbios_says_openstack_nova(drv, spawn, image):
    instance = spawn(_instance(), image)
    root = _xml(drv, instance)
    entries = {e.get('name'): e.text
               for e in root.findall('sysinfo/system/entry')}
    assert entries['manufacturer'] == 'OpenStack Foundation'
    assert entries['product'] == 'OpenStack Nova'
    assert entries['family'] == 'Virtual Machine'
    assert entries['serial'] == entries['uuid'] == instance.uuid
    assert root.find('os/smbios').get('mode') == 'sysinfo'


def test_destroy_removes_the_drive(drv, conf, db, image):
    instance = _instance(config_drive='True')
    drv.spawn(None, instance, image, 'none')
    path = _drive_path(conf, instance)
    assert os.path.exists(path)
    drv.destroy(None, instance)
    assert not os.path.exists(path)
