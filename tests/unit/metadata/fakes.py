"""Instances and network_info in the shapes the metadata code reads."""
import base64
import uuid

from minicompute import objects

PUBLIC_KEY = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDz7m0wQeJ8i0cW2cbyWbX'
              'q5r4z2b6V3Vb0m0lR4uWvC alice@example')
USER_DATA = b'#!/bin/sh\necho "hello from user data"\n'


def instance(**values):
    fields = dict(
        uuid=str(uuid.uuid4()), id=7, display_name='Web 1',
        hostname='web-1', metadata={'role': 'web'}, key_name='mykey',
        keypairs=[{'name': 'mykey', 'type': 'ssh',
                   'public_key': PUBLIC_KEY}],
        launch_index=0, availability_zone='nova', project_id='proj-a',
        user_id='alice', reservation_id='r-abcd1234',
        user_data=base64.b64encode(USER_DATA).decode(), networks='auto',
        root_device_name='/dev/vda', image_ref=str(uuid.uuid4()),
        kernel_id='', ramdisk_id='',
        flavor=objects.Flavor(name='m1.tiny', memory_mb=128, vcpus=1,
                              root_gb=1))
    fields.update(values)
    return objects.Instance(**fields)


def ec2_ids(**values):
    fields = dict(instance_id='i-00000007', ami_id='ami-00000001',
                  kernel_id=None, ramdisk_id=None)
    fields.update(values)
    return objects.EC2Ids(**fields)


NETWORK_ID = '5f0a6c5e-8c3e-4a8e-9d38-2f6a1a7b9c01'
PORT_ID = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff'
MAC = 'fa:16:3e:12:34:56'


def vif(subnets, port_id=PORT_ID, mac=MAC, network_id=NETWORK_ID,
        vif_type='bridge', devname='tapa1b2c3d4-e5', mtu=1450):
    """A VIF as the network side stores it (Nova's network model)."""
    return {
        'id': port_id, 'address': mac, 'type': vif_type,
        'devname': devname, 'details': {}, 'active': True,
        'network': {'id': network_id, 'label': 'private',
                    'bridge': 'brq5f0a6c5e-8c', 'subnets': subnets,
                    'meta': {'mtu': mtu, 'tenant_id': 'proj-a'}},
    }


def subnet_v4(dhcp=False, address='10.0.0.5', floating=()):
    meta = {'enable_dhcp': True, 'dhcp_server': '10.0.0.2'} if dhcp else {}
    return {
        'cidr': '10.0.0.0/24', 'version': 4,
        'gateway': {'address': '10.0.0.1', 'type': 'gateway', 'meta': {}},
        'dns': [{'address': '10.0.0.2', 'type': 'dns', 'meta': {}}],
        'ips': [{'address': address, 'type': 'fixed', 'version': 4,
                 'meta': {}, 'floating_ips': [
                     {'address': f, 'type': 'floating', 'meta': {}}
                     for f in floating]}],
        'routes': [{'cidr': '192.168.0.0/16',
                    'gateway': {'address': '10.0.0.254'}, 'meta': {}}],
        'meta': meta,
    }


def subnet_v6():
    return {
        'cidr': 'fd00:1::/64', 'version': 6,
        'gateway': {'address': 'fd00:1::1', 'type': 'gateway', 'meta': {}},
        'dns': [{'address': 'fd00:1::2', 'type': 'dns', 'meta': {}}],
        'ips': [{'address': 'fd00:1::5', 'type': 'fixed', 'version': 6,
                 'meta': {}, 'floating_ips': []}],
        'routes': [], 'meta': {},
    }
