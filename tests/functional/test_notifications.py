"""Every versioned notification, driven through the real services (the
API over HTTP, conductor, scheduler and computes on libvirt's test
driver), heard by an oslo.messaging notification listener on the
``versioned_notifications`` topic, and compared with its sample in
doc/notification_samples/ (notification_samples.py says how).

One failure needs a fault the test driver cannot make: a reboot that
fails while the guest runs; the compute's driver is made to fail it.

With MINICOMPUTE_WRITE_NOTIFICATION_SAMPLES set the samples are written
from what was heard instead (tools/generate-notification-samples.sh).
"""
from __future__ import annotations

import os
import subprocess
import threading

import oslo_messaging as messaging
import pytest

from minicompute import rpc
from tests.functional import client as api_client
from tests.functional import notification_samples as samples

PROJECT = 'notifier-project'
WRITE = os.environ.get('MINICOMPUTE_WRITE_NOTIFICATION_SAMPLES')


class _Collector:
    """The notification listener's endpoint: keeps what it hears."""

    def __init__(self):
        self.heard: list[dict] = []
        self._lock = threading.Lock()

    def _keep(self, priority, publisher_id, event_type, payload):
        with self._lock:
            self.heard.append({'priority': priority,
                               'publisher_id': publisher_id,
                               'event_type': event_type,
                               'payload': payload})

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        self._keep('INFO', publisher_id, event_type, payload)

    def error(self, ctxt, publisher_id, event_type, payload, metadata):
        self._keep('ERROR', publisher_id, event_type, payload)

    def find(self, event_type, subject=None, where=None) -> list[dict]:
        """What was heard of ``event_type`` about ``subject`` (a uuid)."""
        with self._lock:
            heard = list(self.heard)
        return [n for n in heard if n['event_type'] == event_type and
                (subject is None or
                 n['payload']['nova_object.data'].get('uuid') == subject)
                and (where is None or where(n))]

    def wait(self, event_type, subject=None, where=None, count=1) -> dict:
        found = api_client.wait_for(
            lambda: len(self.find(event_type, subject, where)) >= count and
            self.find(event_type, subject, where), timeout=60,
            message=event_type)
        return found[count - 1]


@pytest.fixture(scope='module')
def heard(aio):
    collector = _Collector()
    targets = [messaging.Target(topic=topic) for topic in
               aio.conf.notifications.versioned_notifications_topics]
    listener = messaging.get_notification_listener(
        rpc.get_notification_transport(), targets, [collector],
        executor='threading')
    listener.start()
    yield collector
    listener.stop()
    listener.wait()
    _forget_queues(rpc.get_notification_transport(), targets)


def _forget_queues(transport, targets) -> None:
    """The fake driver keeps a stopped listener's queues, which would
    fill with every notification the rest of the session sends."""
    manager = getattr(transport._driver, '_exchange_manager', None)
    if manager is None:
        return
    for target in targets:
        exchange = manager.get_exchange(target.exchange)
        for priority in ('info', 'error'):
            exchange._topic_queues.pop(
                ('%s.%s' % (target.topic, priority), None), None)


def _ssh_public_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode() + ' notifier'


def _action(client, server_id, body, expect=202):
    return client.post('/servers/%s/action' % server_id, body,
                       expect=expect)


def _big_image(admin_image_api, tmp_path) -> str:
    """A qcow2 image of 2 GiB virtual size (a few hundred KiB of file):
    the registry takes it, a 1 GB flavor's spawn cannot."""
    path = tmp_path / 'big.qcow2'
    subprocess.run(['qemu-img', 'create', '-f', 'qcow2', str(path), '2G'],
                   check=True, capture_output=True)
    image = admin_image_api.post('/v2/images', {
        'name': 'too-big', 'disk_format': 'qcow2',
        'container_format': 'bare', 'visibility': 'public'},
        expect=201).json()
    admin_image_api.request(
        'PUT', '/v2/images/%s/file' % image['id'], expect=204,
        data=path.read_bytes(),
        headers={'Content-Type': 'application/octet-stream'})
    return image['id']


def _compute(aio, host):
    return next(s for s in aio.services
                if s.binary == 'minicompute-compute' and s.host == host)


def _server_lifecycle(aio, heard, image_id, monkeypatch) -> dict:
    """Create, every action, delete; returns sample name -> heard."""
    user = api_client.ApiClient(aio.endpoint, 'notifier:%s' % PROJECT,
                                microversion='2.73')
    user.post('/os-keypairs', {'keypair': {
        'name': 'notifier-key', 'public_key': _ssh_public_key()}},
        expect=201)
    sid = user.create_server('notified', image_id, '42',
                             key_name='notifier-key',
                             tags=['sample'])['server']['id']
    api_client.wait_for_state(user, sid, 'ACTIVE')
    got = {'instance-create-start': heard.wait('instance.create.start', sid),
           'instance-create-end': heard.wait('instance.create.end', sid),
           'instance-update': heard.wait(
               'instance.update', sid, where=lambda n: n['payload'][
                   'nova_object.data']['state_update']['nova_object.data'][
                   'old_task_state'] == 'spawning')}

    def step(body, status, *events, before=None):
        counts = {e: len(heard.find('instance.%s' % e, sid))
                  for e in events}
        _action(user, sid, body)
        api_client.wait_for_state(user, sid, status)
        for event in events:
            name = 'instance-%s' % event.replace('.', '-')
            got[name] = heard.wait('instance.%s' % event, sid,
                                   count=counts[event] + 1)

    step({'lock': {'locked_reason': 'sample'}}, 'ACTIVE', 'lock')
    step({'unlock': None}, 'ACTIVE', 'unlock')
    step({'pause': None}, 'PAUSED', 'pause.start', 'pause.end')
    step({'unpause': None}, 'ACTIVE', 'unpause.start', 'unpause.end')
    step({'suspend': None}, 'SUSPENDED', 'suspend.start', 'suspend.end')
    step({'resume': None}, 'ACTIVE', 'resume.start', 'resume.end')
    step({'os-stop': None}, 'SHUTOFF', 'power_off.start', 'power_off.end')
    step({'os-start': None}, 'ACTIVE', 'power_on.start', 'power_on.end')
    step({'reboot': {'type': 'SOFT'}}, 'ACTIVE', 'reboot.start',
         'reboot.end')
    step({'trigger_crash_dump': None}, 'ACTIVE',
         'trigger_crash_dump.start', 'trigger_crash_dump.end')
    step({'rebuild': {'imageRef': image_id}}, 'ACTIVE', 'rebuild.start',
         'rebuild.end')

    # A reboot that fails while the guest runs: reboot.error, then .end.
    host = api_client.ApiClient(aio.endpoint, 'admin:admin').show_server(
        sid)['OS-EXT-SRV-ATTR:host']
    driver = _compute(aio, host).manager.driver

    def failing_reboot(context, instance, reboot_type):
        raise RuntimeError('the power button is stuck')
    monkeypatch.setattr(driver, 'reboot', failing_reboot)
    ends = len(heard.find('instance.reboot.end', sid))
    _action(user, sid, {'reboot': {'type': 'HARD'}})
    got['instance-reboot-error'] = heard.wait('instance.reboot.error', sid)
    heard.wait('instance.reboot.end', sid, count=ends + 1)
    monkeypatch.undo()
    api_client.wait_for_state(user, sid, 'ACTIVE')

    user.delete('/servers/%s' % sid, expect=204)
    api_client.wait_until_deleted(user, sid)
    for event in ('delete.start', 'shutdown.start', 'shutdown.end',
                  'delete.end'):
        got['instance-%s' % event.replace('.', '-')] = heard.wait(
            'instance.%s' % event, sid)
    return got


def _failures(aio, heard, image_id, tmp_path) -> dict:
    """A build and a rebuild that fail, and a delete the API does alone
    (a server that never got a host)."""
    user = api_client.ApiClient(aio.endpoint, 'notifier:%s' % PROJECT)
    image_api = api_client.ApiClient(
        aio.endpoint.rsplit('/v2.1', 1)[0] + '/image', 'admin:admin')
    big = _big_image(image_api, tmp_path)
    got = {}

    failed = user.create_server('never-built', big, '42')['server']['id']
    api_client.wait_for_state(user, failed, 'ERROR')
    got['instance-create-error'] = heard.wait('instance.create.error',
                                              failed)

    rebuilt = user.create_server('rebuilt', image_id, '42')['server']['id']
    api_client.wait_for_state(user, rebuilt, 'ACTIVE')
    _action(user, rebuilt, {'rebuild': {'imageRef': big}})
    api_client.wait_for_state(user, rebuilt, 'ERROR')
    got['instance-rebuild-error'] = heard.wait('instance.rebuild.error',
                                               rebuilt)

    # Rescheduled everywhere and failed: no host, so the API deletes it.
    user.delete('/servers/%s' % failed, expect=204)
    api_client.wait_until_deleted(user, failed)
    api_delete = 'minicompute-api:'
    got['instance-delete-start_not_scheduled'] = heard.wait(
        'instance.delete.start', failed,
        where=lambda n: n['publisher_id'].startswith(api_delete))
    got['instance-delete-end_not_scheduled'] = heard.wait(
        'instance.delete.end', failed,
        where=lambda n: n['publisher_id'].startswith(api_delete))
    user.delete('/servers/%s' % rebuilt, expect=204)
    api_client.wait_until_deleted(user, rebuilt)
    image_api.delete('/v2/images/%s' % big, expect=204)
    return got


def _service_events(aio, heard) -> dict:
    """A compute that starts (service.create), is disabled and enabled
    through os-services (service.update), and is deleted."""
    admin = api_client.ApiClient(aio.endpoint, 'admin:admin',
                                 microversion='2.53')
    host = 'func-notify'
    server = aio.start_compute(host)
    try:
        created = heard.wait('service.create', where=lambda n: n[
            'payload']['nova_object.data']['host'] == host)
        service_id = created['payload']['nova_object.data']['uuid']
        admin.request('PUT', '/os-services/%s' % service_id, json={
            'status': 'disabled', 'disabled_reason': 'sample'})
        updated = heard.wait('service.update', where=lambda n: n[
            'payload']['nova_object.data']['host'] == host)
        admin.request('PUT', '/os-services/%s' % service_id, json={
            'status': 'enabled'})
        heard.wait('service.update', count=2, where=lambda n: n[
            'payload']['nova_object.data']['host'] == host)
    finally:
        server.stop()
        aio.services.remove(server)
    admin.delete('/os-services/%s' % service_id, expect=204)
    deleted = heard.wait('service.delete', where=lambda n: n[
        'payload']['nova_object.data']['host'] == host)
    return {'service-create': created, 'service-update': updated,
            'service-delete': deleted}


#: The model of each common payload (the rest of a sample is what differs).
COMMON = {'InstanceActionPayload': 'instance-reboot-end',
          'InstanceCreatePayload': 'instance-create-end',
          'InstanceActionRebuildPayload': 'instance-rebuild-end',
          'InstanceUpdatePayload': 'instance-update',
          'ServiceStatusPayload': 'service-create'}


def test_every_notification_matches_its_sample(aio, heard, image_id,
                                               tmp_path, monkeypatch):
    got = _server_lifecycle(aio, heard, image_id, monkeypatch)
    got.update(_failures(aio, heard, image_id, tmp_path))
    got.update(_service_events(aio, heard))
    if WRITE:
        samples.write(got, COMMON)
    on_disk = sorted(path.stem for path in samples.SAMPLES_DIR.glob(
        '*.json'))
    assert on_disk == sorted(got), 'a sample without its event, or the ' \
                                   'reverse'
    problems = []
    for name, notification in sorted(got.items()):
        problems += ['%s: %s' % (name, line) for line in samples.differences(
            samples.load(name), samples.normalize(notification))]
    assert not problems, (
        'notifications differ from their samples (if that is intended, '
        'run tools/generate-notification-samples.sh):\n' +
        '\n'.join(problems))


def test_versioned_notifications_go_to_the_versioned_topic_only(aio,
                                                                heard):
    """What the listener hears on versioned_notifications is versioned;
    the legacy scheduler events are not sent there."""
    assert heard.heard, 'nothing was heard'
    assert all('nova_object.name' in n['payload'] for n in heard.heard)
    assert not heard.find('scheduler.select_destinations.start')
