"""Power-state sync: the hypervisor's view wins for power; lifecycle
events make it quick, the periodic sync makes it certain; domains without
an instance are reaped."""
import libvirt
import pytest

from minicompute import context as mc_context
from minicompute import objects
from minicompute.compute import power_sync
from tests.functional import client as api_client

NANO = '42'


@pytest.fixture
def conn():
    conn = libvirt.open('test:///default')
    yield conn
    conn.close()


def _compute(aio, host):
    return next(s.manager for s in aio.services
                if s.binary == 'minicompute-compute' and s.host == host)


def _boot(admin, image_id, name):
    server = admin.create_server(name, image_id, NANO)['server']
    return api_client.wait_for_state(admin, server['id'], 'ACTIVE')


def test_guest_that_dies_becomes_shutoff(admin, image_id, conn):
    server = _boot(admin, image_id, 'dies')
    # The guest stops without minicompute asking (a crash, a poweroff
    # from inside): the lifecycle event syncs it.
    conn.lookupByUUIDString(server['id']).destroy()
    stopped = api_client.wait_for_state(admin, server['id'], 'SHUTOFF',
                                        timeout=30)
    assert stopped['OS-EXT-STS:vm_state'] == 'stopped'
    assert stopped['OS-EXT-STS:power_state'] == 4     # SHUTDOWN
    assert stopped['OS-EXT-STS:task_state'] is None
    admin.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(admin, server['id'])


def test_periodic_sync_catches_what_events_missed(admin, image_id, aio,
                                                  conn, monkeypatch):
    server = _boot(admin, image_id, 'missed')
    host = server['OS-EXT-SRV-ATTR:host']
    compute = _compute(aio, host)
    ctxt = mc_context.get_admin_context()
    instance = objects.Instance.get_by_uuid(ctxt, server['id'])
    # Pretend the database believes it is stopped while it runs: the sync
    # powers it off again.
    instance.vm_state = 'stopped'
    instance.save()
    compute._sync_power_states(ctxt)
    state = conn.lookupByUUIDString(server['id']).state()[0]
    assert state == libvirt.VIR_DOMAIN_SHUTOFF
    assert admin.show_server(server['id'])['status'] == 'SHUTOFF'
    admin.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(admin, server['id'])


def test_sync_leaves_instances_with_a_task_alone(admin, image_id, aio,
                                                 conn):
    server = _boot(admin, image_id, 'busy')
    ctxt = mc_context.get_admin_context()
    instance = objects.Instance.get_by_uuid(ctxt, server['id'])
    instance.task_state = 'rebooting'
    instance.save()
    conn.lookupByUUIDString(server['id']).destroy()
    power_sync.sync_instance(ctxt, instance, _compute(
        aio, server['OS-EXT-SRV-ATTR:host']).driver, instance.host)
    assert objects.Instance.get_by_uuid(ctxt, server['id']).vm_state == \
        'active'
    instance.task_state = None
    instance.save()
    admin.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(admin, server['id'])


def test_domains_without_instances_are_reaped(admin, image_id, aio, conn):
    server = _boot(admin, image_id, 'orphan')
    host = server['OS-EXT-SRV-ATTR:host']
    compute = _compute(aio, host)
    other = _compute(aio, next(h for h in aio.compute_hosts() if h != host))
    ctxt = mc_context.get_admin_context()
    # The row goes away behind the compute's back (a lost delete).
    objects.Instance.get_by_uuid(ctxt, server['id']).destroy()
    # The other host does not touch a domain that is not its own.
    other._reconcile_orphans(ctxt)
    conn.lookupByUUIDString(server['id'])
    assert compute.driver.list_managed_instance_uuids().count(
        server['id']) == 1
    compute._reconcile_orphans(ctxt)
    with pytest.raises(libvirt.libvirtError):
        conn.lookupByUUIDString(server['id'])
    assert objects.Allocation.get_by_instance(ctxt, server['id']) is None
    # libvirt's own built-in "test" domain is not ours and survives.
    conn.lookupByName('test')
