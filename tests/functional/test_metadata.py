"""The metadata service and the config drive through the real flow: a
server created over the API with a key pair, user data and a config drive
is built by a compute (libvirt's test driver), and its guest's documents
are read back from the metadata service over HTTP and from the ISO image
the compute wrote."""
import base64
import json
import os

import pytest
import requests

from minicompute.metadata import signing
from minicompute.virt import configdrive
from tests.functional import client as api_client

USER_DATA = b'#!/bin/sh\necho "functional user data" > /tmp/proof\n'


def _public_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519
    key = ed25519.Ed25519PrivateKey.generate().public_key()
    return key.public_bytes(serialization.Encoding.OpenSSH,
                            serialization.PublicFormat.OpenSSH).decode()


PUBLIC_KEY = _public_key()


def _metadata(aio, path, instance_id, tenant_id, secret=None):
    secret = aio.conf.metadata.metadata_proxy_shared_secret \
        if secret is None else secret
    return requests.get(
        aio.metadata_endpoint + path, timeout=10,
        headers=signing.signed_headers(secret, instance_id, tenant_id,
                                       '10.0.0.5'))


def _drive(aio, server_id):
    return os.path.join(aio.conf.instances_path, server_id, 'disk.config')


@pytest.fixture
def booted(user, image_id):
    """A server with key pair, user data and a config drive, ACTIVE."""
    user.post('/os-keypairs', {'keypair': {'name': 'mdkey',
                                           'public_key': PUBLIC_KEY}},
              expect=200)
    server = user.create_server(
        'md-guest', image_id, '42', key_name='mdkey', config_drive=True,
        user_data=base64.b64encode(USER_DATA).decode(),
        metadata={'purpose': 'metadata test'})['server']
    api_client.wait_for_state(user, server['id'], 'ACTIVE')
    yield user.show_server(server['id'])
    user.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(user, server['id'])
    user.delete('/os-keypairs/mdkey', expect=None)


def test_server_shows_its_config_drive(booted, user, image_id):
    assert booted['config_drive'] == 'True'
    plain = user.create_server('no-drive', image_id, '42')['server']
    try:
        shown = api_client.wait_for_state(user, plain['id'], 'ACTIVE')
        assert shown['config_drive'] == ''
    finally:
        user.delete('/servers/%s' % plain['id'], expect=204)


def test_metadata_service_serves_the_server(aio, booted):
    server_id, project = booted['id'], booted['tenant_id']
    response = _metadata(aio, '/openstack/latest/meta_data.json',
                         server_id, project)
    assert response.status_code == 200, response.text
    data = response.json()
    assert data['uuid'] == server_id
    assert data['name'] == 'md-guest'
    assert data['hostname'] == 'md-guest.novalocal'
    assert data['public_keys'] == {'mdkey': PUBLIC_KEY}
    assert data['meta'] == {'purpose': 'metadata test'}
    assert data['project_id'] == project
    assert data['availability_zone'] == booted[
        'OS-EXT-AZ:availability_zone']
    assert _metadata(aio, '/openstack/latest/user_data', server_id,
                     project).content == USER_DATA
    ec2 = _metadata(aio, '/latest/meta-data/public-keys/0/openssh-key',
                    server_id, project)
    assert ec2.text == PUBLIC_KEY
    assert _metadata(aio, '/latest/meta-data/local-hostname', server_id,
                     project).text == 'md-guest.novalocal'
    instance_id = _metadata(aio, '/latest/meta-data/instance-id',
                            server_id, project).text
    assert instance_id.startswith('i-') and len(instance_id) == 10


def test_metadata_service_refuses_other_guests(aio, booted):
    server_id, project = booted['id'], booted['tenant_id']
    assert _metadata(aio, '/latest/meta-data/', server_id, project,
                     secret='guessed').status_code == 403
    unsigned = requests.get(aio.metadata_endpoint + '/latest/meta-data/',
                            headers={'X-Instance-ID': server_id,
                                     'X-Tenant-ID': project}, timeout=10)
    assert unsigned.status_code == 403
    other = _metadata(aio, '/openstack/latest/meta_data.json', server_id,
                      'someone-else')
    assert other.status_code == 404
    assert PUBLIC_KEY not in other.text


def test_config_drive_holds_what_the_service_serves(aio, booted):
    server_id, project = booted['id'], booted['tenant_id']
    files = configdrive.read_drive(_drive(aio, server_id))
    assert configdrive.volume_label(_drive(aio, server_id)) == 'config-2'
    for name in ('meta_data.json', 'network_data.json', 'user_data',
                 'vendor_data.json', 'vendor_data2.json'):
        served = _metadata(aio, '/openstack/latest/' + name, server_id,
                           project)
        assert served.status_code == 200, name
        on_drive = files['openstack/latest/' + name]
        if name.endswith('.json'):
            got, want = json.loads(on_drive), served.json()
            got.pop('random_seed', None)
            want.pop('random_seed', None)
            assert got == want, name
        else:
            assert on_drive == served.content
    ec2 = json.loads(files['ec2/latest/meta-data.json'])
    for key in ('instance-id', 'hostname', 'ami-id', 'reservation-id'):
        assert ec2[key] == _metadata(aio, '/latest/meta-data/' + key,
                                     server_id, project).text, key
    assert ec2['public-keys']['0']['openssh-key'] == PUBLIC_KEY
    assert files['ec2/latest/user-data'] == USER_DATA


def test_deleting_the_key_pair_keeps_the_guests_key(aio, booted, user):
    user.delete('/os-keypairs/mdkey', expect=202)
    data = _metadata(aio, '/openstack/latest/meta_data.json', booted['id'],
                     booted['tenant_id']).json()
    assert data['keys'] == [{'name': 'mdkey', 'type': 'ssh',
                             'data': PUBLIC_KEY}]


def test_rebuild_writes_the_new_user_data_to_the_drive(aio, booted,
                                                       image_id):
    client = api_client.at_version(aio.endpoint, '2.57',
                                   'alice:%s' % booted['tenant_id'])
    new_data = b'#!/bin/sh\necho rebuilt\n'
    client.post('/servers/%s/action' % booted['id'], {'rebuild': {
        'imageRef': image_id,
        'user_data': base64.b64encode(new_data).decode()}}, expect=202)
    api_client.wait_for(
        lambda: client.show_server(booted['id'])['status'] == 'ACTIVE' and
        os.path.exists(_drive(aio, booted['id'])) and
        configdrive.read_drive(_drive(aio, booted['id'])).get(
            'openstack/latest/user_data') == new_data,
        timeout=60, message='the rebuilt drive')
    assert client.show_server(booted['id'])['config_drive'] == 'True'


@pytest.mark.parametrize('value,status', [
    (True, 202), ('true', 202), (False, 202), ('maybe', 400), (2, 400)])
def test_config_drive_values(user, image_id, value, status):
    response = user.post('/servers', {'server': {
        'name': 'cd-value', 'imageRef': image_id, 'flavorRef': '42',
        'networks': 'none', 'config_drive': value}})
    assert response.status_code == status, response.text
    if status == 202:
        server_id = response.json()['server']['id']
        shown = api_client.wait_for_state(user, server_id, 'ACTIVE')
        assert shown['config_drive'] == ('True' if value in (True, 'true')
                                         else '')
        user.delete('/servers/%s' % server_id, expect=204)


@pytest.mark.parametrize('user_data', [
    'not base64!', base64.b64encode(b'x' * 50000).decode()])
def test_bad_user_data_is_refused(user, image_id, user_data):
    response = user.post('/servers', {'server': {
        'name': 'ud', 'imageRef': image_id, 'flavorRef': '42',
        'networks': 'none', 'user_data': user_data}})
    assert api_client.fault_message(response, 400).startswith(
        'Invalid input for field/attribute user_data')


def test_largest_user_data_is_accepted(user, image_id, aio):
    # 65,535 base64 characters is Nova's limit (49,149 bytes of data).
    data = os.urandom(49149)
    encoded = base64.b64encode(data).decode()
    assert len(encoded) <= 65535
    server = user.create_server('ud-max', image_id, '42', config_drive=True,
                                user_data=encoded)['server']
    try:
        api_client.wait_for_state(user, server['id'], 'ACTIVE')
        files = configdrive.read_drive(_drive(aio, server['id']))
        assert files['openstack/latest/user_data'] == data
    finally:
        user.delete('/servers/%s' % server['id'], expect=204)


def test_bad_user_data_on_rebuild_is_refused(aio, booted, image_id):
    client = api_client.at_version(aio.endpoint, '2.57',
                                   'alice:%s' % booted['tenant_id'])
    response = client.post('/servers/%s/action' % booted['id'], {
        'rebuild': {'imageRef': image_id, 'user_data': '%%%'}})
    assert api_client.fault_message(response, 400).startswith(
        'Invalid input for field/attribute user_data')


def test_openstacksdk_sees_the_config_drive(aio, image_id, tmp_path,
                                            monkeypatch):
    import openstack
    (tmp_path / 'clouds.yaml').write_text(f"""clouds:
  mini:
    auth_type: admin_token
    auth:
      endpoint: {aio.endpoint}
      token: admin:admin
    compute_endpoint_override: {aio.endpoint}
    region_name: RegionOne
""")
    monkeypatch.setenv('OS_CLIENT_CONFIG_FILE', str(tmp_path / 'clouds.yaml'))
    conn = openstack.connect(cloud='mini')
    server = conn.compute.create_server(
        name='sdk-cd', image_id=image_id, flavor_id='42', networks='none',
        config_drive=True,
        user_data=base64.b64encode(b'#!/bin/sh\n').decode())
    try:
        server = conn.compute.wait_for_server(server, wait=60, interval=0.2)
        assert conn.compute.get_server(server.id).has_config_drive in (
            True, 'True')
    finally:
        conn.compute.delete_server(server)
        conn.compute.wait_for_delete(server, wait=60, interval=0.2)
