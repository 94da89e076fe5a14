"""Lock ownership and reason (2.73) and trigger_crash_dump (2.17) in the
compute API, the RPC client and the compute's workflow, on a real SQLite
database with a scripted driver and RPC."""
import uuid

from oslo_utils import timeutils
import pytest

from minicompute import context as mc_context
from minicompute import exception, objects, rpc_versions
from minicompute.compute import actions, manager, power_state, vm_states
from minicompute.compute import api as compute_api
from minicompute.compute import rpcapi as compute_rpcapi
from minicompute.db import actions_api
from minicompute.db import api as db_api
from minicompute.objects import instance_action

ADMIN = mc_context.RequestContext(user_id='root', project_id='ops',
                                  roles=['admin'])


def _instance(ctx, **values):
    fields = dict(uuid=str(uuid.uuid4()), project_id=ctx.project_id,
                  user_id=ctx.user_id, vm_state=vm_states.ACTIVE,
                  task_state=None, host='host1', node='host1',
                  launched_at=timeutils.utcnow(),
                  power_state=power_state.RUNNING)
    fields.update(values)
    instance = objects.Instance(ctx, **fields)
    instance.create()
    return instance


def _reload(ctx, instance):
    return objects.Instance.get_by_uuid(ctx, instance.uuid)


def _actions(instance):
    return [(action.action,
             [(e.event, e.result)
              for e in actions_api.action_events_get(action.id)])
            for action in actions_api.actions_get(instance.uuid)]


class FakeComputeRPC:
    def __init__(self):
        self.casts = []

    def __getattr__(self, method):
        return lambda ctxt, instance, *args, **kwargs: self.casts.append(
            (method, instance.uuid))


@pytest.fixture
def api(conf, monkeypatch):
    monkeypatch.setattr(compute_api.compute_rpcapi, 'ComputeAPI',
                        FakeComputeRPC)
    monkeypatch.setattr(compute_api.conductor_api, 'ComputeTaskAPI',
                        lambda: None)
    return compute_api.API(conf)


# ------------------------------------------------------------------ lock

def test_owner_lock_records_owner_and_reason(db, ctx, api):
    instance = _instance(ctx)
    api.lock(ctx, instance, reason='maintenance')
    stored = _reload(ctx, instance)
    assert (stored.locked, stored.locked_by, stored.locked_reason) == (
        True, 'owner', 'maintenance')
    assert api.is_expected_locked_by(ctx, stored)
    assert not api.is_expected_locked_by(ADMIN, stored)
    # The owner locking again changes nothing, not even the records.
    api.lock(ctx, stored, reason='other')
    assert _reload(ctx, instance).locked_reason == 'maintenance'
    assert [a for a, _ in _actions(instance)] == ['lock']
    assert _actions(instance)[0][1] == [('api_lock', 'Success')]


def test_admin_lock_takes_over_and_unlock_clears(db, ctx, api):
    instance = _instance(ctx)
    api.lock(ctx, instance, reason='mine')
    api.lock(ADMIN, instance)
    stored = _reload(ctx, instance)
    # No new reason: the old one stays, as in Nova.
    assert (stored.locked_by, stored.locked_reason) == ('admin', 'mine')
    assert not api.is_expected_locked_by(ctx, stored)
    assert api.is_expected_locked_by(ADMIN, stored)
    api.unlock(ADMIN, stored)
    stored = _reload(ctx, instance)
    assert (stored.locked, stored.locked_by, stored.locked_reason) == (
        False, None, None)
    assert [a for a, _ in _actions(instance)] == ['lock', 'lock', 'unlock']
    # A lock from before locked_by existed may be lifted by either side.
    stored.locked = True
    stored.save()
    assert api.is_expected_locked_by(ctx, stored)
    assert api.is_expected_locked_by(ADMIN, stored)


# ------------------------------------------------------------ crash dump

def test_crash_dump_records_the_action_and_casts(db, ctx, api):
    instance = _instance(ctx)
    api.trigger_crash_dump(ctx, instance)
    assert api.compute_rpcapi.casts == [('trigger_crash_dump',
                                         instance.uuid)]
    assert [a for a, _ in _actions(instance)] == [
        instance_action.TRIGGER_CRASH_DUMP]
    # No state moves: the guest decides what an NMI does.
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state) == (vm_states.ACTIVE, None)


@pytest.mark.parametrize('values, error', [
    ({'vm_state': vm_states.STOPPED}, exception.InstanceInvalidState),
    ({'vm_state': vm_states.PAUSED}, exception.InstanceInvalidState),
    ({'task_state': 'rebooting'}, exception.InstanceInvalidState),
    ({'locked': True}, exception.InstanceIsLocked),
    ({'host': None}, exception.InstanceNotReady),
])
def test_crash_dump_refusals_are_409(db, ctx, api, values, error):
    instance = _instance(ctx, **values)
    with pytest.raises(error) as raised:
        api.trigger_crash_dump(ctx, instance)
    assert raised.value.code == 409
    assert api.compute_rpcapi.casts == []
    assert _actions(instance) == []


def test_admin_may_crash_dump_a_locked_server(db, ctx, api):
    instance = _instance(ctx, locked=True)
    api.trigger_crash_dump(ADMIN, instance)
    assert len(api.compute_rpcapi.casts) == 1


# ------------------------------------------------------------------- RPC

class FakeClient:
    def __init__(self):
        self.prepared = {}
        self.casts = []

    def prepare(self, **kwargs):
        self.prepared = kwargs
        return self

    def can_send_version(self, version):
        return True

    def cast(self, ctxt, method, **kwargs):
        self.casts.append((method, kwargs))


def test_rpc_cast_needs_version_1_2_on_the_instance_host(monkeypatch):
    client = FakeClient()
    targets = []

    def get_client(target, **kwargs):
        targets.append(target)
        return client

    monkeypatch.setattr(rpc_versions.rpc, 'get_client', get_client)
    monkeypatch.setattr(rpc_versions, 'version_cap', lambda conf, level: None)
    monkeypatch.setattr(rpc_versions.rpc, 'get_conf', lambda: None)
    rpcapi = compute_rpcapi.ComputeAPI()
    instance = objects.Instance(uuid=str(uuid.uuid4()), host='host7')
    rpcapi.trigger_crash_dump(mc_context.get_admin_context(), instance)
    assert targets[0].version == compute_rpcapi.ComputeAPI.VERSION
    assert client.prepared == {'server': 'host7', 'version': '1.2'}
    assert client.casts == [('trigger_crash_dump', {'instance': instance})]
    # The compute serves what the client may send.
    assert manager.ComputeManager.target.version == \
        compute_rpcapi.ComputeAPI.VERSION


# -------------------------------------------------------- compute workflow

class FakeDriver:
    def __init__(self, error=None):
        self.error = error
        self.nmis = []

    def trigger_crash_dump(self, instance):
        self.nmis.append(instance.uuid)
        if self.error is not None:
            raise self.error


def _compute_side(ctx, conf, driver):
    instance = _instance(ctx)
    objects.InstanceAction.action_start(ctx, instance.uuid,
                                        instance_action.TRIGGER_CRASH_DUMP)
    actions.InstanceActions(conf, 'host1', driver).trigger_crash_dump(
        ctx, instance)
    return instance


def _fault(instance):
    return db_api.instance_fault_get_latest([instance.uuid]).get(
        instance.uuid)


def test_compute_injects_nmi_and_records_success(db, ctx, conf):
    driver = FakeDriver()
    instance = _compute_side(ctx, conf, driver)
    assert driver.nmis == [instance.uuid]
    assert _actions(instance) == [(
        'trigger_crash_dump', [('compute_trigger_crash_dump', 'Success')])]
    assert _fault(instance) is None


@pytest.mark.parametrize('error', [
    exception.TriggerCrashDumpNotSupported(),
    exception.InstanceNotRunning(instance_id='x'),
    NotImplementedError(),
])
def test_compute_failure_is_an_error_event_and_a_fault(db, ctx, conf,
                                                       error):
    instance = _compute_side(ctx, conf, FakeDriver(error))
    assert _actions(instance) == [(
        'trigger_crash_dump', [('compute_trigger_crash_dump', 'Error')])]
    assert _fault(instance) is not None
    stored = _reload(ctx, instance)
    assert (stored.vm_state, stored.task_state) == (vm_states.ACTIVE, None)


def test_compute_of_a_vanished_instance_adds_no_fault(db, ctx, conf):
    instance = _compute_side(
        ctx, conf, FakeDriver(exception.InstanceNotFound(instance_id='x')))
    assert _actions(instance)[0][1] == [('compute_trigger_crash_dump',
                                         'Error')]
    assert _fault(instance) is None
