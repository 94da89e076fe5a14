"""The metadata path a guest takes, on real processes: a client inside a
network namespace asks 169.254.169.254, minicompute-metadata-proxy
(listening inside the namespace, running outside it) signs for the
instance its ports file names, and minicompute-metadata (on MariaDB,
next to the other daemons over RabbitMQ) answers."""
import json
import os
import shutil
import subprocess
import sys
import uuid

import pytest

from tests.functional import client as api_client
from tests.integration import conftest, daemons

GUEST_ADDRESS = '10.254.0.5'
OTHER_ADDRESS = '10.254.0.6'

# Runs inside the namespace: a GET from a given source address.
CLIENT = """
import sys, urllib.request, http.client
conn = http.client.HTTPConnection('169.254.169.254', 80, timeout=20,
                                  source_address=(sys.argv[1], 0))
headers = dict(h.split(': ', 1) for h in sys.argv[3:])
conn.request('GET', sys.argv[2], headers=headers)
response = conn.getresponse()
sys.stdout.write('%d\\n' % response.status)
sys.stdout.write(response.read().decode())
"""


def _ip(*args):
    subprocess.run(['ip', *args], check=True, capture_output=True,
                   timeout=30)


@pytest.fixture
def namespace():
    """A namespace of this test's own: the metadata address and two
    "guest" addresses on its loopback; nothing of it reaches the root
    namespace."""
    if os.geteuid() != 0 or shutil.which('ip') is None:
        if os.environ.get('CI'):
            pytest.fail('network namespaces need root and iproute2 in CI')
        pytest.skip('network namespaces need root and iproute2')
    name = 'mdp-%s' % uuid.uuid4().hex[:8]
    _ip('netns', 'add', name)
    try:
        _ip('-n', name, 'link', 'set', 'lo', 'up')
        _ip('-n', name, 'addr', 'add', '169.254.169.254/32', 'dev', 'lo')
        for address in (GUEST_ADDRESS, OTHER_ADDRESS):
            _ip('-n', name, 'addr', 'add', address + '/32', 'dev', 'lo')
        yield name
    finally:
        subprocess.run(['ip', 'netns', 'del', name], capture_output=True,
                       timeout=30)


def _ask(namespace, source, path, *headers):
    result = subprocess.run(
        ['ip', 'netns', 'exec', namespace, sys.executable, '-c', CLIENT,
         source, path, *headers], capture_output=True, text=True,
        timeout=60)
    assert result.returncode == 0, result.stderr
    status, _newline, body = result.stdout.partition('\n')
    return int(status), body


@pytest.mark.integration
@pytest.mark.timeout(300)
def test_guest_in_a_namespace_reads_its_metadata(tmp_path, namespace):
    conftest.require('rabbitmq')
    conftest.require('mysql')
    database = daemons.Database('mysql')
    database.create()
    deployment = daemons.Deployment(tmp_path, database.url, computes=1)
    try:
        deployment.seed()
        deployment.start_all()
        deployment.wait_until_up()
        client = api_client.ApiClient(deployment.endpoint, 'demo:demo')
        image_id = client.first_image_id()
        server_id = client.create_server(
            'ns-guest', image_id, '42', user_data='IyEvYmluL3NoCg==',
        )['server']['id']
        other_id = api_client.ApiClient(
            deployment.endpoint, 'eve:other').create_server(
            'other-guest', image_id, '42')['server']['id']
        api_client.wait_for_state(client, server_id, 'ACTIVE')

        ports = tmp_path / 'metadata-ports'
        from minicompute.metadata import proxy
        proxy.write_ports_file(str(ports), {GUEST_ADDRESS: (server_id,
                                                            'demo')})
        _start_proxy(deployment, namespace, ports)

        status, body = _wait(namespace, GUEST_ADDRESS,
                             '/openstack/latest/meta_data.json')
        assert status == 200, body
        data = json.loads(body)
        assert data['uuid'] == server_id
        assert data['hostname'] == 'ns-guest.novalocal'
        status, body = _ask(namespace, GUEST_ADDRESS, '/latest/user-data')
        assert (status, body) == (200, '#!/bin/sh\n')

        # A guest forging the proxy's headers gets its own data, not the
        # instance it names.
        status, body = _ask(namespace, GUEST_ADDRESS,
                            '/openstack/latest/meta_data.json',
                            'X-Instance-ID: %s' % other_id,
                            'X-Tenant-ID: other',
                            'X-Instance-ID-Signature: forged')
        assert status == 200 and json.loads(body)['uuid'] == server_id
        # An address that is no port of the network gets nothing.
        assert _ask(namespace, OTHER_ADDRESS, '/latest/meta-data/')[0] == \
            404
        # The ports file changes (the dataplane rewrote it): followed.
        proxy.write_ports_file(str(ports), {OTHER_ADDRESS: (server_id,
                                                            'demo')})
        assert _ask(namespace, GUEST_ADDRESS, '/latest/meta-data/')[0] == \
            404
        assert _ask(namespace, OTHER_ADDRESS, '/latest/meta-data/')[0] == \
            200
        # The service itself refuses what is not signed with its secret.
        import requests
        unsigned = requests.get(
            deployment.metadata_url + '/latest/meta-data/', timeout=10,
            headers={'X-Instance-ID': server_id, 'X-Tenant-ID': 'demo',
                     'X-Instance-ID-Signature': 'forged'})
        assert unsigned.status_code == 403
    finally:
        codes = deployment.stop_all()
        database.drop()
    assert all(code == 0 for code in codes.values()), (codes,
                                                       deployment.logs())
    assert deployment.errors_in_logs() == []


def _start_proxy(deployment, namespace, ports):
    argv = [os.path.join(daemons.BIN_DIR, 'minicompute-metadata-proxy'),
            '--config-file', deployment.conf_file, '--netns', namespace,
            '--ports-file', str(ports), '--metadata-url',
            deployment.metadata_url]
    log = open(os.path.join(deployment.workdir, 'proxy.log'), 'a')
    deployment.processes['proxy'] = subprocess.Popen(
        argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _wait(namespace, source, path):
    """The first answer once the proxy listens (connection refused
    until then)."""
    def answered():
        try:
            return _ask(namespace, source, path)
        except AssertionError:
            return None
    return api_client.wait_for(answered, timeout=60, interval=0.5,
                               message='the metadata proxy to answer')
