"""Server actions through the REST API on libvirt's test driver: state
transitions, action records, conflicts, locks, console output, and deletes
from every state leaving nothing behind."""
import os

import libvirt
import pytest

from minicompute import context as mc_context
from minicompute.db import actions_api
from minicompute.db import api as db_api
from minicompute.image import registry
from tests.functional import client as api_client

NANO = '42'


@pytest.fixture
def conn():
    connection = libvirt.open('test:///default')
    yield connection
    connection.close()


def _action(client, server_id, body, expect=202):
    return client.post('/servers/%s/action' % server_id, body,
                       expect=expect)


def _active_server(client, image_id, name='act'):
    server = client.create_server(name, image_id, NANO)['server']
    return api_client.wait_for_state(client, server['id'], 'ACTIVE')


def _delete(client, server_id):
    client.delete('/servers/%s' % server_id, expect=204)
    api_client.wait_until_deleted(client, server_id)


def _actions(server_id):
    """[(action, [(event, result), ...]), ...] from the database."""
    return [(action.action,
             [(event.event, event.result)
              for event in actions_api.action_events_get(action.id)])
            for action in actions_api.actions_get(server_id)]


def _wait_event(server_id, action, event):
    def done():
        for name, events in _actions(server_id):
            if name == action and (event, 'Success') in events:
                return True
        return False
    api_client.wait_for(done, 30, message='%s %s' % (action, event))


def _domain_state(conn, server_id):
    return conn.lookupByUUIDString(server_id).state()[0]


def _conflict(response):
    return response.json()['conflictingRequest']['message']


def _instance_dir(aio, server_id):
    return os.path.join(aio.conf.instances_path, server_id)


def _assert_gone(aio, conn, server_id):
    with pytest.raises(libvirt.libvirtError) as error:
        conn.lookupByUUIDString(server_id)
    assert error.value.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN
    assert not os.path.exists(_instance_dir(aio, server_id))
    assert db_api.allocation_get(server_id) is None


# ------------------------------------------------------------- transitions

def test_stop_and_start(user, image_id, conn):
    server = _active_server(user, image_id)
    sid = server['id']
    _action(user, sid, {'os-stop': None})
    stopped = api_client.wait_for_state(user, sid, 'SHUTOFF')
    assert stopped['OS-EXT-STS:vm_state'] == 'stopped'
    assert stopped['OS-EXT-STS:power_state'] == 4
    assert stopped['OS-EXT-STS:task_state'] is None
    assert _domain_state(conn, sid) == libvirt.VIR_DOMAIN_SHUTOFF

    conflict = _action(user, sid, {'os-stop': None}, expect=409)
    assert _conflict(conflict) == (
        "Cannot 'stop' instance %s while it is in vm_state stopped" % sid)

    _action(user, sid, {'os-start': None})
    started = api_client.wait_for_state(user, sid, 'ACTIVE')
    assert started['OS-EXT-STS:power_state'] == 1
    assert _domain_state(conn, sid) == libvirt.VIR_DOMAIN_RUNNING
    _wait_event(sid, 'start', 'compute_start_instance')
    assert [name for name, _ in _actions(sid)] == ['create', 'stop',
                                                   'start']
    assert _actions(sid)[1][1] == [('compute_stop_instance', 'Success')]
    _delete(user, sid)


def test_reboot_soft_and_hard(user, image_id, conn):
    sid = _active_server(user, image_id)['id']
    _action(user, sid, {'reboot': {'type': 'SOFT'}})
    _wait_event(sid, 'reboot', 'compute_reboot_instance')
    rebooted = api_client.wait_for_state(user, sid, 'ACTIVE')
    assert rebooted['OS-EXT-STS:task_state'] is None
    assert _domain_state(conn, sid) == libvirt.VIR_DOMAIN_RUNNING

    _action(user, sid, {'reboot': {'type': 'hard'}})
    api_client.wait_for(lambda: len([a for a, _ in _actions(sid)
                                     if a == 'reboot']) == 2
                        and _actions(sid)[-1][1] == [
                            ('compute_reboot_instance', 'Success')],
                        30, message='hard reboot')
    api_client.wait_for_state(user, sid, 'ACTIVE')
    assert _domain_state(conn, sid) == libvirt.VIR_DOMAIN_RUNNING
    _delete(user, sid)


def test_hard_reboot_starts_a_stopped_server_soft_refuses(user, image_id,
                                                          conn):
    sid = _active_server(user, image_id)['id']
    _action(user, sid, {'os-stop': None})
    api_client.wait_for_state(user, sid, 'SHUTOFF')
    conflict = _action(user, sid, {'reboot': {'type': 'SOFT'}}, expect=409)
    assert _conflict(conflict) == (
        "Cannot 'reboot' instance %s while it is in vm_state stopped" % sid)
    _action(user, sid, {'reboot': {'type': 'HARD'}})
    _wait_event(sid, 'reboot', 'compute_reboot_instance')
    api_client.wait_for_state(user, sid, 'ACTIVE')
    assert _domain_state(conn, sid) == libvirt.VIR_DOMAIN_RUNNING
    _delete(user, sid)


def test_pause_and_unpause(user, image_id, conn):
    sid = _active_server(user, image_id)['id']
    _action(user, sid, {'pause': None})
    paused = api_client.wait_for_state(user, sid, 'PAUSED')
    assert paused['OS-EXT-STS:power_state'] == 3
    assert _domain_state(conn, sid) == libvirt.VIR_DOMAIN_PAUSED
    conflict = _action(user, sid, {'pause': None}, expect=409)
    assert 'while it is in vm_state paused' in _conflict(conflict)
    _action(user, sid, {'unpause': None})
    api_client.wait_for_state(user, sid, 'ACTIVE')
    assert _domain_state(conn, sid) == libvirt.VIR_DOMAIN_RUNNING
    _wait_event(sid, 'unpause', 'compute_unpause_instance')
    _delete(user, sid)


def test_suspend_and_resume(user, image_id, conn):
    sid = _active_server(user, image_id)['id']
    _action(user, sid, {'suspend': None})
    suspended = api_client.wait_for_state(user, sid, 'SUSPENDED')
    assert suspended['OS-EXT-STS:vm_state'] == 'suspended'
    domain = conn.lookupByUUIDString(sid)
    assert domain.hasManagedSaveImage(0) == 1
    assert not domain.isActive()
    _action(user, sid, {'unpause': None}, expect=409)
    _action(user, sid, {'resume': None})
    api_client.wait_for_state(user, sid, 'ACTIVE')
    assert domain.isActive()
    assert domain.hasManagedSaveImage(0) == 0
    _wait_event(sid, 'resume', 'compute_resume_instance')
    _delete(user, sid)


@pytest.mark.parametrize('body, method, state', [
    ({'os-start': None}, 'start', 'active'),
    ({'unpause': None}, 'unpause', 'active'),
    ({'resume': None}, 'resume', 'active'),
])
def test_wrong_state_is_409(user, image_id, body, method, state):
    sid = _active_server(user, image_id)['id']
    conflict = _action(user, sid, body, expect=409)
    assert _conflict(conflict) == (
        "Cannot '%s' instance %s while it is in vm_state %s"
        % (method, sid, state))
    _delete(user, sid)


# -------------------------------------------------------------------- lock

def test_lock_refuses_owner_but_not_admin(user, admin, image_id):
    sid = _active_server(user, image_id)['id']
    _action(user, sid, {'lock': None})
    assert db_api.instance_get_by_uuid(sid).locked
    message = 'Instance %s is locked' % sid
    for body in ({'os-stop': None}, {'pause': None},
                 {'reboot': {'type': 'HARD'}},
                 {'rebuild': {'imageRef': image_id}}):
        assert _conflict(_action(user, sid, body, expect=409)) == message
    assert _conflict(user.delete('/servers/%s' % sid, expect=409)) == \
        message
    # Reading the console is not an action on the server.
    _action(user, sid, {'os-getConsoleOutput': {}}, expect=200)
    # An admin may act on a locked server.
    _action(admin, sid, {'pause': None})
    api_client.wait_for_state(user, sid, 'PAUSED')
    _action(user, sid, {'unlock': None})
    assert not db_api.instance_get_by_uuid(sid).locked
    _action(user, sid, {'unpause': None})
    api_client.wait_for_state(user, sid, 'ACTIVE')
    names = [name for name, _ in _actions(sid)]
    assert names == ['create', 'lock', 'pause', 'unlock', 'unpause']
    assert _actions(sid)[1][1] == [('api_lock', 'Success')]
    _delete(user, sid)


# ----------------------------------------------------------------- rebuild

def _second_image(aio, tmp_path, name='second'):
    source = registry.write_blank_disk(str(tmp_path / ('%s.raw' % name)))
    return registry.create(aio.conf, mc_context.get_admin_context(), name,
                           source_path=source)


def test_rebuild_respawns_from_new_image_on_same_host(admin, image_id, aio,
                                                      conn, tmp_path):
    server = _active_server(admin, image_id, name='rb')
    sid = server['id']
    host = server['OS-EXT-SRV-ATTR:host']
    allocation = db_api.allocation_get(sid)
    image = _second_image(aio, tmp_path)
    reply = _action(admin, sid, {'rebuild': {
        'imageRef': image.id, 'name': 'rebuilt',
        'metadata': {'role': 'web'}}}).json()['server']
    assert reply['id'] == sid
    assert reply['status'] == 'REBUILD'
    assert reply['name'] == 'rebuilt'
    assert reply['image']['id'] == image.id
    assert reply['adminPass']
    _wait_event(sid, 'rebuild', 'compute_rebuild_instance')
    rebuilt = api_client.wait_for_state(admin, sid, 'ACTIVE')
    assert rebuilt['OS-EXT-SRV-ATTR:host'] == host
    assert rebuilt['image']['id'] == image.id
    assert rebuilt['metadata'] == {'role': 'web'}
    assert db_api.allocation_get(sid) is not None
    assert db_api.allocation_get(sid).compute_node_id == \
        allocation.compute_node_id
    assert _domain_state(conn, sid) == libvirt.VIR_DOMAIN_RUNNING
    assert os.path.exists(os.path.join(_instance_dir(aio, sid), 'disk'))
    _delete(admin, sid)
    _assert_gone(aio, conn, sid)


def test_rebuild_of_stopped_server_stays_stopped(admin, image_id, conn):
    sid = _active_server(admin, image_id, name='rbs')['id']
    _action(admin, sid, {'os-stop': None})
    api_client.wait_for_state(admin, sid, 'SHUTOFF')
    _action(admin, sid, {'rebuild': {'imageRef': image_id}})
    _wait_event(sid, 'rebuild', 'compute_rebuild_instance')
    api_client.wait_for(
        lambda: admin.show_server(sid)['OS-EXT-STS:task_state'] is None and
        admin.show_server(sid)['status'] == 'SHUTOFF', 30,
        message='rebuilt server to be SHUTOFF again')
    assert _domain_state(conn, sid) == libvirt.VIR_DOMAIN_SHUTOFF
    _delete(admin, sid)


def test_rebuild_with_unknown_image_is_400(admin, image_id):
    sid = _active_server(admin, image_id, name='rbx')['id']
    reply = _action(admin, sid, {'rebuild': {'imageRef': 'nope'}},
                    expect=400)
    assert reply.json()['badRequest']['message'] == \
        'Cannot find image for rebuild'
    assert admin.show_server(sid)['status'] == 'ACTIVE'
    _delete(admin, sid)


# ----------------------------------------------------------------- console

def test_console_output_returns_the_log_tail(user, image_id, aio):
    sid = _active_server(user, image_id)['id']
    log = os.path.join(_instance_dir(aio, sid), 'console.log')
    with open(log, 'w') as f:
        f.write('boot\x07 line 1\nline 2\nTINY GUEST UP\n')
    body = {'os-getConsoleOutput': {'length': 2}}
    output = _action(user, sid, body, expect=200).json()['output']
    assert output == 'line 2\nTINY GUEST UP\n'
    for everything in ({}, {'length': None}, {'length': -1},
                       {'length': '50'}):
        output = _action(user, sid, {'os-getConsoleOutput': everything},
                         expect=200).json()['output']
        assert output == 'boot line 1\nline 2\nTINY GUEST UP\n'
    for bad in ({'length': 'x'}, {'length': -2}, {'lines': 1}):
        _action(user, sid, {'os-getConsoleOutput': bad}, expect=400)
    _delete(user, sid)


def test_console_output_before_the_log_exists_is_empty(user, image_id,
                                                      aio):
    sid = _active_server(user, image_id)['id']
    log = os.path.join(_instance_dir(aio, sid), 'console.log')
    if os.path.exists(log):
        os.unlink(log)
    output = _action(user, sid, {'os-getConsoleOutput': {'length': 5}},
                     expect=200).json()['output']
    assert output == ''
    _delete(user, sid)


# ------------------------------------------------------------- bad bodies

@pytest.mark.parametrize('body, message', [
    ({'frobnicate': None}, 'There is no such action: frobnicate'),
    ({'pause': None, 'unpause': None}, 'Malformed request body'),
    ({}, 'Malformed request body'),
    ({'reboot': {'type': 'WARM'}}, 'Invalid input'),
    ({'reboot': {}}, "'type' is a required property"),
    ({'reboot': None}, 'Invalid input'),
    ({'pause': {'now': True}}, 'Invalid input'),
    ({'os-stop': {}}, 'Invalid input'),
    ({'rebuild': {'name': 'x'}}, "'imageRef' is a required property"),
    ({'rebuild': {'imageRef': 'x', 'flavorRef': '1'}},
     'Additional properties are not allowed'),
])
def test_bad_action_bodies_are_400(user, image_id, body, message):
    server = user.create_server('bad', image_id, NANO)['server']
    reply = _action(user, server['id'], body, expect=400)
    assert message in reply.json()['badRequest']['message']
    _delete(user, server['id'])


def test_actions_on_missing_or_foreign_servers_are_404(user, image_id):
    _action(user, 'no-such-server', {'pause': None}, expect=404)
    sid = _active_server(user, image_id)['id']
    other = api_client.ApiClient(user.endpoint, 'bob:another-project')
    _action(other, sid, {'pause': None}, expect=404)
    _action(other, sid, {'os-getConsoleOutput': {}}, expect=404)
    _delete(user, sid)


def test_get_on_action_path_is_405(user):
    reply = user.get('/servers/x/action', expect=405)
    assert reply.headers['Allow'] == 'POST'


# -------------------------------------------------------------- failures
# Failures are made with libvirt behind the service's back, choosing states
# the power-state sync leaves alone (it would otherwise race the action).

def test_failed_pause_reverts_task_state_with_fault(admin, image_id, conn):
    sid = _active_server(admin, image_id, name='fail-pause')['id']
    # Paused behind our back: libvirt refuses to pause it again.
    conn.lookupByUUIDString(sid).suspend()
    _action(admin, sid, {'pause': None})
    api_client.wait_for(
        lambda: db_api.instance_fault_get_latest([sid]).get(sid), 30,
        message='a fault')
    server = admin.show_server(sid)
    # Nova reverts the task_state and keeps the vm_state; it shows a
    # fault only on ERROR servers.
    assert server['status'] == 'ACTIVE'
    assert server['OS-EXT-STS:task_state'] is None
    assert 'fault' not in server
    assert _actions(sid)[-1] == ('pause', [('compute_pause_instance',
                                            'Error')])
    _delete(admin, sid)


def test_failed_resume_sets_error(admin, image_id, aio, conn):
    sid = _active_server(admin, image_id, name='fail-resume')['id']
    _action(admin, sid, {'suspend': None})
    api_client.wait_for_state(admin, sid, 'SUSPENDED')
    _remove_domain_behind_our_back(conn, sid)
    _action(admin, sid, {'resume': None})
    failed = api_client.wait_for_state(admin, sid, 'ERROR')
    assert failed['OS-EXT-STS:task_state'] is None
    assert failed['fault']['code'] == 404
    assert 'could not be found' in failed['fault']['message']
    # The compute host's InstanceNotFound comes back through the RPC call.
    reply = _action(admin, sid, {'os-getConsoleOutput': {}}, expect=404)
    assert reply.json()['itemNotFound']['message'] == (
        'Instance %s could not be found.' % sid)
    _delete(admin, sid)
    _assert_gone(aio, conn, sid)


def _remove_domain_behind_our_back(conn, server_id):
    domain = conn.lookupByUUIDString(server_id)
    if domain.isActive():
        domain.destroy()
    if domain.hasManagedSaveImage(0):
        domain.managedSaveRemove(0)
    domain.undefine()


# ------------------------------------------------- delete from any state

@pytest.mark.parametrize('action, status', [
    ('pause', 'PAUSED'),
    ('suspend', 'SUSPENDED'),
    ('os-stop', 'SHUTOFF'),
])
def test_delete_leaves_nothing_from_state(admin, image_id, aio, conn,
                                          action, status):
    sid = _active_server(admin, image_id, name='del')['id']
    _action(admin, sid, {action: None})
    api_client.wait_for_state(admin, sid, status)
    _delete(admin, sid)
    _assert_gone(aio, conn, sid)


def test_delete_during_build_leaves_nothing(admin, image_id, aio, conn):
    sid = admin.create_server('early', image_id, NANO)['server']['id']
    admin.delete('/servers/%s' % sid, expect=204)
    api_client.wait_until_deleted(admin, sid)
    # The build may still be finishing its clean-up on the host: the
    # directory goes first, the claim after it.
    api_client.wait_for(lambda: not os.path.exists(_instance_dir(aio, sid))
                        and db_api.allocation_get(sid) is None,
                        30, message='instance dir and claim removed')
    _assert_gone(aio, conn, sid)


# ------------------------------------------------------------ real client

def test_openstacksdk_drives_every_action(aio, image_id, conn):
    import openstack
    sdk = openstack.connect(auth_type='admin_token', token='admin:admin',
                            endpoint=aio.endpoint,
                            compute_endpoint_override=aio.endpoint)
    compute = sdk.compute
    server = compute.create_server(name='sdk-actions', image_id=image_id,
                                   flavor_id=NANO, networks='none')

    def wait(status):
        return compute.wait_for_server(server, status=status, wait=60,
                                       interval=0.2)
    wait('ACTIVE')
    compute.reboot_server(server, 'SOFT')
    _wait_event(server.id, 'reboot', 'compute_reboot_instance')
    wait('ACTIVE')
    compute.stop_server(server)
    wait('SHUTOFF')
    compute.start_server(server)
    wait('ACTIVE')
    compute.pause_server(server)
    wait('PAUSED')
    compute.unpause_server(server)
    wait('ACTIVE')
    compute.suspend_server(server)
    wait('SUSPENDED')
    compute.resume_server(server)
    wait('ACTIVE')
    compute.lock_server(server)
    compute.unlock_server(server)
    rebuilt = compute.rebuild_server(server, image=image_id,
                                     name='sdk-rebuilt',
                                     admin_password='secret-pass')
    assert rebuilt.name == 'sdk-rebuilt'
    _wait_event(server.id, 'rebuild', 'compute_rebuild_instance')
    wait('ACTIVE')
    output = compute.get_server_console_output(server, length=5)
    assert output == {'output': ''}
    assert [name for name, _ in _actions(server.id)] == [
        'create', 'reboot', 'stop', 'start', 'pause', 'unpause', 'suspend',
        'resume', 'lock', 'unlock', 'rebuild']
    compute.delete_server(server)
    compute.wait_for_delete(server, wait=60, interval=0.2)
    with pytest.raises(libvirt.libvirtError):
        conn.lookupByUUIDString(server.id)
