"""A real guest: libvirtd + QEMU (TCG) boot the tiny kernel+initrd image
through the REST API, with the daemons on RabbitMQ and MariaDB."""
import base64
import os
import shutil

import pytest

from tests.functional import client as api_client
from tests.integration import conftest, daemons, images

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
    tiny = images.tiny_image()
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


def _wait_for_marker(client, server_id, timeout=120):
    api_client.wait_for(lambda: MARKER in _console(client, server_id),
                        timeout=timeout, interval=0.5,
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


def _public_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519
    key = ed25519.Ed25519PrivateKey.generate().public_key()
    return key.public_bytes(serialization.Encoding.OpenSSH,
                            serialization.PublicFormat.OpenSSH).decode()


# Runs as root in the guest; what it prints reaches the serial console.
CONFIG_DRIVE_USER_DATA = b"""#!/bin/sh
keys=$(wc -l < /root/.ssh/authorized_keys)
dmi=/sys/class/dmi/id
echo "USER DATA PROOF host=$(hostname) keys=$keys \
dmi=$(cat $dmi/product_name) serial=$(cat $dmi/product_serial)"
"""


@pytest.mark.integration
@pytest.mark.timeout(600)
def test_tiny_guest_configures_itself_from_its_config_drive(
        qemu_deployment):
    """No network at all: the guest finds the CD labelled config-2, takes
    its hostname and key and runs the user data, as cloud-init would."""
    import libvirt
    deployment, _database = qemu_deployment
    deployment.seed()
    image_id = _register_tiny_guest(deployment)
    deployment.start_all()
    deployment.wait_until_up(timeout=180)
    client = api_client.ApiClient(deployment.endpoint, 'demo:demo')
    public_key = _public_key()
    client.post('/os-keypairs', {'keypair': {'name': 'cd-key',
                                             'public_key': public_key}},
                expect=200)
    server_id = client.create_server(
        'Config Drive Guest', image_id, '42', networks='none',
        key_name='cd-key', config_drive=True,
        user_data=base64.b64encode(CONFIG_DRIVE_USER_DATA).decode()
    )['server']['id']
    try:
        server = api_client.wait_for_state(client, server_id, 'ACTIVE',
                                           timeout=300)
    except AssertionError as e:
        raise AssertionError('%s\n%s' % (
            e, _why_failed(deployment, server_id))) from None
    assert server['config_drive'] == 'True'
    _wait_for_marker(client, server_id, timeout=300)
    console = _console(client, server_id)
    assert 'TINY GUEST CONFIG SOURCE config-2' in console, console
    assert 'TINY GUEST HOSTNAME config-drive-guest' in console, console
    assert 'TINY GUEST KEYS 1 installed' in console, console
    assert ('USER DATA PROOF host=config-drive-guest keys=1 '
            'dmi=OpenStack Nova serial=%s' % server_id) in console, console
    assert 'TINY GUEST USER DATA EXIT 0' in console, console
    assert 'TINY GUEST SSH UP' in console, console

    conn = libvirt.open('qemu:///system')
    try:
        xml = conn.lookupByUUIDString(server_id).XMLDesc()
        assert "<disk type='file' device='cdrom'>" in xml
        assert "<entry name='product'>OpenStack Nova</entry>" in xml
    finally:
        conn.close()
    client.delete('/servers/%s' % server_id, expect=204)
    api_client.wait_until_deleted(client, server_id, timeout=120)
    assert deployment.errors_in_logs() == []


CLOUD_IMAGE_SWITCH = 'MINICOMPUTE_CLOUD_IMAGE_TEST'

# cloud-init's final stage runs it as root; the serial port is the
# console the test reads.
CLOUD_USER_DATA = b"""#!/bin/sh
keys=$(cat /home/*/.ssh/authorized_keys 2>/dev/null | grep -c ssh-)
echo "CLOUD USER DATA host=$(hostname) keys=$keys" > /dev/ttyS0
"""


@pytest.mark.integration
@pytest.mark.timeout(3600)
@pytest.mark.skipif(not os.environ.get(CLOUD_IMAGE_SWITCH),
                    reason='set %s=1 to build (debootstrap, minutes) and '
                           'boot the stock Debian 12 cloud image'
                           % CLOUD_IMAGE_SWITCH)
def test_debian_cloud_image_boots_from_its_config_drive(qemu_deployment):
    """A stock Debian 12 with cloud-init, nothing of minicompute in it:
    cloud-init finds the config drive, sets the hostname, installs the
    key for its default user and runs the user data."""
    import time
    deployment, _database = qemu_deployment
    deployment.seed()
    deployment.manage('flavor', 'create', 'm1.cloud', '--ram', '768',
                      '--vcpus', '1', '--disk', '4', '--id', '43')
    built = images.cloud_image()
    kernel = deployment.create_image(
        'debian-kernel', os.path.join(built, 'vmlinuz'), '--disk-format',
        'aki', '--container-format', 'aki')
    ramdisk = deployment.create_image(
        'debian-ramdisk', os.path.join(built, 'initrd.img'),
        '--disk-format', 'ari', '--container-format', 'ari')
    image_id = deployment.create_image(
        'debian-12-cloud', os.path.join(built, 'disk.qcow2'),
        '--disk-format', 'qcow2', '--container-format', 'bare',
        '--property', 'kernel_id=%s' % kernel,
        '--property', 'ramdisk_id=%s' % ramdisk,
        '--property', 'os_command_line=root=/dev/vda console=ttyS0')
    deployment.start_all()
    deployment.wait_until_up(timeout=180)
    client = api_client.ApiClient(deployment.endpoint, 'demo:demo')
    client.post('/os-keypairs', {'keypair': {'name': 'cloud-key',
                                             'public_key': _public_key()}},
                expect=200)
    started = time.monotonic()
    server_id = client.create_server(
        'Debian Cloud', image_id, '43', networks='none',
        key_name='cloud-key', config_drive=True,
        user_data=base64.b64encode(CLOUD_USER_DATA).decode()
    )['server']['id']
    try:
        api_client.wait_for_state(client, server_id, 'ACTIVE', timeout=300)
    except AssertionError as e:
        raise AssertionError('%s\n%s' % (
            e, _why_failed(deployment, server_id))) from None
    active = time.monotonic() - started
    proof = 'CLOUD USER DATA host=debian-cloud keys=1'
    try:
        api_client.wait_for(lambda: proof in _console(client, server_id),
                            timeout=1200, interval=5,
                            message='%r on the console' % proof)
        booted = time.monotonic() - started
        # cloud-init's last word names the datasource it used.
        api_client.wait_for(
            lambda: 'finished at' in _console(client, server_id),
            timeout=300, interval=5, message='cloud-init to finish')
    except AssertionError:
        raise AssertionError(_console(client, server_id, length=80))
    finished = [line for line in _console(client, server_id).splitlines()
                if 'finished at' in line]
    assert 'DataSourceConfigDrive' in finished[-1], finished
    print('\nDebian cloud image: POST -> ACTIVE %.1f s, POST -> user data '
          'ran %.1f s' % (active, booted))
    client.delete('/servers/%s' % server_id, expect=204)
    api_client.wait_until_deleted(client, server_id, timeout=120)
