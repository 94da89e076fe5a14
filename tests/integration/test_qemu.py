"""A real guest: libvirtd + QEMU (TCG) boot the tiny kernel+initrd image
through the REST API, with the daemons on RabbitMQ and MariaDB."""
import os
import shutil
import subprocess

import pytest

from tests.functional import client as api_client
from tests.integration import conftest, daemons

REPO = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
MARKER = 'TINY GUEST UP'


@pytest.fixture
def qemu_deployment():
    conftest.require('rabbitmq')
    conftest.require('mysql')
    conftest.require('libvirtd')
    daemons.remove_leftover_domains()
    workdir = daemons.make_workdir('minicompute-qemu-')
    database = daemons.Database('mysql')
    database.create()
    deployment = daemons.Deployment(workdir, database.url, computes=1,
                                    compute_options={'libvirt': {
                                        'connection_uri': 'qemu:///system',
                                        'virt_type': 'qemu',
                                        'wait_for_running_timeout': 60}})
    try:
        yield deployment, database
    finally:
        codes = deployment.stop_all()
        database.drop()
        logs = deployment.logs()
        # A test that failed halfway leaves its guest behind.
        daemons.remove_domains(deployment.compute_hosts)
        shutil.rmtree(workdir, ignore_errors=True)
    assert all(code == 0 for code in codes.values()), (codes, logs)


def _register_tiny_guest(deployment) -> str:
    tiny = os.path.join(deployment.workdir, 'tiny')
    subprocess.run([os.path.join(REPO, 'tools', 'build-tiny-image.sh'),
                    tiny], check=True, capture_output=True, timeout=300)
    kernel = deployment.create_image(
        'tiny-kernel', os.path.join(tiny, 'vmlinuz'), '--disk-format', 'aki',
        '--container-format', 'aki')
    ramdisk = deployment.create_image(
        'tiny-ramdisk', os.path.join(tiny, 'initrd.img'), '--disk-format',
        'ari', '--container-format', 'ari')
    root = os.path.join(deployment.workdir, 'root.raw')
    with open(root, 'wb') as f:
        f.truncate(16 * 1024 * 1024)
    return deployment.create_image(
        'tiny-guest', root, '--disk-format', 'ami', '--container-format',
        'ami', '--property', 'kernel_id=%s' % kernel, '--property',
        'ramdisk_id=%s' % ramdisk)


def _console(client, server_id, length=None) -> str:
    """The serial console through the API (os-getConsoleOutput)."""
    response = client.post('/servers/%s/action' % server_id,
                           {'os-getConsoleOutput': {'length': length}},
                           expect=200)
    return response.json()['output']


def _wait_for_marker(client, server_id):
    api_client.wait_for(lambda: MARKER in _console(client, server_id),
                        timeout=120, interval=0.5,
                        message='%r on the serial console' % MARKER)


def _why_failed(deployment, server_id) -> str:
    """What an admin sees of the fault, and the compute's log: enough to
    tell a failed boot's cause from a CI transcript alone."""
    admin = api_client.ApiClient(deployment.endpoint, 'admin:admin')
    fault = admin.show_server(server_id).get('fault', {})
    return 'fault details: %s\n%s' % (fault.get('details'),
                                       deployment.logs())


def _press_power_button_until_off(libvirt, domain, timeout: float = 60):
    """Press again every few seconds, as a person (or Nova's clean
    shutdown) would: a guest under TCG may miss a press."""
    def off():
        if domain.state()[0] == libvirt.VIR_DOMAIN_SHUTOFF:
            return True
        try:
            domain.shutdown()
        except libvirt.libvirtError:
            pass    # it went off between the look and the press
        return False
    api_client.wait_for(off, timeout=timeout, interval=5,
                        message='the guest to power off')


def _action(client, server_id, body):
    client.post('/servers/%s/action' % server_id, body, expect=202)


@pytest.mark.integration
@pytest.mark.timeout(600)
def test_tiny_guest_boots_and_is_deleted_without_trace(qemu_deployment):
    import libvirt
    deployment, database = qemu_deployment
    (host,) = deployment.compute_hosts
    deployment.seed()
    image_id = _register_tiny_guest(deployment)
    deployment.start_all()
    # A libvirtd started moments ago may still be probing QEMU.
    deployment.wait_until_up(timeout=180)
    client = api_client.ApiClient(deployment.endpoint, 'demo:demo')

    server_id = client.create_server('guest', image_id, '42',
                                     networks='auto')['server']['id']
    try:
        server = api_client.wait_for_state(client, server_id, 'ACTIVE',
                                           timeout=120)
    except AssertionError as e:
        raise AssertionError('%s\n%s' % (
            e, _why_failed(deployment, server_id))) from None
    assert server['OS-EXT-STS:power_state'] == 1
    _wait_for_marker(client, server_id)
    assert _console(client, server_id, length=1).count('\n') <= 1

    conn = libvirt.open('qemu:///system')
    try:
        domain = conn.lookupByUUIDString(server_id)
        assert domain.UUIDString() == server_id
        assert domain.state()[0] == libvirt.VIR_DOMAIN_RUNNING
        xml = domain.XMLDesc()
        assert "<interface type='user'>" in xml
        assert '<kernel>' in xml and '<initrd>' in xml
        instance_dir = os.path.join(deployment.instances_path(host),
                                    server_id)
        assert os.path.isdir(instance_dir)

        # Soft reboot: the guest answers the ACPI power button, is started
        # again and boots afresh (the console starts over with each boot).
        _action(client, server_id, {'reboot': {'type': 'SOFT'}})
        api_client.wait_for_state(client, server_id, 'ACTIVE', timeout=120)
        _wait_for_marker(client, server_id)
        # Stop (clean ACPI power-off) and start.
        _action(client, server_id, {'os-stop': None})
        stopped = api_client.wait_for_state(client, server_id, 'SHUTOFF',
                                            timeout=120)
        assert stopped['OS-EXT-STS:power_state'] == 4
        assert domain.state()[0] == libvirt.VIR_DOMAIN_SHUTOFF
        _action(client, server_id, {'os-start': None})
        api_client.wait_for_state(client, server_id, 'ACTIVE', timeout=120)
        _wait_for_marker(client, server_id)
        _action(client, server_id, {'reboot': {'type': 'HARD'}})
        api_client.wait_for_state(client, server_id, 'ACTIVE', timeout=120)
        _wait_for_marker(client, server_id)

        # The guest powers itself off (ACPI power button, behind
        # minicompute's back): the lifecycle event makes it SHUTOFF.
        _press_power_button_until_off(libvirt, domain)
        stopped = api_client.wait_for_state(client, server_id, 'SHUTOFF',
                                            timeout=60)
        assert stopped['OS-EXT-STS:power_state'] == 4

        client.delete('/servers/%s' % server_id, expect=204)
        api_client.wait_until_deleted(client, server_id, timeout=120)
        with pytest.raises(libvirt.libvirtError):
            conn.lookupByUUIDString(server_id)
        assert server_id not in [d.UUIDString()
                                 for d in conn.listAllDomains()]
        assert not os.path.exists(instance_dir)
    finally:
        conn.close()
    assert database.query('SELECT COUNT(*) FROM allocations')[0][0] == 0
    assert deployment.errors_in_logs() == []
