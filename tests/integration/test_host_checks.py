"""A compute started without qemu-img on its PATH (the real daemon, a PATH
that lacks it: nothing mocked) registers disabled with the reason, logs it
once with the fix, is never scheduled to, and minicompute-status says so;
the other compute takes every server."""
import os
import subprocess

import openstack
import pytest

from tests.functional import client as api_client
from tests.integration import conftest, daemons

SERVERS = 4


def _services(conn):
    return {service.host: service for service in conn.compute.services()
            if service.binary == 'minicompute-compute'}


@pytest.mark.integration
@pytest.mark.timeout(300)
def test_compute_without_qemu_img_starts_disabled_and_gets_no_servers(
        tmp_path):
    conftest.require('rabbitmq')
    conftest.require('mysql')
    database = daemons.Database('mysql')
    database.create()
    deployment = daemons.Deployment(tmp_path, database.url, computes=2)
    good, broken = deployment.compute_hosts
    empty_path = tmp_path / 'no-qemu-img'
    empty_path.mkdir()
    try:
        image_id = deployment.seed()
        deployment.start('conductor', 'minicompute-conductor')
        deployment.start('scheduler', 'minicompute-scheduler')
        # A compute's first call goes to the conductor: let it listen.
        api_client.wait_for(lambda: any(
            line.split()[:1] == ['minicompute-conductor'] and
            line.split()[3] == 'up' for line in deployment.manage(
                'service', 'list').splitlines()[1:]), timeout=60,
            interval=0.5)
        deployment.start_compute(good)
        deployment.start_compute(broken, env={'PATH': str(empty_path)})
        deployment.start('api', 'minicompute-api')
        conn = openstack.connect(
            auth_type='admin_token', token='admin:admin',
            endpoint=deployment.endpoint,
            compute_endpoint_override=deployment.endpoint)

        def both_reported():
            deployment.check_alive()
            if not daemons.port_open('127.0.0.1', deployment.api_port):
                return False
            services = _services(conn)
            return (len(services) == 2 and
                    services[broken].status == 'disabled')
        api_client.wait_for(both_reported, timeout=90, interval=0.5)
        services = _services(conn)
        assert services[good].status == 'enabled'
        reason = services[broken].disabled_reason
        assert reason.startswith('AUTO: qemu-img: qemu-img is not on the '
                                 'PATH'), reason
        assert str(empty_path) in reason

        # One ERROR line, saying what is missing and how to fix it.
        errors = [line for line in deployment.log(broken, tail=1000)
                  .splitlines() if ' ERROR ' in line]
        assert len(errors) == 1, errors
        assert 'qemu-img' in errors[0] and 'To fix: install' in errors[0]

        client = api_client.ApiClient(deployment.endpoint, 'admin:admin')
        api_client.wait_for(lambda: any(
            h['hypervisor_hostname'] == good for h in client.get(
                '/os-hypervisors').json()['hypervisors']), timeout=60)
        ids = [client.create_server('hc-%d' % i, image_id, '42')
               ['server']['id'] for i in range(SERVERS)]
        for server_id in ids:
            server = api_client.wait_for_state(client, server_id, 'ACTIVE')
            assert server['OS-EXT-SRV-ATTR:host'] == good

        # minicompute-status, with the broken compute's config, reports it.
        result = subprocess.run(
            [os.path.join(daemons.BIN_DIR, 'minicompute-status'),
             '--config-file', deployment.conf_file, '--config-file',
             os.path.join(deployment.workdir, '%s.conf' % broken),
             'upgrade', 'check'], capture_output=True, text=True,
            timeout=120)
        assert result.returncode == 2, result.stdout + result.stderr
        (line,) = [line for line in result.stdout.splitlines()
                   if line.startswith('Check: qemu-img ')]
        assert 'Result: Failure' in line and broken in line, line

        for server_id in ids:
            client.delete('/servers/%s' % server_id, expect=204)
        for server_id in ids:
            api_client.wait_until_deleted(client, server_id)
    finally:
        codes = deployment.stop_all()
        database.drop()
    assert all(code == 0 for code in codes.values()), (codes,
                                                       deployment.logs())
