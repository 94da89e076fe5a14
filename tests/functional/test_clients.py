"""The standard clients against the all-in-one with noauth2: the
openstack CLI, the nova CLI and openstacksdk, installed from PyPI, each
negotiating its microversion with minicompute.

noauth2 has no identity service, so the clients take the compute and image
endpoints from a clouds.yaml (``admin_token`` auth). python-openstackclient
insists on an identity v3 service for ``server list`` and ``keypair
create`` even when it does not use it; those two run against a real
keystone in tests/integration/test_keystone.py.
"""
import json
import os
import subprocess
import sys

import pytest

from minicompute.api.openstack import api_version_request as avr
from tests.functional import client as api_client

BIN_DIR = os.path.dirname(sys.executable)


@pytest.fixture
def cloud(aio, tmp_path):
    root = aio.endpoint.rsplit('/v2.1', 1)[0]
    (tmp_path / 'clouds.yaml').write_text(f"""clouds:
  mini:
    auth_type: admin_token
    auth:
      endpoint: {aio.endpoint}
      token: admin:admin
    compute_endpoint_override: {aio.endpoint}
    image_endpoint_override: {root}/image
    region_name: RegionOne
""")
    return tmp_path


def _run(cloud, *argv) -> str:
    env = dict(os.environ, OS_CLIENT_CONFIG_FILE=str(cloud / 'clouds.yaml'),
               OS_CLOUD='mini')
    result = subprocess.run([os.path.join(BIN_DIR, argv[0]), *argv[1:]],
                            env=env, capture_output=True, text=True,
                            timeout=120, cwd=cloud)
    assert result.returncode == 0, (argv, result.stdout, result.stderr)
    return result.stdout


def test_openstack_cli_image_and_server_lifecycle(cloud, aio):
    flavors = _run(cloud, 'openstack', 'flavor', 'list', '-f', 'value',
                   '-c', 'Name')
    assert {'m1.nano', 'm1.tiny', 'm1.small'} <= set(flavors.split())
    disk = cloud / 'cli.raw'
    disk.write_bytes(b'\0' * 1024 * 1024)
    _run(cloud, 'openstack', 'image', 'create', '--file', str(disk),
         '--disk-format', 'raw', '--container-format', 'bare', 'noauth-img')
    assert 'noauth-img' in _run(cloud, 'openstack', 'image', 'list', '-f',
                                'value', '-c', 'Name').split()
    # --nic none needs microversion 2.37, which the client negotiates.
    created = json.loads(_run(
        cloud, 'openstack', 'server', 'create', '--image', 'noauth-img',
        '--flavor', 'm1.nano', '--nic', 'none', '--wait', '-f', 'json',
        'noauth-server'))
    assert created['status'] == 'ACTIVE'
    shown = json.loads(_run(cloud, 'openstack', 'server', 'show',
                            created['id'], '-f', 'json'))
    assert shown['name'] == 'noauth-server'
    assert shown['status'] == 'ACTIVE'
    # Negotiated past 2.47: the embedded flavor is shown, not a flavor id.
    assert 'm1.nano' in str(shown['flavor'])
    _run(cloud, 'openstack', 'server', 'delete', '--wait', created['id'])


def test_novaclient_negotiates_the_latest_microversion(aio, admin,
                                                     image_id):
    """python-novaclient (its shell needs keystone, so the library):
    "2.latest" negotiates minicompute's maximum, then reads servers."""
    from keystoneauth1 import session, token_endpoint
    from novaclient import api_versions
    from novaclient import client as nova_client

    auth = token_endpoint.Token(aio.endpoint, 'admin:admin')
    sess = session.Session(auth=auth)
    probe = nova_client.Client('2.1', session=sess,
                               endpoint_override=aio.endpoint)
    version = api_versions.discover_version(
        probe, api_versions.APIVersion('2.latest'))
    assert version.get_string() == avr.MAX_VERSION
    nova = nova_client.Client(version.get_string(), session=sess,
                              endpoint_override=aio.endpoint)
    server = nova.servers.create('novaclient', image_id, '42', nics='none',
                                 description='from novaclient',
                                 tags=['nc'])
    try:
        api_client.wait_for_state(admin, server.id, 'ACTIVE')
        (listed,) = nova.servers.list(search_opts={'name': '^novaclient$'})
        assert listed.description == 'from novaclient'
        assert listed.tags == ['nc']
        assert listed.flavor['original_name'] == 'm1.nano'
        assert 'm1.nano' in [f.name for f in nova.flavors.list()]
    finally:
        nova.servers.delete(server.id)


def test_openstacksdk_at_the_latest_microversion(cloud, image_id,
                                                 monkeypatch):
    import openstack
    monkeypatch.setenv('OS_CLIENT_CONFIG_FILE', str(cloud / 'clouds.yaml'))
    conn = openstack.connect(cloud='mini')
    flavor = conn.compute.find_flavor('m1.nano')
    server = conn.compute.create_server(
        name='sdk-mv', image_id=image_id, flavor_id=flavor.id,
        networks='none', description='made by the sdk', tags=['sdk'])
    try:
        server = conn.compute.wait_for_server(server, wait=60, interval=0.2)
        assert server.status == 'ACTIVE'
        fetched = conn.compute.get_server(server.id)
        assert fetched.description == 'made by the sdk'
        assert fetched.tags == ['sdk']
        assert fetched.flavor['original_name'] == 'm1.nano'
    finally:
        conn.compute.delete_server(server)
        conn.compute.wait_for_delete(server, wait=60, interval=0.2)
