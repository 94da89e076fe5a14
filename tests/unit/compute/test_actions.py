"""compute/actions.py: state transitions, action events and Nova's error
policies, with a scripted driver on a real SQLite database."""
import uuid

from oslo_utils import timeutils
import pytest

from minicompute import exception, objects
from minicompute.api.openstack import common
from minicompute.compute import actions, power_state, task_states, vm_states
from minicompute.compute import api as compute_api
from minicompute.db import actions_api
from minicompute.db import api as db_api
from minicompute.objects import instance_action

IMAGE2 = '2f7c5b0e-0d35-4a61-9b0b-2f2f1e2d0001'


class FakeDriver:
    """Records calls; ``fail[name]`` makes that call raise; ``state`` is
    what get_info reports after each call."""

    def __init__(self):
        self.calls = []
        self.fail = {}
        self.state = power_state.RUNNING
        self.console = ''

    def _call(self, name, state=None):
        self.calls.append(name)
        if name in self.fail:
            raise self.fail[name]
        if state is not None:
            self.state = state

    def get_info(self, instance):
        return type('Info', (), {'state': self.state})()

    def reboot(self, context, instance, reboot_type):
        self._call('reboot_%s' % reboot_type, power_state.RUNNING)

    def power_off(self, instance, timeout=0, retry_interval=0):
        self._call('power_off %s' % timeout, power_state.SHUTDOWN)

    def power_on(self, context, instance):
        self._call('power_on', power_state.RUNNING)

    def pause(self, instance):
        self._call('pause', power_state.PAUSED)

    def unpause(self, instance):
        self._call('unpause', power_state.RUNNING)

    def suspend(self, context, instance):
        self._call('suspend', power_state.SHUTDOWN)

    def resume(self, context, instance):
        self._call('resume', power_state.RUNNING)

    def destroy(self, context, instance):
        self._call('destroy', power_state.NOSTATE)

    def spawn(self, context, instance, image, networks):
        self._call('spawn %s' % image.id, power_state.RUNNING)

    def get_console_output(self, context, instance, length):
        return self.console


@pytest.fixture
def driver():
    return FakeDriver()


@pytest.fixture
def acts(conf, driver):
    conf.set_override('shutdown_timeout', 7)
    return actions.InstanceActions(conf, 'host1', driver)


def _instance(ctx, vm_state=vm_states.ACTIVE, task_state=None, **values):
    instance = objects.Instance(
        ctx, uuid=str(uuid.uuid4()), project_id=ctx.project_id,
        user_id=ctx.user_id, vm_state=vm_state, task_state=task_state,
        host='host1', node='host1', image_ref='img-1',
        launched_at=timeutils.utcnow(), power_state=power_state.RUNNING,
        **values)
    instance.create()
    return instance


def _start(ctx, instance, action, task_state):
    instance.task_state = task_state
    instance.save()
    objects.InstanceAction.action_start(ctx, instance.uuid, action)


def _events(instance):
    (action,) = actions_api.actions_get(instance.uuid)[-1:]
    return [(e.event, e.result)
            for e in actions_api.action_events_get(action.id)]


def _reload(ctx, instance):
    return objects.Instance.get_by_uuid(ctx, instance.uuid)


def _fault(instance):
    return db_api.instance_fault_get_latest([instance.uuid]).get(
        instance.uuid)


@pytest.mark.parametrize('method, action, task_state, final, power', [
    ('pause', 'pause', task_states.PAUSING, vm_states.PAUSED,
     power_state.PAUSED),
    ('suspend', 'suspend', task_states.SUSPENDING, vm_states.SUSPENDED,
     power_state.SHUTDOWN),
    ('stop', 'stop', task_states.POWERING_OFF, vm_states.STOPPED,
     power_state.SHUTDOWN),
])
def test_action_moves_to_final_state_and_records_event(
        db, ctx, acts, method, action, task_state, final, power):
    instance = _instance(ctx)
    _start(ctx, instance, action, task_state)
    getattr(acts, method)(ctx, instance)
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state, stored.power_state) == (
        final, None, power)
    assert _events(instance) == [('compute_%s_instance' % method,
                                  'Success')]


def test_stop_uses_shutdown_timeout_unless_forced(db, ctx, acts, driver):
    instance = _instance(ctx)
    _start(ctx, instance, 'stop', task_states.POWERING_OFF)
    acts.stop(ctx, instance)
    instance = _instance(ctx)
    _start(ctx, instance, 'stop', task_states.POWERING_OFF)
    acts.stop(ctx, instance, clean_shutdown=False)
    assert driver.calls == ['power_off 7', 'power_off 0']


@pytest.mark.parametrize('method, vm_state, task_state', [
    ('stop', vm_states.ACTIVE, task_states.POWERING_OFF),
    ('start', vm_states.STOPPED, task_states.POWERING_ON),
    ('pause', vm_states.ACTIVE, task_states.PAUSING),
    ('unpause', vm_states.PAUSED, task_states.UNPAUSING),
])
def test_failure_reverts_task_state_with_fault(db, ctx, acts, driver,
                                               method, vm_state,
                                               task_state):
    driver.fail = {name: RuntimeError('boom') for name in (
        'power_off 7', 'power_on', 'pause', 'unpause')}
    instance = _instance(ctx, vm_state=vm_state)
    _start(ctx, instance, method, task_state)
    getattr(acts, method)(ctx, instance)
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state) == (vm_state, None)
    # Nova's fault message for a non-Nova error is its class name.
    assert _fault(instance).message == 'RuntimeError'
    assert _events(instance) == [('compute_%s_instance' % method,
                                  'Error')]


@pytest.mark.parametrize('method, vm_state, task_state', [
    ('suspend', vm_states.ACTIVE, task_states.SUSPENDING),
    ('resume', vm_states.SUSPENDED, task_states.RESUMING),
])
def test_suspend_resume_failure_is_error(db, ctx, acts, driver, method,
                                         vm_state, task_state):
    driver.fail = {method: RuntimeError('disk full')}
    instance = _instance(ctx, vm_state=vm_state)
    _start(ctx, instance, method, task_state)
    getattr(acts, method)(ctx, instance)
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state) == (vm_states.ERROR, None)
    assert _fault(instance).message == 'RuntimeError'


def test_not_implemented_reverts_instead_of_error(db, ctx, acts, driver):
    driver.fail = {'suspend': NotImplementedError()}
    instance = _instance(ctx)
    _start(ctx, instance, 'suspend', task_states.SUSPENDING)
    acts.suspend(ctx, instance)
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state) == (vm_states.ACTIVE, None)


def test_reboot_passes_through_pending_and_started(db, ctx, acts, driver,
                                                   monkeypatch):
    seen = []
    instance = _instance(ctx)
    _start(ctx, instance, 'reboot', task_states.REBOOTING_HARD)

    def reboot(context, inst, reboot_type):
        seen.append(_reload(ctx, inst).task_state)
    monkeypatch.setattr(driver, 'reboot', reboot)
    acts.reboot(ctx, instance, 'HARD')
    assert seen == [task_states.REBOOT_STARTED_HARD]
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state) == (vm_states.ACTIVE, None)


def test_hard_reboot_of_stopped_instance_makes_it_active(db, ctx, acts):
    instance = _instance(ctx, vm_state=vm_states.STOPPED)
    _start(ctx, instance, 'reboot', task_states.REBOOTING_HARD)
    acts.reboot(ctx, instance, 'HARD')
    assert _reload(ctx, instance).vm_state == vm_states.ACTIVE


def test_failed_reboot_of_running_guest_stays_active(db, ctx, acts,
                                                     driver):
    driver.fail = {'reboot_SOFT': RuntimeError('no acpi')}
    instance = _instance(ctx)
    _start(ctx, instance, 'reboot', task_states.REBOOTING)
    acts.reboot(ctx, instance, 'SOFT')
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state) == (vm_states.ACTIVE, None)
    assert _fault(instance).message == 'RuntimeError'


def test_failed_reboot_of_dead_guest_is_error(db, ctx, acts, driver):
    driver.fail = {'reboot_HARD': RuntimeError('qemu died')}
    driver.state = power_state.SHUTDOWN
    instance = _instance(ctx)
    _start(ctx, instance, 'reboot', task_states.REBOOTING_HARD)
    acts.reboot(ctx, instance, 'HARD')
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state) == (vm_states.ERROR, None)


def test_delete_during_action_is_not_overwritten(db, ctx, acts, driver,
                                                 monkeypatch):
    instance = _instance(ctx)
    _start(ctx, instance, 'pause', task_states.PAUSING)

    def pause_while_deleted(inst):
        db_api.instance_update(inst.uuid, {'task_state': 'deleting'})
    monkeypatch.setattr(driver, 'pause', pause_while_deleted)
    acts.pause(ctx, instance)
    assert _reload(ctx, instance).task_state == task_states.DELETING


def test_failure_during_delete_leaves_deleting(db, ctx, acts, driver,
                                               monkeypatch):
    instance = _instance(ctx)
    _start(ctx, instance, 'suspend', task_states.SUSPENDING)

    def suspend_fails_while_deleted(context, inst):
        db_api.instance_update(inst.uuid, {'task_state': 'deleting'})
        raise RuntimeError('gone')
    monkeypatch.setattr(driver, 'suspend', suspend_fails_while_deleted)
    acts.suspend(ctx, instance)
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state) == (vm_states.ACTIVE,
                                                     task_states.DELETING)


def _image(image_id=None):
    return objects.ImageMeta(id=image_id or IMAGE2, status='active',
                             properties={})


def test_rebuild_destroys_and_spawns_on_this_host(db, ctx, acts, driver):
    instance = _instance(ctx, networks='none')
    instance.image_ref = IMAGE2
    _start(ctx, instance, 'rebuild', task_states.REBUILDING)
    acts.rebuild(ctx, instance, _image(), 'img-1')
    assert driver.calls == ['power_off 7', 'destroy', 'spawn %s' % IMAGE2]
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state, stored.host) == (
        vm_states.ACTIVE, None, 'host1')
    assert stored.image_ref == IMAGE2
    assert _events(instance) == [('compute_rebuild_instance', 'Success')]


def test_rebuild_of_stopped_instance_stops_it_again(db, ctx, acts, driver):
    driver.state = power_state.SHUTDOWN
    instance = _instance(ctx, vm_state=vm_states.STOPPED, networks='none')
    _start(ctx, instance, 'rebuild', task_states.REBUILDING)
    acts.rebuild(ctx, instance, _image(), 'img-1')
    assert driver.calls == ['destroy', 'spawn %s' % IMAGE2, 'power_off 0']
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state, stored.power_state) == (
        vm_states.STOPPED, None, power_state.SHUTDOWN)


def test_rebuild_failure_is_error_with_fault(db, ctx, acts, driver):
    driver.fail = {'spawn %s' % IMAGE2: exception.InstanceDeployFailure(
        reason='no disk')}
    instance = _instance(ctx, networks='none')
    _start(ctx, instance, 'rebuild', task_states.REBUILDING)
    acts.rebuild(ctx, instance, _image(), 'img-1')
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state) == (vm_states.ERROR, None)
    assert 'no disk' in _fault(instance).message


def test_console_output_strips_control_characters(acts, driver):
    driver.console = 'a\x1b[0mb\tc\r\n\x00d\n'
    assert acts.get_console_output(None, None, None) == 'a[0mb\tc\nd\n'


# ------------------------------------------------------- compute API checks

def test_check_instance_state_messages(db, ctx):
    instance = _instance(ctx, vm_state=vm_states.STOPPED)
    with pytest.raises(exception.InstanceInvalidState) as error:
        compute_api.check_instance_state(instance, 'pause',
                                         (vm_states.ACTIVE,))
    assert error.value.format_message() == (
        "Cannot 'pause' instance %s while it is in vm_state stopped"
        % instance.uuid)
    assert error.value.code == 409
    instance.task_state = task_states.POWERING_ON
    with pytest.raises(exception.InstanceInvalidState) as error:
        compute_api.check_instance_state(instance, 'start',
                                         (vm_states.STOPPED,))
    assert 'task_state powering-on' in error.value.format_message()
    instance.task_state = None
    instance.launched_at = None
    with pytest.raises(exception.InstanceInvalidState) as error:
        compute_api.check_instance_state(instance, 'start',
                                         (vm_states.STOPPED,))
    assert 'launched_at None' in error.value.format_message()


def test_lock_refuses_non_admins_only(db, ctx):
    instance = _instance(ctx, locked=True)
    with pytest.raises(exception.InstanceIsLocked) as error:
        compute_api.check_instance_lock(ctx, instance)
    assert error.value.code == 409
    assert error.value.format_message() == (
        'Instance %s is locked' % instance.uuid)
    compute_api.check_instance_lock(ctx.elevated(), instance)


class FakeComputeRPC:
    def __init__(self):
        self.casts = []

    def __getattr__(self, method):
        return lambda ctxt, instance, *args, **kwargs: self.casts.append(
            (method, args))


@pytest.fixture
def api(conf, monkeypatch):
    monkeypatch.setattr(compute_api.compute_rpcapi, 'ComputeAPI',
                        FakeComputeRPC)
    monkeypatch.setattr(compute_api.conductor_api, 'ComputeTaskAPI',
                        lambda: None)
    return compute_api.API(conf)


def test_hard_reboot_may_override_a_soft_one(db, ctx, api):
    instance = _instance(ctx)
    api.reboot(ctx, instance, 'SOFT')
    assert _reload(ctx, instance).task_state == task_states.REBOOTING
    with pytest.raises(exception.InstanceInvalidState):
        api.reboot(ctx, instance, 'SOFT')
    api.reboot(ctx, instance, 'HARD')
    assert _reload(ctx, instance).task_state == task_states.REBOOTING_HARD
    assert api.compute_rpcapi.casts == [('reboot_instance', ('SOFT',)),
                                        ('reboot_instance', ('HARD',))]
    assert [a.action for a in actions_api.actions_get(instance.uuid)] == [
        instance_action.REBOOT, instance_action.REBOOT]


def test_action_without_host_is_not_ready(db, ctx, api):
    instance = _instance(ctx)
    instance.host = None
    with pytest.raises(exception.InstanceNotReady):
        api.pause(ctx, instance)
    assert api.compute_rpcapi.casts == []


def test_a_racing_second_request_is_409(db, ctx, api):
    instance = _instance(ctx)
    stale = _reload(ctx, instance)
    api.pause(ctx, instance)
    # The second request read the instance before the first saved.
    with pytest.raises(exception.UnexpectedTaskStateError) as error:
        api.suspend(ctx, stale)
    assert error.value.code == 409
    assert [c[0] for c in api.compute_rpcapi.casts] == ['pause_instance']


# ------------------------------------------------------------ API statuses

@pytest.mark.parametrize('vm_state, task_state, status', [
    (vm_states.ACTIVE, task_states.REBOOTING, 'REBOOT'),
    (vm_states.ACTIVE, task_states.REBOOT_STARTED, 'REBOOT'),
    (vm_states.ACTIVE, task_states.REBOOTING_HARD, 'HARD_REBOOT'),
    (vm_states.ACTIVE, task_states.REBOOT_PENDING_HARD, 'HARD_REBOOT'),
    (vm_states.ACTIVE, task_states.REBUILDING, 'REBUILD'),
    (vm_states.ACTIVE, task_states.REBUILD_SPAWNING, 'REBUILD'),
    (vm_states.STOPPED, task_states.REBUILDING, 'REBUILD'),
    (vm_states.ERROR, task_states.REBUILD_SPAWNING, 'REBUILD'),
    (vm_states.ACTIVE, task_states.POWERING_OFF, 'ACTIVE'),
    (vm_states.ACTIVE, task_states.PAUSING, 'ACTIVE'),
    (vm_states.STOPPED, None, 'SHUTOFF'),
    (vm_states.STOPPED, task_states.POWERING_ON, 'SHUTOFF'),
    (vm_states.PAUSED, task_states.UNPAUSING, 'PAUSED'),
    (vm_states.SUSPENDED, task_states.RESUMING, 'SUSPENDED'),
])
def test_status_of_action_states(vm_state, task_state, status):
    assert common.status_from_state(vm_state, task_state) == status


# ---------------------------------------------------------------- recovery

@pytest.mark.parametrize('vm_state, task_state, calls, final', [
    (vm_states.ACTIVE, task_states.REBOOT_STARTED, ['reboot_HARD'],
     vm_states.ACTIVE),
    (vm_states.STOPPED, task_states.REBOOTING_HARD, ['reboot_HARD'],
     vm_states.ACTIVE),
    (vm_states.ACTIVE, task_states.POWERING_OFF, ['power_off 7'],
     vm_states.STOPPED),
    (vm_states.STOPPED, task_states.POWERING_ON, ['power_on'],
     vm_states.ACTIVE),
    (vm_states.ACTIVE, task_states.PAUSING, [], vm_states.ACTIVE),
    (vm_states.SUSPENDED, task_states.RESUMING, [], vm_states.SUSPENDED),
    (vm_states.ACTIVE, task_states.REBUILD_SPAWNING, [], vm_states.ERROR),
])
def test_recover_interrupted_action(db, ctx, acts, driver, vm_state,
                                    task_state, calls, final):
    instance = _instance(ctx, vm_state=vm_state, task_state=task_state)
    assert acts.recover(ctx, instance)
    assert driver.calls == calls
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state) == (final, None)


def test_recover_leaves_other_instances_alone(db, ctx, acts, driver):
    instance = _instance(ctx)
    assert not acts.recover(ctx, instance)
    assert driver.calls == []
