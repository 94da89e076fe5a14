"""InstanceBuilder.build: what counts as this host's build failure."""
import types

import pytest

from minicompute import exception, objects
from minicompute.compute import build
from minicompute.db import actions_api, scheduler_api


class _NoDriver:
    def destroy(self, context, instance):
        pass


class _NoTracker:
    def release(self, context, instance):
        pass


def _instance(ctx):
    instance = objects.Instance(
        ctx, uuid='11111111-2222-3333-4444-%012d' % 1, project_id='p',
        user_id='u', vm_state='building', task_state='scheduling',
        power_state=0, metadata={}, locked=False)
    instance.create()
    objects.InstanceAction.action_start(ctx, instance.uuid, 'create')
    return instance


def _builder(monkeypatch, error):
    builder = build.InstanceBuilder(
        types.SimpleNamespace(), 'host-a', _NoDriver(), _NoTracker(),
        compute_task_api=None)

    def fail(*args, **kwargs):
        raise error
    monkeypatch.setattr(builder, '_build_and_run', fail)
    return builder


@pytest.mark.parametrize('error', [
    exception.InstanceNotFound(instance_id='x'),
    exception.UnexpectedDeletingTaskStateError(expected='spawning',
                                               actual='deleting'),
    exception.UnexpectedTaskStateError(expected='scheduling', actual=None),
])
def test_deleted_or_taken_over_is_not_a_host_failure(db, ctx, monkeypatch,
                                                     error):
    instance = _instance(ctx)
    _builder(monkeypatch, error).build(ctx, instance, 'host-a', None, [])
    (action,) = actions_api.actions_get(instance.uuid)
    (event,) = actions_api.action_events_get(action.id)
    assert event.result == 'Success'
    assert scheduler_api.failed_builds_by_host(3600) == {}


def test_a_real_failure_counts_against_the_host(db, ctx, monkeypatch):
    instance = _instance(ctx)
    _builder(monkeypatch, RuntimeError('disk on fire')).build(
        ctx, instance, 'host-a', None, [])
    (action,) = actions_api.actions_get(instance.uuid)
    (event,) = actions_api.action_events_get(action.id)
    assert event.result == 'Error'
    assert scheduler_api.failed_builds_by_host(3600) == {'host-a': 1}
    assert objects.Instance.get_by_uuid(ctx, instance.uuid).vm_state == \
        'error'
