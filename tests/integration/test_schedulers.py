"""Two scheduler processes serve parallel bursts over RabbitMQ: the claims
in the database keep every node within its capacity, exactly as many
servers as fit become ACTIVE, the rest fail with NoValidHost, and deleting
them all gives every claim back."""
import concurrent.futures
import os

import pytest

from tests.functional import client as api_client
from tests.integration import conftest, daemons

BURST = 30
FLAVOR_RAM = 512
# libvirt's test driver reports 3072 MB; 512 MB is reserved by default.
PER_HOST = (3072 - 512) // FLAVOR_RAM


@pytest.mark.integration
@pytest.mark.timeout(600)
def test_two_schedulers_never_oversubscribe(tmp_path):
    conftest.require('rabbitmq')
    conftest.require('postgresql')
    database = daemons.Database('postgresql')
    database.create()
    deployment = daemons.Deployment(tmp_path, database.url, computes=2)
    try:
        _run(deployment, database)
    finally:
        codes = deployment.stop_all()
        database.drop()
    assert all(code == 0 for code in codes.values()), (codes,
                                                       deployment.logs())


def _run(deployment, database):
    image_id = deployment.seed(flavor_ram_mb=FLAVOR_RAM)
    second = os.path.join(deployment.workdir, 'scheduler2.conf')
    with open(second, 'w') as f:
        f.write('[DEFAULT]\nhost = %s-2\n' % deployment.compute_hosts[0])
    deployment.start_all()
    deployment.start('scheduler2', 'minicompute-scheduler', second)
    deployment.wait_until_up()
    client = api_client.ApiClient(deployment.endpoint, 'demo:demo')

    def create(index):
        return client.create_server('burst-%02d' % index, image_id,
                                    '42')['server']['id']

    # Parallel requests, spread by RabbitMQ over both schedulers.
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        server_ids = list(pool.map(create, range(BURST)))

    def settled():
        servers = {s['id']: s['status'] for s in client.list_servers()}
        done = [sid for sid in server_ids
                if servers.get(sid) in ('ACTIVE', 'ERROR')]
        return servers if len(done) == BURST else None
    statuses = api_client.wait_for(settled, timeout=180, interval=0.5,
                                   message='every server to settle')
    active = [sid for sid in server_ids if statuses[sid] == 'ACTIVE']
    assert len(active) == 2 * PER_HOST, statuses
    for row in database.query(
            'SELECT host, memory_mb, reserved_host_memory_mb, '
            'ram_allocation_ratio, memory_mb_used FROM compute_nodes'):
        host, total, reserved, ratio, used = row
        assert used <= (total - reserved) * ratio, row
        assert used == PER_HOST * FLAVOR_RAM, row
    failed = client.show_server(next(sid for sid in server_ids
                                     if statuses[sid] == 'ERROR'))
    assert failed['fault']['message'].startswith('No valid host was found')
    # Both schedulers did some of the work: each logs the requests it
    # could not place, and RabbitMQ hands the burst to both in turn.
    for name in ('scheduler', 'scheduler2'):
        assert ' hosts for request ' in deployment.log(name, tail=10 ** 6), \
            name

    for server_id in server_ids:
        client.delete('/servers/%s' % server_id, expect=204)
    for server_id in server_ids:
        api_client.wait_until_deleted(client, server_id, timeout=120)
    assert database.query('SELECT COUNT(*) FROM allocations')[0][0] == 0
    assert database.query('SELECT SUM(memory_mb_used) FROM '
                          'compute_nodes')[0][0] == 0
