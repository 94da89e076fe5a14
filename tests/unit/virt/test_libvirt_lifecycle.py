"""Lifecycle actions of Guest, lifecycle.py and LibvirtDriver.

Against libvirt's test driver where it can do the operation (shutdown is
instant there, managed save works, ACPI flags do not); with a scripted
guest where the behaviour under test is a guest OS that ignores the power
button, which the test driver cannot simulate.
"""
import hashlib
import itertools
import os
import random
import subprocess
import uuid

import libvirt
import pytest

from minicompute import exception, objects
from minicompute.compute import power_state
from minicompute.virt import driver as virt_driver
from minicompute.virt.libvirt import config as vconfig
from minicompute.virt.libvirt import guest as libvirt_guest
from minicompute.virt.libvirt import host as libvirt_host
from minicompute.virt.libvirt import lifecycle

objects.register_all()

URI = 'test:///default'
_ids = itertools.count(random.randint(1, 0x7fffffff))


@pytest.fixture
def host():
    host = libvirt_host.Host(URI, host_name='compute1')
    yield host
    host.close()


def _define(host, console_log=None):
    domain_uuid = str(uuid.uuid4())
    config = vconfig.LibvirtConfigGuest(
        'test', 'life-%s' % domain_uuid, domain_uuid, 64, 1,
        memory_unit='MiB')
    if console_log:
        config.add_device(vconfig.LibvirtConfigGuestSerial(console_log))
    return libvirt_guest.Guest.define(host.get_connection(),
                                      config.to_xml())


@pytest.fixture
def guest(host):
    guest = _define(host)
    guest.launch()
    yield guest
    try:
        guest.poweroff()
        guest.undefine()
    except exception.InstanceNotFound:
        pass


def _state(guest):
    return guest.get_power_state()


# ------------------------------------------------------------------ Guest

def test_shutdown_powers_off_and_is_idempotent(guest):
    guest.shutdown()
    assert guest.wait_for_shutdown(1)
    assert _state(guest) == power_state.SHUTDOWN
    guest.shutdown()   # already off: nothing to do


def test_wait_for_shutdown_times_out_while_running(guest):
    assert not guest.wait_for_shutdown(0.3)


def test_pause_and_resume(guest):
    guest.pause()
    assert _state(guest) == power_state.PAUSED
    guest.resume()
    assert _state(guest) == power_state.RUNNING


def test_managed_save_and_restore(guest):
    assert not guest.has_managed_save()
    guest.managed_save()
    assert guest.has_managed_save()
    assert _state(guest) == power_state.SHUTDOWN
    guest.launch()   # restores the saved image
    assert _state(guest) == power_state.RUNNING
    assert not guest.has_managed_save()


def test_remove_managed_save(guest):
    guest.managed_save()
    guest.remove_managed_save()
    assert not guest.has_managed_save()
    guest.remove_managed_save()   # nothing saved: fine


def test_undefine_removes_a_domain_with_managed_save(host, guest):
    # Regression: the test driver rejects the NVRAM flag, and the plain
    # undefine it fell back to refuses a domain with a saved image, so a
    # suspended server could not be deleted.
    guest.managed_save()
    guest.poweroff()
    guest.undefine()
    with pytest.raises(exception.InstanceNotFound):
        host.get_domain_by_uuid(guest.uuid)


def test_console_log_path_from_the_definition(host, tmp_path):
    log = str(tmp_path / 'console.log')
    guest = _define(host, console_log=log)
    try:
        assert guest.get_console_log_path() == log
        assert guest.get_console_output() == ''
        with open(log, 'w') as f:
            f.write('a\nb\nc\n')
        assert guest.get_console_output(2) == 'b\nc\n'
        assert guest.get_console_output() == 'a\nb\nc\n'
    finally:
        guest.undefine()


def test_no_serial_file_means_no_output(guest):
    assert guest.get_console_log_path() is None
    assert guest.get_console_output(10) == ''


def test_read_log_tail(tmp_path):
    path = tmp_path / 'log'
    path.write_bytes(b'one\ntwo\nthree\xff\nfour')
    assert libvirt_guest.read_log_tail(str(path), 2) == 'three\ufffd\nfour'
    assert libvirt_guest.read_log_tail(str(path), 0) == ''
    assert libvirt_guest.read_log_tail(str(path), 100).startswith('one\n')
    assert libvirt_guest.read_log_tail(str(tmp_path / 'missing')) == ''


def test_read_log_tail_caps_the_bytes_read(tmp_path):
    path = tmp_path / 'big'
    path.write_bytes(b'x' * (libvirt_guest.MAX_CONSOLE_BYTES + 10) +
                     b'\nend\n')
    output = libvirt_guest.read_log_tail(str(path))
    assert len(output) == libvirt_guest.MAX_CONSOLE_BYTES
    assert output.endswith('\nend\n')


def test_actions_on_vanished_domain_raise_instance_not_found(host):
    guest = _define(host)
    host.get_connection().lookupByUUIDString(guest.uuid).undefine()
    for call in (guest.shutdown, guest.pause, guest.resume,
                 guest.managed_save, guest.has_managed_save,
                 guest.get_console_log_path):
        with pytest.raises(exception.InstanceNotFound):
            call()


# -------------------------------------------------------------- lifecycle

class ScriptedGuest:
    """A guest whose OS ignores (or obeys) the power button."""

    def __init__(self, obeys_power_button: bool,
                 state=power_state.RUNNING):
        self.uuid = 'scripted'
        self.obeys = obeys_power_button
        self.state = state
        self.calls = []
        self.saved = True

    def get_power_state(self):
        return self.state

    def shutdown(self):
        self.calls.append('shutdown')
        if self.obeys:
            self.state = power_state.SHUTDOWN

    def wait_for_shutdown(self, timeout):
        self.calls.append('wait %s' % timeout)
        return self.state == power_state.SHUTDOWN

    def poweroff(self):
        self.calls.append('poweroff')
        self.state = power_state.SHUTDOWN

    def remove_managed_save(self):
        self.calls.append('remove_managed_save')
        self.saved = False

    def launch(self):
        self.calls.append('launch')
        self.state = power_state.RUNNING

    def wait_for_running(self, timeout):
        self.calls.append('wait_for_running')


def test_soft_reboot_is_shutdown_and_start():
    guest = ScriptedGuest(obeys_power_button=True)
    lifecycle.reboot(guest, 'SOFT', soft_timeout=5, start_timeout=5)
    assert guest.calls == ['shutdown', 'wait 5', 'launch',
                           'wait_for_running']


def test_soft_reboot_falls_back_to_hard_when_guest_ignores_it():
    guest = ScriptedGuest(obeys_power_button=False)
    lifecycle.reboot(guest, 'SOFT', soft_timeout=5, start_timeout=5)
    assert guest.calls == ['shutdown', 'wait 5', 'poweroff',
                           'remove_managed_save', 'launch',
                           'wait_for_running']
    assert guest.state == power_state.RUNNING


def test_soft_reboot_of_a_paused_guest_is_hard():
    guest = ScriptedGuest(True, state=power_state.PAUSED)
    lifecycle.reboot(guest, 'SOFT', soft_timeout=5, start_timeout=5)
    assert 'shutdown' not in guest.calls
    assert guest.calls[0] == 'poweroff'


def test_soft_reboot_libvirt_error_falls_back_to_hard():
    guest = ScriptedGuest(obeys_power_button=True)

    def broken_shutdown():
        raise libvirt.libvirtError('agent not responding')
    guest.shutdown = broken_shutdown
    lifecycle.reboot(guest, 'SOFT', soft_timeout=5, start_timeout=5)
    assert guest.calls[0] == 'poweroff'
    assert guest.state == power_state.RUNNING


def test_hard_reboot_drops_a_saved_image():
    guest = ScriptedGuest(True, state=power_state.SHUTDOWN)
    lifecycle.reboot(guest, 'HARD', soft_timeout=5, start_timeout=5)
    assert not guest.saved
    assert guest.calls == ['poweroff', 'remove_managed_save', 'launch',
                           'wait_for_running']


def test_power_off_cleanly_then_destroy():
    guest = ScriptedGuest(obeys_power_button=True)
    lifecycle.power_off(guest, timeout=60, retry_interval=10)
    assert guest.calls == ['shutdown', 'wait 10', 'poweroff']


def test_power_off_presses_the_button_again_then_pulls_the_plug():
    guest = ScriptedGuest(obeys_power_button=False)
    lifecycle.power_off(guest, timeout=0.3, retry_interval=0.1)
    assert guest.calls.count('shutdown') >= 2
    assert guest.calls[-1] == 'poweroff'
    assert guest.state == power_state.SHUTDOWN


def test_power_off_without_timeout_pulls_the_plug_at_once():
    guest = ScriptedGuest(obeys_power_button=True)
    lifecycle.power_off(guest, timeout=0, retry_interval=10)
    assert guest.calls == ['poweroff']


def test_clean_shutdown_of_an_off_guest_is_done():
    guest = ScriptedGuest(True, state=power_state.SHUTDOWN)
    assert lifecycle.clean_shutdown(guest, 60, 10)
    assert guest.calls == []


# ----------------------------------------------------------------- driver

@pytest.fixture
def instance(drv, tmp_path):
    path = tmp_path / 'image.qcow2'
    subprocess.run(['qemu-img', 'create', '-f', 'qcow2', str(path), '16M'],
                   check=True, capture_output=True)
    data = path.read_bytes()
    image = objects.ImageMeta(id=str(uuid.uuid4()), status='active',
                              disk_format='qcow2', path=str(path),
                              size=len(data),
                              checksum=hashlib.md5(data).hexdigest(),
                              properties={})
    flavor = objects.Flavor(id=1, flavorid='1', name='m1.tiny',
                            memory_mb=128, vcpus=1, root_gb=1)
    instance = objects.Instance(uuid=str(uuid.uuid4()), id=next(_ids),
                                display_name='vm', project_id='proj',
                                user_id='user', flavor=flavor)
    drv.spawn(None, instance, image, 'none')
    yield instance
    drv.destroy(None, instance)


def _power(drv, instance):
    return drv.get_info(instance).state


def test_driver_stop_and_start(drv, instance):
    drv.power_off(instance, timeout=5, retry_interval=1)
    assert _power(drv, instance) == power_state.SHUTDOWN
    drv.power_off(instance, timeout=5, retry_interval=1)   # idempotent
    drv.power_on(None, instance)
    assert _power(drv, instance) == power_state.RUNNING


@pytest.mark.parametrize('reboot_type', ['SOFT', 'HARD'])
def test_driver_reboot(drv, instance, reboot_type):
    drv.reboot(None, instance, reboot_type)
    assert _power(drv, instance) == power_state.RUNNING


def test_driver_pause_unpause(drv, instance):
    drv.pause(instance)
    assert _power(drv, instance) == power_state.PAUSED
    drv.unpause(instance)
    assert _power(drv, instance) == power_state.RUNNING


def test_driver_suspend_resume(drv, instance):
    drv.suspend(None, instance)
    assert _power(drv, instance) == power_state.SHUTDOWN
    drv.resume(None, instance)
    assert _power(drv, instance) == power_state.RUNNING


def test_driver_hard_reboot_of_suspended_boots_afresh(drv, instance):
    drv.suspend(None, instance)
    drv.reboot(None, instance, 'HARD')
    guest = drv._host.get_domain_by_uuid(instance.uuid)
    assert not guest.has_managed_save()
    assert _power(drv, instance) == power_state.RUNNING


@pytest.mark.parametrize('prepare', ['pause', 'suspend', 'power_off'])
def test_driver_destroy_from_any_state(drv, conf, instance, prepare):
    if prepare == 'suspend':
        drv.suspend(None, instance)
    else:
        getattr(drv, prepare)(instance)
    drv.destroy(None, instance)
    assert not drv.instance_exists(instance)
    assert not os.path.exists(os.path.join(conf.instances_path,
                                           instance.uuid))


def test_driver_console_output(drv, conf, instance):
    log = os.path.join(conf.instances_path, instance.uuid, 'console.log')
    with open(log, 'w') as f:
        f.write('1\n2\n3\n')
    assert drv.get_console_output(None, instance, 1) == '3\n'
    assert drv.get_console_output(None, instance) == '1\n2\n3\n'


def test_driver_actions_on_missing_instance(drv):
    flavor = objects.Flavor(id=1, flavorid='1', name='m1.tiny',
                            memory_mb=128, vcpus=1, root_gb=1)
    missing = objects.Instance(uuid=str(uuid.uuid4()), id=next(_ids),
                               flavor=flavor)
    with pytest.raises(exception.InstanceNotFound):
        drv.pause(missing)
    with pytest.raises(exception.InstanceNotFound):
        drv.get_console_output(None, missing, 5)


def test_abc_actions_are_not_implemented_by_default():
    class Minimal(virt_driver.ComputeDriver):
        spawn = destroy = get_info = list_instance_uuids = None
        get_available_nodes = get_available_resource = None

    with pytest.raises(NotImplementedError):
        Minimal(None).pause(None)
    with pytest.raises(NotImplementedError):
        Minimal(None).reboot(None, None, 'SOFT')
