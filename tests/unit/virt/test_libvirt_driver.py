"""LibvirtDriver against libvirt's test driver (test:///default).

Real domains, real qemu-img overlays, real files under ``tmp_path``. The
test driver's state is shared by the whole process, so every instance gets
a fresh uuid and id (its domain name derives from the id).
"""
import hashlib
import itertools
import os
import random
import subprocess
import uuid
import xml.etree.ElementTree as ET

import pytest

from minicompute import exception, objects
from minicompute.compute import power_state
from minicompute.virt import driver as virt_driver
from minicompute.virt.libvirt import config as vconfig
from minicompute.virt.libvirt import driver as libvirt_driver
from minicompute.virt.libvirt import guest as libvirt_guest

objects.register_all()

# Random start: other test modules in this process may define domains too.
_ids = itertools.count(random.randint(1, 0x7fffffff))

TEST_DOMAIN_UUID = '6695eb01-f6a4-8304-79aa-97f2502e193f'


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


def _instance(root_gb=1):
    flavor = objects.Flavor(id=1, flavorid='1', name='m1.tiny',
                            memory_mb=128, vcpus=1, root_gb=root_gb)
    return objects.Instance(uuid=str(uuid.uuid4()), id=next(_ids),
                            display_name='vm', project_id='proj',
                            user_id='user', flavor=flavor)


def _domain_xml(drv, instance):
    conn = drv._host.get_connection()
    return ET.fromstring(conn.lookupByUUIDString(instance.uuid).XMLDesc())


def _inst_dir(conf, instance):
    return os.path.join(conf.instances_path, instance.uuid)


@pytest.fixture
def spawned(drv, image):
    instance = _instance()
    drv.spawn(None, instance, image, 'none')
    yield instance
    drv.destroy(None, instance)


def test_spawn_runs_a_domain(drv, conf, spawned):
    root = _domain_xml(drv, spawned)
    assert root.get('type') == 'test'
    assert root.findtext('uuid') == spawned.uuid
    assert root.findtext('name') == spawned.name
    assert int(root.findtext('memory')) == 128 * 1024     # KiB
    assert root.findtext('vcpu') == '1'
    assert drv.get_info(spawned).state == power_state.RUNNING
    assert spawned.uuid in drv.list_instance_uuids()


def test_spawn_creates_overlay_and_console(drv, conf, spawned):
    inst_dir = _inst_dir(conf, spawned)
    disk = os.path.join(inst_dir, 'disk')
    root = _domain_xml(drv, spawned)
    assert root.find('devices/disk/source').get('file') == disk
    assert root.find('devices/disk/driver').get('type') == 'qcow2'
    assert root.find('devices/disk/target').attrib == {'dev': 'vda',
                                                      'bus': 'virtio'}
    console = os.path.join(inst_dir, 'console.log')
    assert root.find('devices/serial/source').get('path') == console
    assert root.find('devices/console/source').get('path') == console
    info = subprocess.run(['qemu-img', 'info', '--output=json', disk],
                          check=True, capture_output=True, text=True).stdout
    assert '"virtual-size": %d' % (1024 ** 3) in info


def test_spawn_records_instance_metadata(drv, spawned):
    ns = '{%s}' % vconfig.MINICOMPUTE_NS
    inst = _domain_xml(drv, spawned).find('metadata/%sinstance' % ns)
    assert inst.find(ns + 'flavor').get('name') == 'm1.tiny'
    assert inst.findtext(ns + 'host') == 'compute1'
    assert inst.find('%sowner/%sproject' % (ns, ns)).get('uuid') == 'proj'


def test_network_auto_adds_user_nic(drv, image):
    instance = _instance()
    drv.spawn(None, instance, image, 'auto')
    try:
        ifaces = _domain_xml(drv, instance).findall('devices/interface')
        assert [i.get('type') for i in ifaces] == ['user']
        assert ifaces[0].find('model').get('type') == 'virtio'
    finally:
        drv.destroy(None, instance)


def test_network_none_has_no_nic(drv, spawned):
    assert _domain_xml(drv, spawned).find('devices/interface') is None


def test_destroy_removes_domain_and_dir(drv, conf, image):
    instance = _instance()
    drv.spawn(None, instance, image, 'none')
    drv.destroy(None, instance)
    assert instance.uuid not in drv.list_instance_uuids()
    assert not os.path.exists(_inst_dir(conf, instance))
    with pytest.raises(exception.InstanceNotFound):
        drv.get_info(instance)
    assert not drv.instance_exists(instance)
    drv.destroy(None, instance)      # twice is fine


def test_destroy_of_never_spawned_instance(drv):
    drv.destroy(None, _instance())


def test_bad_checksum_leaves_nothing(drv, conf, image):
    image.checksum = hashlib.md5(b'other').hexdigest()
    instance = _instance()
    with pytest.raises(exception.ImageUnacceptable):
        drv.spawn(None, instance, image, 'none')
    assert instance.uuid not in drv.list_instance_uuids()
    assert not os.path.exists(_inst_dir(conf, instance))


def test_flavor_disk_too_small_leaves_nothing(drv, conf, tmp_path):
    path = tmp_path / 'big.qcow2'
    subprocess.run(['qemu-img', 'create', '-f', 'qcow2', str(path), '2G'],
                   check=True, capture_output=True)
    big = objects.ImageMeta(id=str(uuid.uuid4()), status='active',
                            disk_format='qcow2', path=str(path))
    instance = _instance(root_gb=1)
    with pytest.raises(exception.FlavorDiskTooSmall):
        drv.spawn(None, instance, big, 'none')
    assert not os.path.exists(_inst_dir(conf, instance))


def test_failure_after_define_removes_domain_and_dir(drv, conf, image,
                                                     monkeypatch):
    def fail_launch(guest):
        raise exception.InstanceDeployFailure(reason='injected')

    monkeypatch.setattr(libvirt_guest.Guest, 'launch', fail_launch)
    instance = _instance()
    with pytest.raises(exception.InstanceDeployFailure, match='injected'):
        drv.spawn(None, instance, image, 'none')
    assert instance.uuid not in drv.list_instance_uuids()
    assert not os.path.exists(_inst_dir(conf, instance))


def test_spawn_refuses_existing_instance(drv, conf, image, spawned):
    with pytest.raises(exception.InstanceDeployFailure, match='exists'):
        drv.spawn(None, spawned, image, 'none')
    # The running instance was not touched by the refused spawn.
    assert drv.get_info(spawned).state == power_state.RUNNING
    assert os.path.isdir(_inst_dir(conf, spawned))


def test_direct_kernel_boot_uses_cached_kernel_and_ramdisk(
        drv, conf, image, db, tmp_path):
    from minicompute import context as mc_context
    from minicompute.image import registry
    ctx = mc_context.get_admin_context()
    ids = {}
    for name, kind in (('kernel', 'aki'), ('ramdisk', 'ari')):
        source = tmp_path / name
        source.write_bytes(name.encode() * 1024)
        ids[name] = registry.create(conf, ctx, name, str(source),
                                    disk_format=kind,
                                    container_format=kind).id
    image.properties = {'kernel_id': ids['kernel'],
                        'ramdisk_id': ids['ramdisk'],
                        'hw_disk_bus': 'scsi', 'hw_vif_model': 'e1000',
                        'hw_machine_type': 'pc'}
    instance = _instance()
    drv.spawn(ctx, instance, image, 'auto')
    try:
        xml = _domain_xml(drv, instance)
        base = os.path.join(conf.instances_path, '_base')
        assert xml.find('os/kernel').text == os.path.join(base,
                                                          ids['kernel'])
        assert xml.find('os/initrd').text == os.path.join(base,
                                                          ids['ramdisk'])
        assert xml.find('os/cmdline').text == \
            'root=/dev/sda console=tty0 console=ttyS0'
        assert xml.find('os/type').get('machine') == 'pc'
        assert xml.find('devices/disk/target').attrib == {
            'dev': 'sda', 'bus': 'scsi'}
        assert xml.find('devices/interface/model').get('type') == 'e1000'
    finally:
        drv.destroy(ctx, instance)


@pytest.mark.parametrize('properties, reason', [
    ({'hw_disk_bus': 'floppy'}, 'hw_disk_bus'),
    ({'hw_vif_model': 'tulip'}, 'hw_vif_model'),
    ({'ramdisk_id': 'x'}, 'ramdisk_id is set without kernel_id'),
])
def test_bad_hardware_properties_refuse_the_image(drv, conf, image,
                                                  properties, reason):
    image.properties = properties
    instance = _instance()
    with pytest.raises(exception.ImageUnacceptable, match=reason):
        drv.spawn(None, instance, image, 'none')
    assert not os.path.exists(_inst_dir(conf, instance))


def test_image_is_cached_once_for_two_instances(drv, conf, image):
    first, second = _instance(), _instance()
    drv.spawn(None, first, image, 'none')
    os.unlink(image.path)       # the second spawn must use the cache
    try:
        drv.spawn(None, second, image, 'none')
    finally:
        drv.destroy(None, first)
        drv.destroy(None, second)
    assert os.listdir(os.path.join(conf.instances_path, '_base')) == \
        [image.id]


def test_list_includes_the_test_drivers_own_domain(drv):
    assert TEST_DOMAIN_UUID in drv.list_instance_uuids()


def test_nodes_and_resources(drv, conf):
    assert drv.get_available_nodes() == ['compute1']
    res = drv.get_available_resource('compute1')
    assert isinstance(res, virt_driver.NodeResources)
    conn = drv._host.get_connection()
    _model, memory_mb, cpus = conn.getInfo()[:3]
    stat = os.statvfs(conf.instances_path)
    assert res.hypervisor_hostname == 'compute1'
    assert res.hypervisor_type == 'TEST'
    assert res.hypervisor_version == conn.getVersion()
    assert (res.vcpus, res.memory_mb) == (cpus, memory_mb)
    assert res.local_gb == stat.f_blocks * stat.f_frsize // 1024 ** 3


def test_init_host_fails_without_hypervisor(conf):
    conf.set_override('connection_uri', 'test:///nonexistent.xml',
                      group='libvirt')
    drv = libvirt_driver.LibvirtDriver(conf)
    with pytest.raises(exception.HypervisorUnavailable, match='compute9'):
        drv.init_host('compute9')

