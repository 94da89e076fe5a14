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
    deployment.manage('db', 'sync')
    assert deployment.manage('db', 'version').strip() == '0001'
    deployment.manage('flavor', 'create', 'm1.nano', '--ram', '128',
                      '--vcpus', '1', '--disk', '1', '--id', '42')
    blank = deployment.workdir + '/blank.raw'
    with open(blank, 'wb') as f:
        f.truncate(1024 * 1024)
    deployment.manage('image', 'create', 'tiny', '--file', blank)
    deployment.start_all(control_env={
        'MINICOMPUTE_CONCURRENCY_BACKEND': control_backend})
    deployment.wait_until_up()
    status = deployment.manage('upgrade', 'check',
                               command='minicompute-status')
    assert status.count('Result: Success') == 2, status

    client = api_client.ApiClient(deployment.endpoint, 'demo:demo')
    image_id = client.first_image_id()

    def create(index):
        return client.create_server('it-%02d' % index, image_id,
                                    '42')['server']['id']

    with concurrent.futures.ThreadPoolExecutor(5) as pool:
        server_ids = list(pool.map(create, range(SERVERS)))

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
