"""Versioned notifications: the format and topic options, Nova's payload
shapes, and when instance.update is sent."""
import threading
import time

import oslo_messaging as messaging
import pytest

from minicompute import context as mc_context
from minicompute import objects, rpc
from minicompute.notifications import send
from minicompute.notifications.objects import base, common
from minicompute.notifications.objects import instance as payloads
from minicompute.notifications.objects import service as service_payloads


class _Heard:
    def __init__(self):
        self.events = []
        self.lock = threading.Lock()

    def info(self, ctxt, publisher_id, event_type, payload, metadata):
        with self.lock:
            self.events.append((publisher_id, event_type, payload))


def _listen(transport, topics):
    heard = _Heard()
    listener = messaging.get_notification_listener(
        transport, [messaging.Target(topic=t) for t in topics], [heard],
        executor='threading')
    listener.start()
    return heard, listener


def _wait(heard, count, timeout=5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with heard.lock:
            if len(heard.events) >= count:
                return list(heard.events)
        time.sleep(0.02)
    return list(heard.events)


@pytest.fixture
def transport(conf):
    transport = messaging.get_notification_transport(conf, url='fake:/')
    conf.set_override('driver', ['messagingv2'],
                      group='oslo_messaging_notifications')
    yield transport
    transport.cleanup()


@pytest.mark.parametrize('notification_format, legacy, versioned', [
    ('both', True, True),
    ('versioned', False, True),
    ('unversioned', True, False),
    ('none', False, False),
])
def test_notification_format_picks_the_notifiers(conf, transport,
                                                 notification_format,
                                                 legacy, versioned):
    conf.set_override('notification_format', notification_format,
                      group='notifications')
    heard, listener = _listen(transport, ['notifications',
                                          'versioned_notifications'])
    try:
        old, new, settings = rpc.make_notifiers(conf, transport)
        ctxt = mc_context.get_admin_context()
        old.prepare(publisher_id='scheduler.h').info(ctxt, 'legacy.event',
                                                     {})
        new.prepare(publisher_id='minicompute-compute:h').info(
            ctxt, 'versioned.event', {})
        assert settings.versioned is versioned
        expected = ['legacy.event'] * legacy + ['versioned.event'] * versioned
        # Wait for what should come, and a little longer for what should
        # not.
        _wait(heard, len(expected))
        time.sleep(0.2)
        assert sorted(event for _p, event, _d in heard.events) == expected
    finally:
        listener.stop()
        listener.wait()


def test_versioned_notifications_go_to_every_configured_topic(conf,
                                                              transport):
    conf.set_override('versioned_notifications_topics', ['audit', 'bill'],
                      group='notifications')
    configured, listener = _listen(transport, ['audit', 'bill'])
    default, default_listener = _listen(transport,
                                        ['versioned_notifications'])
    try:
        _old, new, _settings = rpc.make_notifiers(conf, transport)
        new.prepare(publisher_id='p:h').info(
            mc_context.get_admin_context(), 'instance.update', {})
        # One message on each configured topic, none on the default one.
        assert len(_wait(configured, 2)) == 2
        time.sleep(0.2)
        assert len(configured.events) == 2 and default.events == []
    finally:
        for each in (listener, default_listener):
            each.stop()
            each.wait()


def test_no_driver_means_no_versioned_notifications(conf):
    transport = messaging.get_notification_transport(conf, url='fake:/')
    try:
        _old, _new, settings = rpc.make_notifiers(conf, transport)
    finally:
        transport.cleanup()
    assert settings.versioned is False


# -- payload shapes (Nova's field names and versions) ----------------------

NOVA_INSTANCE_PAYLOAD_FIELDS = {
    'uuid', 'user_id', 'tenant_id', 'reservation_id', 'display_name',
    'display_description', 'host_name', 'host', 'node', 'os_type',
    'architecture', 'availability_zone', 'flavor', 'image_uuid',
    'key_name', 'kernel_id', 'ramdisk_id', 'created_at', 'launched_at',
    'terminated_at', 'deleted_at', 'updated_at', 'state', 'power_state',
    'task_state', 'progress', 'ip_addresses', 'block_devices', 'metadata',
    'locked', 'auto_disk_config', 'request_id', 'action_initiator_user',
    'action_initiator_project', 'locked_reason', 'shares'}


@pytest.mark.parametrize('cls, version, extra', [
    (payloads.InstancePayload, '1.9', set()),
    (payloads.InstanceActionPayload, '1.9', {'fault'}),
    (payloads.InstanceCreatePayload, '1.13',
     {'fault', 'keypairs', 'tags', 'trusted_image_certificates',
      'instance_name'}),
    (payloads.InstanceActionRebuildPayload, '1.10',
     {'fault', 'trusted_image_certificates'}),
    (payloads.InstanceUpdatePayload, '2.1',
     {'state_update', 'audit_period', 'old_display_name', 'tags'}),
])
def test_instance_payloads_have_novas_fields(cls, version, extra):
    assert cls.VERSION == version
    assert set(cls.fields) == NOVA_INSTANCE_PAYLOAD_FIELDS | extra


def test_service_and_common_payloads_have_novas_fields():
    assert (service_payloads.ServiceStatusPayload.VERSION,
            set(service_payloads.ServiceStatusPayload.fields)) == (
        '1.1', {'host', 'binary', 'topic', 'report_count', 'disabled',
                'disabled_reason', 'availability_zone', 'last_seen_up',
                'forced_down', 'version', 'uuid'})
    assert (common.FlavorPayload.VERSION,
            set(common.FlavorPayload.fields)) == (
        '1.4', {'flavorid', 'memory_mb', 'vcpus', 'root_gb', 'ephemeral_gb',
                'name', 'swap', 'rxtx_factor', 'vcpu_weight', 'disabled',
                'is_public', 'extra_specs', 'projects', 'description'})
    assert (common.ExceptionPayload.VERSION,
            set(common.ExceptionPayload.fields)) == (
        '1.1', {'module_name', 'function_name', 'exception',
                'exception_message', 'traceback'})


def _instance(ctx, **values):
    fields = dict(
        uuid='11111111-2222-3333-4444-555555555555', project_id='p',
        user_id='u', display_name='vm', vm_state='active', task_state=None,
        power_state=1, metadata={'k': 'v'}, locked=False, id=7,
        flavor=objects.Flavor(id=1, flavorid='42', name='m1.nano',
                              memory_mb=128, vcpus=1, root_gb=1))
    fields.update(values)
    return objects.Instance(ctx, **{k: v for k, v in fields.items()
                                    if v is not _UNSET})


_UNSET = object()


def test_a_payload_serialises_under_novas_keys_without_changes(ctx):
    primitive = payloads.InstanceActionPayload(ctx, _instance(ctx))
    base._reset_changes(primitive)
    wire = primitive.obj_to_primitive()
    assert wire['nova_object.name'] == 'InstanceActionPayload'
    assert wire['nova_object.namespace'] == 'nova'
    assert wire['nova_object.version'] == '1.9'
    assert 'nova_object.changes' not in wire
    data = wire['nova_object.data']
    assert data['power_state'] == 'running'
    assert data['state'] == 'active' and data['tenant_id'] == 'p'
    assert data['flavor']['nova_object.name'] == 'FlavorPayload'
    assert 'nova_object.changes' not in data['flavor']
    assert data['metadata'] == {'k': 'v'} and data['fault'] is None


def _raise_here():
    raise ValueError('broken on purpose')


def test_exception_payload_names_where_it_was_raised():
    try:
        _raise_here()
    except ValueError as e:
        error = e
    fault = common.ExceptionPayload.from_exception(error)
    assert (fault.module_name, fault.function_name, fault.exception,
            fault.exception_message) == (__name__, '_raise_here',
                                         'ValueError', 'broken on purpose')
    assert fault.traceback.startswith('Traceback (most recent call last)')


# -- instance.update -------------------------------------------------------

@pytest.fixture
def sent(monkeypatch):
    """Versioned notifications, as sent, on oslo's test driver."""
    from oslo_messaging.notify import _impl_test
    _impl_test.reset()
    transport = messaging.get_notification_transport(
        _conf_with_test_driver(), url='fake:/')
    notifier = messaging.Notifier(transport, driver='test')

    def settings(mode):
        monkeypatch.setattr(rpc, '_VERSIONED_NOTIFIER', notifier)
        monkeypatch.setattr(rpc, '_SETTINGS', rpc.NotificationSettings(
            versioned=True, notify_on_state_change=mode, host='ctl'))
    yield settings, _impl_test
    transport.cleanup()


def _conf_with_test_driver():
    from oslo_config import cfg
    conf = cfg.ConfigOpts()
    conf([], default_config_files=[])
    return conf


def _updates(impl):
    return [message['payload']['nova_object.data']['state_update'][
        'nova_object.data'] for _c, message, _p, _r in impl.NOTIFICATIONS
        if message['event_type'] == 'instance.update']


@pytest.mark.parametrize('mode, expected', [
    ('vm_and_task_state', {'old_state': 'active', 'state': 'active',
                           'old_task_state': None,
                           'new_task_state': 'pausing'}),
    # Only vm_state transitions count: old and new show where it is now.
    ('vm_state', {'old_state': 'active', 'state': 'active',
                  'old_task_state': 'pausing',
                  'new_task_state': 'pausing'}),
])
def test_instance_update_shows_the_transition_the_mode_asks_for(
        ctx, sent, mode, expected):
    settings, impl = sent
    settings(mode)
    instance = _instance(ctx, task_state='pausing')
    send.instance_update(ctx, instance, 'active', None, 'vm', tags=['t'])
    (update,) = _updates(impl)
    assert update == expected
    (_c, message, _p, _r) = impl.NOTIFICATIONS[0]
    assert message['publisher_id'] == 'minicompute-compute:ctl'
    assert message['payload']['nova_object.data']['tags'] == ['t']


def test_no_instance_update_without_notify_on_state_change(ctx, sent):
    settings, impl = sent
    settings(None)
    send.instance_update(ctx, _instance(ctx), 'building', 'spawning', 'vm',
                         tags=[])
    assert _updates(impl) == []


def test_instance_save_sends_the_stored_states_as_old(ctx, db, sent):
    settings, impl = sent
    settings('vm_and_task_state')
    instance = _instance(ctx, vm_state='building', task_state='spawning',
                         id=_UNSET)
    instance.create()
    instance.vm_state, instance.task_state = 'active', None
    instance.save(expected_task_state='spawning')
    assert _updates(impl) == [{'old_state': 'building', 'state': 'active',
                               'old_task_state': 'spawning',
                               'new_task_state': None}]


def test_a_failing_notifier_never_fails_the_work(ctx, monkeypatch):
    class Broken:
        def prepare(self, publisher_id):
            raise RuntimeError('broker on fire')
    monkeypatch.setattr(rpc, '_VERSIONED_NOTIFIER', Broken())
    monkeypatch.setattr(rpc, '_SETTINGS', rpc.NotificationSettings(
        versioned=True, host='h'))
    send.instance_action(ctx, _instance(ctx), 'h', 'pause', 'start')
