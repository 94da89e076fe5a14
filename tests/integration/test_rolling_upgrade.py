"""A rolling upgrade, half done: the conductor, scheduler and API of this
tree with one compute of this tree and one compute of the previous
release (its code checked out of git), on RabbitMQ and MariaDB. The API
and conductor cap what they send to computes at what the oldest one
speaks (``[upgrade_levels] compute = auto``); servers are built, rebooted,
stopped, started and deleted on the old compute through the new services.
"""
import os
import subprocess

import pytest

from tests.functional import client as api_client
from tests.integration import conftest, daemons

#: The previous release: minicompute 0.1 (service version 0), as it stood
#: before versions were enforced.
PREVIOUS_RELEASE = '7f04f14b65d9eb62c8a719fe21c3ed832cb86acd'
TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def _previous_release_tree(workdir: str) -> str:
    """The previous release's ``minicompute`` package, out of git."""
    tree = os.path.join(workdir, 'previous')
    os.makedirs(tree)
    try:
        archive = subprocess.run(
            ['git', '-C', TOP, 'archive', PREVIOUS_RELEASE, 'minicompute'],
            capture_output=True, check=True, timeout=60).stdout
    except (subprocess.CalledProcessError, OSError) as e:
        message = 'the previous release is not in git here: %s' % e
        if os.environ.get('CI'):
            pytest.fail(message)
        pytest.skip(message)
    subprocess.run(['tar', '-x', '-C', tree], input=archive, check=True)
    return tree


@pytest.mark.integration
@pytest.mark.timeout(420)
def test_old_compute_serves_builds_and_actions_of_new_services(tmp_path):
    conftest.require('rabbitmq')
    conftest.require('mysql')
    old_tree = _previous_release_tree(str(tmp_path))
    database = daemons.Database('mysql')
    database.create()
    deployment = daemons.Deployment(tmp_path, database.url, computes=2)
    new_host, old_host = deployment.compute_hosts
    with open(deployment.conf_file, 'a') as f:
        f.write('\n[upgrade_levels]\ncompute = auto\n')
    try:
        image_id = deployment.seed()
        # Conductors go first in an upgrade; the old compute joins once
        # they are up (it predates computes waiting for a conductor).
        deployment.start('conductor', 'minicompute-conductor')
        deployment.start('scheduler', 'minicompute-scheduler')
        deployment.start_compute(new_host)
        deployment.start('api', 'minicompute-api')
        deployment.wait_until_up(expected={
            'minicompute-conductor', 'minicompute-scheduler',
            'minicompute-compute@%s' % new_host}, hypervisors=1)
        deployment.start_compute(old_host, env={'PYTHONPATH': old_tree})
        deployment.wait_until_up()
        _exercise(deployment, database, image_id, new_host, old_host)
    finally:
        codes = deployment.stop_all()
        database.drop()
    assert all(code == 0 for code in codes.values()), (codes,
                                                       deployment.logs())


def _exercise(deployment, database, image_id, new_host, old_host):
    from minicompute.objects import service as service_obj
    versions = dict(database.query(
        "SELECT host, version FROM services "
        "WHERE `binary` = 'minicompute-compute'"))
    assert versions == {new_host: service_obj.SERVICE_VERSION,
                        old_host: 0}
    old_log = deployment.log(old_host, tail=10 ** 6)
    assert 'Starting minicompute-compute' in old_log

    admin = api_client.ApiClient(deployment.endpoint, 'admin:admin')
    servers = {}
    for host in (old_host, new_host):
        body = admin.post('/servers', {'server': {
            'name': 'on-%s' % host, 'imageRef': image_id,
            'flavorRef': '42', 'networks': 'none',
            'availability_zone': 'nova:%s' % host}}, expect=202).json()
        servers[host] = body['server']['id']
    for host, server_id in servers.items():
        server = api_client.wait_for_state(admin, server_id, 'ACTIVE')
        assert server['OS-EXT-SRV-ATTR:host'] == host

    old_id = servers[old_host]
    admin.post('/servers/%s/action' % old_id,
               {'reboot': {'type': 'HARD'}}, expect=202)
    api_client.wait_for(lambda: admin.show_server(old_id)[
        'OS-EXT-STS:task_state'] is None, message='the reboot to end')
    admin.post('/servers/%s/action' % old_id, {'os-stop': None},
               expect=202)
    api_client.wait_for_state(admin, old_id, 'SHUTOFF')
    admin.post('/servers/%s/action' % old_id, {'os-start': None},
               expect=202)
    api_client.wait_for_state(admin, old_id, 'ACTIVE')
    # A call, answered by the old compute (1.3 is within what it speaks).
    hypervisors = admin.get('/os-hypervisors').json()['hypervisors']
    old_node = next(h for h in hypervisors
                    if h['hypervisor_hostname'].startswith(old_host) or
                    old_host in h['hypervisor_hostname'])
    uptime = admin.get('/os-hypervisors/%s/uptime' % old_node['id'])
    assert uptime.json()['hypervisor']['uptime']

    for server_id in servers.values():
        admin.delete('/servers/%s' % server_id, expect=204)
    for server_id in servers.values():
        api_client.wait_until_deleted(admin, server_id)
    assert database.query('SELECT COUNT(*) FROM allocations')[0][0] == 0
    # The new services knew they were talking to an older compute.
    assert 'compute RPC capped at 1.3' in deployment.log('api',
                                                         tail=10 ** 6)
    deployment.check_alive()
    assert deployment.errors_in_logs() == []
