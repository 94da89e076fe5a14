"""A compute started without qemu-img on its PATH (the real daemon, a PATH
that lacks it: nothing mocked) registers disabled with the reason, logs it
once with the fix, is never scheduled to, and minicompute-status says so;
the other compute takes every server. The versioned notifications of all
this (service.update, instance.create.end) arrive over RabbitMQ."""
import os
import subprocess
import threading

import openstack
from oslo_config import cfg
import oslo_messaging as messaging
import pytest

from tests.functional import client as api_client
from tests.integration import conftest, daemons

SERVERS = 4


class _Heard:
    def __init__(self):
        self.events = []
        self._lock = threading.Lock()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        with self._lock:
            self.events.append((publisher_id, event_type,
                                payload['nova_object.data']))

    def find(self, event_type):
        with self._lock:
            return [e for e in self.events if e[1] == event_type]


def _listen(url):
    """A listener on the deployment's vhost, before anything is sent (the
    topic's queue exists from then on)."""
    transport = messaging.get_notification_transport(cfg.ConfigOpts(),
                                                     url=url)
    heard = _Heard()
    listener = messaging.get_notification_listener(
        transport, [messaging.Target(topic='versioned_notifications')],
        [heard], executor='threading')
    listener.start()
    return heard, listener, transport


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
    with open(deployment.conf_file, 'a') as f:
        f.write('[oslo_messaging_notifications]\ndriver = messagingv2\n')
    heard, listener, transport = _listen(deployment.transport_url)
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

        # The compute's own disable, told by the conductor that saved it.
        api_client.wait_for(lambda: heard.find('service.update'),
                            timeout=30)
        (publisher, _event, data), = [
            e for e in heard.find('service.update')
            if e[2]['host'] == broken]
        assert publisher == 'minicompute-compute:%s' % broken
        assert data['disabled'] and data['disabled_reason'] == reason
        api_client.wait_for(
            lambda: len(heard.find('instance.create.end')) >= SERVERS,
            timeout=30)
        assert {e[0] for e in heard.find('instance.create.end')} == {
            'minicompute-compute:%s' % good}

        for server_id in ids:
            client.delete('/servers/%s' % server_id, expect=204)
        for server_id in ids:
            api_client.wait_until_deleted(client, server_id)
    finally:
        listener.stop()
        listener.wait()
        transport.cleanup()
        codes = deployment.stop_all()
        database.drop()
    assert all(code == 0 for code in codes.values()), (codes,
                                                       deployment.logs())
