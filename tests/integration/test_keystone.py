"""Real keystone tokens through keystonemiddleware: the all-in-one with
[api] auth_strategy = keystone, two projects, and the clients finding the
compute and image endpoints in keystone's catalog."""
import functools
import os
import signal
import subprocess

import pytest
import requests

from tests.functional import client as api_client
from tests.integration import daemons
from tests.integration import keystone as ks


@pytest.fixture(scope='module')
def cloud(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp('keystone-cloud')
    if not ks.available():
        message = 'keystone venv missing: run tools/keystone-venv.sh'
        if os.environ.get('CI'):
            pytest.fail(message + ' (CI must not skip integration tests)')
        pytest.skip(message)
    keystone = ks.Keystone(str(tmp_path))
    keystone.start()
    port = daemons.free_port()
    endpoint = 'http://127.0.0.1:%d' % port
    try:
        keystone.setup_cloud(endpoint + '/v2.1', endpoint + '/image')
    except Exception:
        keystone.stop()
        raise
    conf = tmp_path / 'minicompute.conf'
    conf.write_text(f"""[DEFAULT]
state_path = {tmp_path}/state
osapi_compute_listen_port = {port}
host = ks-aio

[api]
auth_strategy = keystone

{keystone.authtoken_config()}
""")
    log = open(tmp_path / 'aio.log', 'w')
    aio = subprocess.Popen(
        [os.path.join(daemons.BIN_DIR, 'minicompute-all'), '--config-file',
         str(conf)], stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    try:
        api_client.wait_for(lambda: aio.poll() is not None or
                            daemons.port_open('127.0.0.1', port),
                            timeout=60, message='minicompute-all to listen')
        assert aio.poll() is None, (tmp_path / 'aio.log').read_text()
        yield keystone, endpoint
    finally:
        aio.send_signal(signal.SIGTERM)
        code = aio.wait(60)
        keystone.stop()
    assert code == 0, (tmp_path / 'aio.log').read_text()


@pytest.mark.integration
@pytest.mark.timeout(300)
def test_projects_are_isolated_and_admin_apis_need_admin(cloud):
    import openstack.exceptions as sdk_exc
    keystone, endpoint = cloud
    demo = keystone.user('demo', 'demo')
    alt = keystone.user('alt', 'alt')
    admin = keystone.admin()

    # The image and compute endpoints come from keystone's catalog.
    image = demo.image.find_image('tiny')
    assert image is not None
    server = demo.compute.create_server(name='kept', image_id=image.id,
                                        flavor_id='42', networks='none')
    server = demo.compute.wait_for_server(server, status='ACTIVE', wait=60,
                                          interval=0.5)
    assert server.project_id == demo.current_project_id

    # Another project can neither see nor touch it.
    assert [s.id for s in alt.compute.servers()] == []
    with pytest.raises(sdk_exc.NotFoundException):
        alt.compute.get_server(server.id)
    with pytest.raises(sdk_exc.NotFoundException):
        alt.compute.delete_server(server.id, ignore_missing=False)

    # Admin-only APIs: 403 for members, fine for the admin role.
    with pytest.raises(sdk_exc.ForbiddenException):
        list(demo.compute.hypervisors())
    assert [h.name for h in admin.compute.hypervisors()] == ['ks-aio']
    everyone = [s.id for s in admin.compute.servers(all_projects=True)]
    assert server.id in everyone
    with pytest.raises(sdk_exc.ForbiddenException):
        list(demo.compute.servers(all_projects=True))

    # No token or a forged one: 401.
    assert requests.get(endpoint + '/v2.1/servers',
                        timeout=10).status_code == 401
    forged = requests.get(endpoint + '/v2.1/servers', timeout=10,
                          headers={'X-Auth-Token': 'gAAAAforged'})
    assert forged.status_code == 401
    # The version documents stay open.
    assert requests.get(endpoint + '/v2.1/', timeout=10).status_code == 200

    demo.compute.delete_server(server)
    demo.compute.wait_for_delete(server, wait=60, interval=0.5)


def _cli(tmp_path, keystone, user, project, *argv):
    env = dict(os.environ, OS_AUTH_URL=keystone.url, OS_USERNAME=user,
               OS_PASSWORD=ks.USER_PASSWORD if user != 'admin'
               else ks.ADMIN_PASSWORD, OS_PROJECT_NAME=project,
               OS_USER_DOMAIN_NAME='Default',
               OS_PROJECT_DOMAIN_NAME='Default', OS_REGION_NAME='RegionOne',
               OS_IDENTITY_API_VERSION='3')
    result = subprocess.run([os.path.join(daemons.BIN_DIR, argv[0]),
                             *argv[1:]], env=env, capture_output=True,
                            text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, (argv, result.stdout, result.stderr)
    return result.stdout


@pytest.mark.integration
@pytest.mark.timeout(300)
def test_openstackclient_and_novaclient(cloud, tmp_path):
    """The command lines a user types, against keystone's catalog."""
    keystone, _endpoint = cloud
    cli = functools.partial(_cli, tmp_path, keystone, 'demo', 'demo')
    flavors = cli('openstack', 'flavor', 'list', '-f', 'value', '-c',
                  'Name')
    assert {'m1.nano', 'm1.tiny', 'm1.small'} <= set(flavors.split())
    disk = tmp_path / 'cli.raw'
    disk.write_bytes(b'\0' * 1024 * 1024)
    cli('openstack', 'image', 'create', '--file', str(disk),
        '--disk-format', 'raw', '--container-format', 'bare', 'cli-image')
    assert 'cli-image' in cli('openstack', 'image', 'list', '-f', 'value')
    status = cli('openstack', 'server', 'create', '--image', 'cli-image',
                 '--flavor', 'm1.nano', '--nic', 'none', '--wait', '-f',
                 'value', '-c', 'status', 'cli-server')
    assert status.split() == ['ACTIVE']
    private_key = cli('openstack', 'keypair', 'create', 'cli-key')
    assert 'PRIVATE KEY' in private_key
    assert 'cli-key' in cli('openstack', 'keypair', 'list', '-f', 'value',
                            '-c', 'Name')
    assert 'cli-server' in cli('openstack', 'server', 'list', '-f',
                               'value', '-c', 'Name')
    shown = cli('openstack', 'server', 'show', 'cli-server', '-f', 'value',
                '-c', 'status')
    assert shown.split() == ['ACTIVE']
    # python-novaclient's shell sees the same server.
    assert 'cli-server' in cli('nova', 'list')
    assert 'm1.nano' in cli('nova', 'flavor-list')
    cli('openstack', 'server', 'delete', '--wait', 'cli-server')
    assert 'cli-server' not in cli('openstack', 'server', 'list', '-f',
                                   'value', '-c', 'Name')
