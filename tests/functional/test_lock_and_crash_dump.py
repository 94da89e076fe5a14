"""Lock and unlock with an owner and a reason (2.73), and the
trigger_crash_dump action (2.17), through the REST API on libvirt's test
driver: codes, fault bodies, action records and compute events."""
import libvirt
import pytest

from minicompute import context as mc_context
from minicompute import objects
from minicompute.objects import instance_action
from tests.functional import client as api_client

NANO = '42'
UNLOCK_OVERRIDE = 'os_compute_api:os-lock-server:unlock:unlock_override'


def _at(client, version):
    return api_client.ApiClient(client.endpoint,
                                client.session.headers['X-Auth-Token'],
                                microversion=version)


def _action(client, server_id, body, expect=202):
    return client.post('/servers/%s/action' % server_id, body,
                       expect=expect)


@pytest.fixture
def server(user, admin, image_id):
    created = user.create_server('lockable', image_id, NANO)['server']
    server = api_client.wait_for_state(user, created['id'], 'ACTIVE')
    yield server
    # An admin's lock does not hold an admin back.
    admin.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(user, server['id'])


def _lock_fields(client, server_id):
    body = _at(client, '2.73').show_server(server_id)
    return body['locked'], body['locked_reason']


def _actions(client, server_id):
    path = '/servers/%s/os-instance-actions' % server_id
    return [a['action'] for a in client.get(path).json()['instanceActions']]


# ------------------------------------------------------------------ lock

def test_lock_with_a_reason_from_2_73(user, server):
    sid = server['id']
    v273 = _at(user, '2.73')
    _action(v273, sid, {'lock': {'locked_reason': 'maintenance'}})
    assert _lock_fields(user, sid) == (True, 'maintenance')
    assert 'locked_reason' not in _at(user, '2.72').show_server(sid)
    _action(v273, sid, {'unlock': None})
    assert _lock_fields(user, sid) == (False, None)

    _action(v273, sid, {'lock': None})
    assert _lock_fields(user, sid) == (True, None)
    _action(v273, sid, {'unlock': None})
    _action(v273, sid, {'lock': {}})
    assert _lock_fields(user, sid) == (True, None)
    _action(v273, sid, {'unlock': None})


@pytest.mark.parametrize('argument, why', [
    ({'locked_reason': 'x' * 256}, 'is too long'),
    ({'locked_reason': ''}, 'should be non-empty'),
    ({'locked_reason': 7}, "is not of type 'string'"),
    ({'reason': 'x'}, 'Additional properties are not allowed'),
    ('now', "is not of type 'object', 'null'"),
])
def test_bad_lock_bodies_are_400_from_2_73(user, server, argument, why):
    fault = _action(_at(user, '2.73'), server['id'], {'lock': argument},
                    expect=400).json()
    assert why in fault['badRequest']['message']
    assert _lock_fields(user, server['id']) == (False, None)


def test_lock_argument_is_ignored_below_2_73(user, server):
    sid = server['id']
    # Nova does not look at the lock's value before 2.73.
    _action(_at(user, '2.72'), sid,
            {'lock': {'locked_reason': 'ignored'}})
    assert _lock_fields(user, sid) == (True, None)
    _action(_at(user, '2.72'), sid, {'unlock': 'anything'})
    _action(user, sid, {'lock': 'now'})
    assert _lock_fields(user, sid) == (True, None)


def test_relocking_by_the_owner_changes_nothing(user, server):
    sid = server['id']
    v273 = _at(user, '2.73')
    _action(v273, sid, {'lock': {'locked_reason': 'first'}})
    _action(v273, sid, {'lock': {'locked_reason': 'second'}})
    assert _lock_fields(user, sid) == (True, 'first')
    assert _actions(user, sid) == ['lock', 'create']


def test_owner_cannot_unlock_what_an_admin_locked(user, admin, server):
    sid = server['id']
    _action(_at(admin, '2.73'), sid, {'lock': {'locked_reason': 'audit'}})
    fault = _action(user, sid, {'unlock': None}, expect=403).json()
    assert fault['forbidden']['message'] == (
        "Policy doesn't allow %s to be performed." % UNLOCK_OVERRIDE)
    assert _lock_fields(user, sid) == (True, 'audit')
    # The owner's own lock request does not take the lock over.
    _action(user, sid, {'lock': None})
    _action(user, sid, {'unlock': None}, expect=403)
    _action(admin, sid, {'unlock': None})
    assert _lock_fields(user, sid) == (False, None)


def test_admin_takes_over_an_owner_lock(user, admin, server):
    sid = server['id']
    _action(user, sid, {'lock': None})
    # An admin may unlock the owner's lock (unlock_override) ...
    _action(admin, sid, {'unlock': None})
    _action(user, sid, {'lock': None})
    # ... and locking it again makes it the admin's.
    _action(_at(admin, '2.73'), sid, {'lock': {'locked_reason': 'mine'}})
    assert _lock_fields(user, sid) == (True, 'mine')
    _action(user, sid, {'unlock': None}, expect=403)
    assert _actions(admin, sid) == ['lock', 'lock', 'unlock', 'lock',
                                    'create']


# ------------------------------------------------------------ crash dump

def _events(admin, server_id, request_id):
    path = '/servers/%s/os-instance-actions/%s' % (server_id, request_id)
    return _at(admin, '2.51').get(path).json()['instanceAction']


def _wait_event(admin, server_id, request_id, event):
    def finished():
        body = _events(admin, server_id, request_id)
        done = [e for e in body['events']
                if e['event'] == event and e['finish_time']]
        return (body, done[0]) if done else None
    return api_client.wait_for(finished, 30, message=event)


def test_trigger_crash_dump_from_2_17(user, admin, server):
    sid = server['id']
    below = _action(_at(user, '2.16'), sid, {'trigger_crash_dump': None},
                    expect=404).json()
    assert below == {'itemNotFound': {
        'code': 404, 'message': 'The resource could not be found.'}}
    # Even a bad body: the action does not exist yet.
    _action(_at(user, '2.16'), sid, {'trigger_crash_dump': {}}, expect=404)
    fault = _action(_at(user, '2.17'), sid, {'trigger_crash_dump': {}},
                    expect=400).json()
    assert "is not of type 'null'" in fault['badRequest']['message']

    response = _action(_at(user, '2.17'), sid, {'trigger_crash_dump': None})
    assert response.text == ''
    request_id = response.headers['X-OpenStack-Request-ID']
    action, event = _wait_event(admin, sid, request_id,
                                'compute_trigger_crash_dump')
    assert action['action'] == instance_action.TRIGGER_CRASH_DUMP
    assert event['result'] == 'Success'
    # Nothing changes on the server.
    shown = user.show_server(sid)
    assert (shown['status'], shown['OS-EXT-STS:task_state']) == (
        'ACTIVE', None)


def test_crash_dump_needs_an_active_unlocked_server(user, admin, server):
    sid = server['id']
    v217 = _at(user, '2.17')
    _action(user, sid, {'lock': None})
    fault = _action(v217, sid, {'trigger_crash_dump': None},
                    expect=409).json()
    assert fault['conflictingRequest']['message'] == (
        'Instance %s is locked' % sid)
    # Admins are not held by a lock.
    _action(_at(admin, '2.17'), sid, {'trigger_crash_dump': None})
    _action(user, sid, {'unlock': None})

    _action(user, sid, {'os-stop': None})
    api_client.wait_for_state(user, sid, 'SHUTOFF')
    fault = _action(v217, sid, {'trigger_crash_dump': None},
                    expect=409).json()
    assert fault['conflictingRequest']['message'] == (
        "Cannot 'trigger_crash_dump' instance %s while it is in vm_state "
        "stopped" % sid)


def _compute(aio, host):
    return next(s.manager for s in aio.services
                if s.binary == 'minicompute-compute' and s.host == host)


def test_failed_crash_dump_is_an_error_event_and_a_fault(aio, admin, user,
                                                         server):
    """The cast has no caller to answer: a guest that is not running
    (libvirt's VIR_ERR_OPERATION_INVALID) fails the compute event and
    leaves a fault, as Nova's wrap_instance_event/_fault do."""
    sid = server['id']
    _action(user, sid, {'os-stop': None})
    api_client.wait_for_state(user, sid, 'SHUTOFF')
    conn = libvirt.open('test:///default')
    try:
        assert conn.lookupByUUIDString(sid).state()[0] == \
            libvirt.VIR_DOMAIN_SHUTOFF
    finally:
        conn.close()
    # The API refuses a stopped server, so play the cast that an ACTIVE
    # server racing its own shutdown would get.
    ctxt = mc_context.RequestContext(user_id='alice', project_id='x',
                                     roles=['admin'])
    instance = objects.Instance.get_by_uuid(ctxt, sid)
    objects.InstanceAction.action_start(ctxt, sid,
                                        instance_action.TRIGGER_CRASH_DUMP)
    _compute(aio, instance.host).trigger_crash_dump(ctxt, instance)

    action, event = _wait_event(admin, sid, ctxt.request_id,
                                'compute_trigger_crash_dump')
    assert event['result'] == 'Error'
    assert 'InstanceNotRunning' in event['traceback']
    assert action['message'] == 'Error'
    # The fault is recorded; the server stays as it was.
    ctx = mc_context.get_admin_context()
    fault = objects.Instance.get_by_uuid(ctx, sid,
                                         expected_attrs=['fault']).fault
    assert 'is not running' in fault.message
    assert user.show_server(sid)['status'] == 'SHUTOFF'
