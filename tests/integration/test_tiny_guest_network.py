"""The tiny guest on a network of this test's own, booted from the
metadata service: DHCP with a classless static route to 169.254.169.254,
the metadata proxy there (inside the namespace), minicompute-metadata on
MariaDB behind it, and SSH into the guest with the instance's key.

The network is a stand-in for the dataplane that issue 12 brings (bridges,
qdhcp namespaces, dnsmasq): one tap, moved into a namespace of this test
once QEMU holds it, so the root namespace never has an address on it;
busybox udhcpd in the namespace leases the guest its address. The guest is
started with libvirt directly; its metadata is that of a server created
through the API.
"""
import os
import shutil
import subprocess
import time
import uuid
import xml.etree.ElementTree as ET

import pytest

from minicompute.metadata import proxy
from minicompute.virt.libvirt import config as vconfig
from tests.functional import client as api_client
from tests.integration import conftest, daemons, images

SUBNET = '10.253.%d.' % (os.getpid() % 250)
GATEWAY = SUBNET + '1'
GUEST = SUBNET + '10'
MAC = 'fa:16:3e:%02x:%02x:%02x' % tuple(os.urandom(3))

USER_DATA = b'#!/bin/sh\necho "NETWORK USER DATA $(hostname)"\n'


def _ip(*args, check=True):
    return subprocess.run(['ip', *args], check=check, capture_output=True,
                          text=True, timeout=30)


def _keypair(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519
    key = ed25519.Ed25519PrivateKey.generate()
    private = tmp_path / 'id_ed25519'
    private.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption()))
    os.chmod(private, 0o600)
    public = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode()
    return str(private), public


def _require_tools():
    missing = [tool for tool in ('ip', 'ssh', 'busybox')
               if shutil.which(tool) is None]
    if os.geteuid() != 0 or missing:
        message = 'needs root and %s' % (', '.join(missing) or 'nothing')
        if os.environ.get('CI'):
            pytest.fail(message)
        pytest.skip(message)


def _domain_xml(tiny: str, workdir: str, tap: str) -> str:
    name = 'it-netguest-%s' % uuid.uuid4().hex[:8]
    guest = vconfig.LibvirtConfigGuest(
        virt_type='qemu', name=name, uuid=str(uuid.uuid4()), memory=128,
        memory_unit='MiB', vcpus=1,
        os_kernel=os.path.join(tiny, 'vmlinuz'),
        os_initrd=os.path.join(tiny, 'initrd.img'),
        os_cmdline='console=ttyS0')
    console = os.path.join(workdir, 'console.log')
    guest.add_device(vconfig.LibvirtConfigGuestSerial(console))
    guest.add_device(vconfig.LibvirtConfigGuestConsole(console))
    domain = guest.format_dom()
    # An unmanaged tap (libvirt opens the one we made), virtio, our MAC.
    iface = ET.SubElement(domain.find('devices'), 'interface',
                          type='ethernet')
    ET.SubElement(iface, 'mac', address=MAC)
    ET.SubElement(iface, 'target', dev=tap, managed='no')
    ET.SubElement(iface, 'model', type='virtio')
    return ET.tostring(domain, encoding='unicode')


@pytest.mark.integration
@pytest.mark.timeout(900)
def test_tiny_guest_boots_from_the_metadata_service_and_serves_ssh(
        tmp_path):
    import libvirt
    _require_tools()
    conftest.require('rabbitmq')
    conftest.require('mysql')
    conftest.require('libvirtd')
    suffix = uuid.uuid4().hex[:6]
    namespace, tap = 'mdg-%s' % suffix, 'mdtap%s' % suffix
    workdir = daemons.make_workdir('minicompute-netguest-')
    database = daemons.Database('mysql')
    database.create()
    deployment = daemons.Deployment(workdir, database.url, computes=1)
    domain = udhcpd = metadata_proxy = None
    conn = libvirt.open('qemu:///system')
    try:
        deployment.seed()
        deployment.start_all()
        deployment.wait_until_up()
        client = api_client.ApiClient(deployment.endpoint, 'demo:demo')
        private_key, public_key = _keypair(tmp_path)
        client.post('/os-keypairs', {'keypair': {
            'name': 'net-key', 'public_key': public_key}}, expect=200)
        import base64
        server_id = client.create_server(
            'Net Guest', client.first_image_id(), '42', key_name='net-key',
            user_data=base64.b64encode(USER_DATA).decode())['server']['id']
        api_client.wait_for_state(client, server_id, 'ACTIVE')

        # The tap, down and without IPv6 autoconfiguration: no address in
        # the root namespace, ever.
        _ip('netns', 'add', namespace)
        _ip('-n', namespace, 'link', 'set', 'lo', 'up')
        _ip('tuntap', 'add', tap, 'mode', 'tap')
        _ip('link', 'set', tap, 'addrgenmode', 'none')
        domain = conn.createXML(_domain_xml(images.tiny_image(), workdir,
                                            tap))
        # QEMU holds the tap's file descriptor; the device itself moves.
        _ip('link', 'set', tap, 'netns', namespace)
        _ip('-n', namespace, 'addr', 'add', GATEWAY + '/24', 'dev', tap)
        _ip('-n', namespace, 'addr', 'add', '169.254.169.254/32', 'dev',
            tap)
        _ip('-n', namespace, 'link', 'set', tap, 'up')

        conf = tmp_path / 'udhcpd.conf'
        conf.write_text(
            'interface %s\nstart %s\nend %s\nlease_file %s\n'
            'option subnet 255.255.255.0\n'
            'option staticroutes 169.254.169.254/32 %s\n'
            'static_lease %s %s\n' % (
                tap, GUEST, GUEST, tmp_path / 'leases', GATEWAY, MAC,
                GUEST))
        (tmp_path / 'leases').write_text('')
        udhcpd = subprocess.Popen(
            ['ip', 'netns', 'exec', namespace, 'busybox', 'udhcpd', '-f',
             str(conf)], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)

        ports = proxy.StaticPortLookup({GUEST: (server_id, 'demo')})
        metadata_proxy = proxy.MetadataProxy(
            proxy.listen_socket('169.254.169.254', 80, netns=namespace),
            ports, deployment.metadata_url, deployment.metadata_secret)
        metadata_proxy.start()

        console = os.path.join(workdir, 'console.log')
        started = time.monotonic()

        def up():
            with open(console, errors='replace') as f:
                return 'TINY GUEST UP' in f.read()
        api_client.wait_for(up, timeout=300, interval=1,
                            message='the guest to be up')
        booted = time.monotonic() - started
        with open(console, errors='replace') as f:
            log = f.read()
        assert 'TINY GUEST DHCP eth0 %s/24' % GUEST in log, log[-3000:]
        assert 'TINY GUEST CONFIG SOURCE metadata-service' in log, \
            log[-3000:]
        assert 'TINY GUEST HOSTNAME net-guest' in log
        assert 'NETWORK USER DATA net-guest' in log
        assert 'TINY GUEST SSH UP' in log

        ssh = ['ip', 'netns', 'exec', namespace, 'ssh', '-i', private_key,
               '-o', 'StrictHostKeyChecking=no',
               '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes',
               '-o', 'ConnectTimeout=20', 'root@' + GUEST, 'hostname']
        result = subprocess.run(ssh, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == 'net-guest'
        ssh_done = time.monotonic() - started
        print('\ntiny guest on a network: start -> up %.1f s, '
              '-> ssh hostname %.1f s' % (booted, ssh_done))
    finally:
        if metadata_proxy is not None:
            metadata_proxy.stop()
        if udhcpd is not None:
            os.killpg(udhcpd.pid, 15)
            udhcpd.wait(10)
        if domain is not None:
            try:
                domain.destroy()
            except libvirt.libvirtError:
                pass
        conn.close()
        _ip('netns', 'del', namespace, check=False)
        _ip('link', 'del', tap, check=False)
        codes = deployment.stop_all()
        database.drop()
        shutil.rmtree(workdir, ignore_errors=True)
    assert all(code == 0 for code in codes.values()), (codes,
                                                       deployment.logs())
