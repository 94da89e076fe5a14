"""The four daemons (plus two computes) as separate processes over
RabbitMQ, on MariaDB and on PostgreSQL: 20 servers reach ACTIVE across both
hosts and are deleted, leaving no claims behind."""
import concurrent.futures

import pytest

from tests.functional import client as api_client
from tests.integration import conftest, daemons

SERVERS = 20


@pytest.mark.integration
@pytest.mark.timeout(600)
@pytest.mark.parametrize('backend, control_backend', [
    ('mysql', 'threading'),
    # The conductor and scheduler run on the opt-in eventlet backend here,
    # so that backend stays exercised.
    ('postgresql', 'eventlet'),
])
def test_twenty_servers_over_rabbitmq(tmp_path, backend, control_backend):
    conftest.require('rabbitmq')
    conftest.require(backend)
    database = daemons.Database(backend)
    database.create()
    deployment = daemons.Deployment(tmp_path, database.url, computes=2)
    try:
        _run(deployment, database, control_backend)
    finally:
        codes = deployment.stop_all()
        database.drop()
    assert all(code == 0 for code in codes.values()), (codes,
                                                       deployment.logs())


def _run(deployment, database, control_backend):
    deployment.seed()
    from minicompute.db import migration
    assert deployment.manage('db', 'version').strip() == \
        migration.head_version()
    deployment.start_all(control_env={
        'MINICOMPUTE_CONCURRENCY_BACKEND': control_backend})
    deployment.wait_until_up()
    status = deployment.manage('upgrade', 'check',
                               command='minicompute-status')
    # The schema, the services, and the computes' four host checks.
    assert status.count('Result: Success') == 6, status

    client = api_client.ApiClient(deployment.endpoint, 'demo:demo')
    image_id = client.first_image_id()

    def create(index):
        return client.create_server('it-%02d' % index, image_id,
                                    '42')['server']['id']

    with concurrent.futures.ThreadPoolExecutor(5) as pool:
        server_ids = list(pool.map(create, range(SERVERS)))

    # One request followed through every service's log by its request id.
    traced = client.request('POST', '/servers', expect=202, json={
        'server': {'name': 'traced', 'imageRef': image_id,
                   'flavorRef': '42', 'networks': 'none'}})
    request_id = traced.headers['X-OpenStack-Request-Id']
    traced_id = traced.json()['server']['id']
    api_client.wait_for_state(client, traced_id, 'ACTIVE')
    traced_host = database.query(
        "SELECT host FROM instances WHERE uuid = '%s'" % traced_id)[0][0]
    api_log = deployment.log('api', tail=10 ** 6).splitlines()
    assert any(request_id in line and 'POST /v2.1/servers' in line
               for line in api_log)
    # The build ran in a compute worker thread, and its lines carry the
    # API request's id too.
    build_lines = [line for line in deployment.log(
        traced_host, tail=10 ** 6).splitlines()
        if traced_id in line and ('is ACTIVE' in line or
                                  'is running as' in line)]
    assert build_lines and all(request_id in line for line in build_lines), \
        build_lines
    client.delete('/servers/%s' % traced_id, expect=204)
    api_client.wait_until_deleted(client, traced_id)

    hosts = {}
    for server_id in server_ids:
        server = api_client.wait_for_state(client, server_id, 'ACTIVE',
                                           timeout=120)
        assert server['OS-EXT-STS:power_state'] == 1
        hosts[server_id] = database.query(
            "SELECT host FROM instances WHERE uuid = '%s'" % server_id)[0][0]
    assert set(hosts.values()) == set(deployment.compute_hosts), hosts
    assert database.query('SELECT COUNT(*) FROM allocations')[0][0] == \
        SERVERS

    for server_id in server_ids:
        client.delete('/servers/%s' % server_id, expect=204)
    for server_id in server_ids:
        api_client.wait_until_deleted(client, server_id, timeout=120)
    assert client.list_servers() == []
    assert database.query('SELECT COUNT(*) FROM allocations')[0][0] == 0
    usage = database.query('SELECT SUM(memory_mb_used), SUM(vcpus_used), '
                           'SUM(local_gb_used) FROM compute_nodes')[0]
    assert [int(value) for value in usage] == [0, 0, 0]
    deployment.check_alive()
    assert deployment.errors_in_logs() == []
    for name in ('conductor', 'scheduler'):
        assert '%s concurrency backend' % control_backend in \
            deployment.log(name, tail=10 ** 6)


@pytest.mark.integration
@pytest.mark.timeout(300)
def test_compute_killed_mid_build_and_mid_delete_recovers(tmp_path):
    """Kill -9 a compute with one build and one delete in flight; on
    restart it finishes the delete, fails the build with a fault, and no
    claim is left behind."""
    import signal
    conftest.require('rabbitmq')
    conftest.require('mysql')
    database = daemons.Database('mysql')
    database.create()
    deployment = daemons.Deployment(tmp_path, database.url, computes=1)
    (host,) = deployment.compute_hosts
    try:
        image_id = deployment.seed()
        deployment.start_all()
        deployment.wait_until_up()
        client = api_client.ApiClient(deployment.endpoint, 'demo:demo')
        doomed = client.create_server('to-delete', image_id, '42')
        doomed_id = doomed['server']['id']
        api_client.wait_for_state(client, doomed_id, 'ACTIVE')

        # Freeze the compute: what is sent to it now stays in flight.
        deployment.signal(host, signal.SIGSTOP)
        building = client.create_server('building', image_id, '42')
        building_id = building['server']['id']
        api_client.wait_for(lambda: database.query(
            "SELECT host FROM instances WHERE uuid = '%s'" % building_id
        )[0][0] == host, message='the build to be cast to %s' % host)
        client.delete('/servers/%s' % doomed_id, expect=204)
        assert client.show_server(doomed_id)['OS-EXT-STS:task_state'] == \
            'deleting'
        deployment.kill(host)

        deployment.start_compute(host)
        api_client.wait_until_deleted(client, doomed_id)
        failed = api_client.wait_for_state(client, building_id, 'ERROR')
        assert failed['fault']['message'].startswith(
            'Build of instance %s aborted: The compute service restarted'
            % building_id)
        assert database.query('SELECT COUNT(*) FROM allocations')[0][0] == 0
        # The queued build cast, redelivered or not, must not revive it.
        deployment.check_alive()
        assert client.show_server(building_id)['status'] == 'ERROR'
        client.delete('/servers/%s' % building_id, expect=204)
        api_client.wait_until_deleted(client, building_id)
    finally:
        codes = deployment.stop_all()
        database.drop()
    assert all(code == 0 for code in codes.values()), (codes,
                                                       deployment.logs())
