"""Host and Guest against libvirt's test driver (test:///default).

The test driver's state is shared by every connection in the process, so
each test defines domains with fresh names and uuids and removes them.
"""
import threading
import uuid

import libvirt
import pytest

from minicompute import exception
from minicompute.compute import power_state
from minicompute.virt.libvirt import config as vconfig
from minicompute.virt.libvirt import guest as libvirt_guest
from minicompute.virt.libvirt import host as libvirt_host

URI = 'test:///default'


@pytest.fixture
def host():
    host = libvirt_host.Host(URI, host_name='compute1')
    yield host
    host.close()


@pytest.fixture
def guest(host):
    domain_uuid = str(uuid.uuid4())
    config = vconfig.LibvirtConfigGuest(
        'test', 'guest-%s' % domain_uuid, domain_uuid, 64, 1,
        memory_unit='MiB')
    guest = libvirt_guest.Guest.define(host.get_connection(),
                                       config.to_xml())
    yield guest
    try:
        guest.poweroff()
        guest.undefine()
    except exception.InstanceNotFound:
        pass


def test_connection_is_opened_once_and_shared(host):
    conns = []
    threads = [threading.Thread(
        target=lambda: conns.append(host.get_connection()))
        for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(conn) for conn in conns}) == 1


def test_reconnects_when_connection_died(host):
    first = host.get_connection()
    first.close()      # what a libvirtd restart looks like to the client
    second = host.get_connection()
    assert second is not first
    assert second.isAlive()


def test_unreachable_hypervisor():
    host = libvirt_host.Host('test:///nonexistent/file.xml', 'compute1')
    with pytest.raises(exception.HypervisorUnavailable, match='compute1'):
        host.get_connection()


def test_is_test_driver():
    assert libvirt_host.Host(URI, 'h').is_test_driver
    assert not libvirt_host.Host('qemu:///system', 'h').is_test_driver


def test_node_facts(host):
    info = host.get_node_info()
    assert info.memory_mb > 0 and info.cpus > 0 and info.arch
    assert host.get_type() == 'TEST'
    assert host.get_version() > 0
    assert host.get_libvirt_version() >= 9000000
    assert host.get_hostname()


def test_domain_lookup(host, guest):
    found = host.get_domain_by_uuid(guest.uuid)
    assert (found.uuid, found.name) == (guest.uuid, guest.name)
    assert guest.uuid in [g.uuid for g in host.list_guests()]


def test_unknown_uuid_is_instance_not_found(host):
    missing = str(uuid.uuid4())
    with pytest.raises(exception.InstanceNotFound, match=missing):
        host.get_domain_by_uuid(missing)


def test_defined_domain_is_shut_down(guest):
    assert guest.get_power_state() == power_state.SHUTDOWN
    assert guest.id == -1


def test_launch_and_wait_for_running(guest):
    guest.launch()
    guest.wait_for_running(timeout=5)
    assert guest.get_power_state() == power_state.RUNNING
    assert guest.id > 0


def test_wait_fails_fast_when_domain_is_off(guest):
    with pytest.raises(exception.InstanceDeployFailure, match='shutdown'):
        guest.wait_for_running(timeout=60)


def test_wait_times_out_while_paused(host, guest):
    guest.launch()
    host.get_connection().lookupByUUIDString(guest.uuid).suspend()
    assert guest.get_power_state() == power_state.PAUSED
    with pytest.raises(exception.InstanceDeployFailure, match='still paused'):
        guest.wait_for_running(timeout=0.3)


def test_poweroff_is_idempotent(guest):
    guest.launch()
    guest.poweroff()
    guest.poweroff()
    assert guest.get_power_state() == power_state.SHUTDOWN


def test_undefine_falls_back_when_flags_unsupported(host, guest):
    # The test driver rejects VIR_DOMAIN_UNDEFINE_NVRAM.
    guest.undefine()
    with pytest.raises(exception.InstanceNotFound):
        host.get_domain_by_uuid(guest.uuid)


def test_calls_on_vanished_domain_raise_instance_not_found(host, guest):
    guest.undefine()
    with pytest.raises(exception.InstanceNotFound):
        guest.get_power_state()
    with pytest.raises(exception.InstanceNotFound):
        guest.poweroff()


@pytest.mark.parametrize('libvirt_state, expected', [
    (libvirt.VIR_DOMAIN_NOSTATE, power_state.NOSTATE),
    (libvirt.VIR_DOMAIN_RUNNING, power_state.RUNNING),
    (libvirt.VIR_DOMAIN_BLOCKED, power_state.RUNNING),
    (libvirt.VIR_DOMAIN_PAUSED, power_state.PAUSED),
    (libvirt.VIR_DOMAIN_SHUTDOWN, power_state.SHUTDOWN),
    (libvirt.VIR_DOMAIN_SHUTOFF, power_state.SHUTDOWN),
    (libvirt.VIR_DOMAIN_CRASHED, power_state.CRASHED),
    (libvirt.VIR_DOMAIN_PMSUSPENDED, power_state.SUSPENDED),
])
def test_power_state_map(libvirt_state, expected):
    assert libvirt_guest.LIBVIRT_POWER_STATE[libvirt_state] == expected


def test_owner_host_reads_minicompute_metadata(host, guest):
    # The fixture's domain has no minicompute metadata: not ours.
    assert guest.owner_host() is None
    domain_uuid = str(uuid.uuid4())
    config = vconfig.LibvirtConfigGuest(
        'test', 'owned-%s' % domain_uuid, domain_uuid, 64, 1,
        memory_unit='MiB',
        metadata=vconfig.LibvirtConfigGuestMetadata(host='compute7'))
    owned = libvirt_guest.Guest.define(host.get_connection(),
                                       config.to_xml())
    try:
        assert owned.owner_host() == 'compute7'
    finally:
        owned.undefine()
