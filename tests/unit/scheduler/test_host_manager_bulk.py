"""HostManager builds instances, aggregates, zones and build failures for
every host with a fixed number of queries."""
import datetime
import threading
import uuid

from oslo_utils import timeutils
import pytest
import sqlalchemy as sa

from minicompute.db import aggregates_api, models, scheduler_api
from minicompute.db import api as db_api
from minicompute.scheduler import host_manager


@pytest.fixture
def manager(conf, db):
    return host_manager.HostManager(conf)


def _instance(host, vm_state='active', task_state=None):
    return db_api.instance_create({'uuid': str(uuid.uuid4()), 'host': host,
                                   'vm_state': vm_state,
                                   'task_state': task_state}).uuid


def _build_event(host, result, minutes_ago=0):
    instance_uuid = str(uuid.uuid4())
    when = timeutils.utcnow() - datetime.timedelta(minutes=minutes_ago)
    with db_api.writer() as session:
        action = models.InstanceAction(action='create',
                                       instance_uuid=instance_uuid,
                                       request_id='req')
        session.add(action)
        session.flush()
        session.add(models.InstanceActionEvent(
            action_id=action.id, event=scheduler_api.BUILD_EVENT,
            host=host, result=result, start_time=when, finish_time=when))


def test_instances_io_ops_zones_and_aggregates(manager, ctx, make_host,
                                               conf):
    for host in ('cn1', 'cn2', 'cn3'):
        make_host(host)
    active = _instance('cn1')
    building = _instance('cn1', 'building', 'spawning')
    snapshot = _instance('cn2', 'active', 'image_snapshot')
    _instance(None, 'building', 'scheduling')
    deleted = _instance('cn2')
    db_api.instance_destroy(deleted)
    agg = aggregates_api.aggregate_create('fast', {'availability_zone':
                                                   'az1', 'ssd': 'true'})
    aggregates_api.aggregate_add_host(agg['id'], 'cn2')
    conf.set_override('default_availability_zone', 'zone0')

    states = {s.host: s for s in manager.get_host_states(ctx)}

    assert states['cn1'].instances == {active, building}
    assert states['cn1'].num_io_ops == 1
    assert states['cn2'].instances == {snapshot}
    assert states['cn2'].num_io_ops == 1
    assert states['cn3'].instances == set()
    assert [s.availability_zone for s in
            (states['cn1'], states['cn2'])] == ['zone0', 'az1']
    assert states['cn2'].aggregate_metadata == {
        'availability_zone': {'az1'}, 'ssd': {'true'}}
    assert states['cn1'].aggregates == []


def test_failed_builds_count_since_the_last_success(manager, ctx, make_host):
    for host in ('cn1', 'cn2', 'cn3'):
        make_host(host)
    _build_event('cn1', 'Error', 30)
    _build_event('cn1', 'Error', 20)
    _build_event('cn2', 'Error', 20)
    _build_event('cn2', 'Success', 10)
    _build_event('cn3', 'Error', 24 * 60)     # outside the window

    states = {s.host: s.failed_builds
              for s in manager.get_host_states(ctx)}

    assert states == {'cn1': 2, 'cn2': 0, 'cn3': 0}


def test_query_count_does_not_grow_with_hosts(manager, ctx, make_host):
    def count_queries(hosts):
        for host in hosts:
            make_host(host)
            _instance(host)
            agg = aggregates_api.aggregate_create('agg-' + host)
            aggregates_api.aggregate_add_host(agg['id'], host)
        statements = []
        this_thread = threading.get_ident()

        def record(*args, **kwargs):
            # Only this thread's: services left running by another test in
            # the same process may query meanwhile.
            if threading.get_ident() == this_thread:
                statements.append(args[2])
        engine = db_api.get_engine()
        sa.event.listen(engine, 'before_cursor_execute', record)
        try:
            manager.get_host_states(ctx)
        finally:
            sa.event.remove(engine, 'before_cursor_execute', record)
        return len([s for s in statements
                    if s.lstrip().upper().startswith('SELECT')])

    few = count_queries(['a1', 'a2'])
    many = count_queries(['b%d' % i for i in range(12)])

    assert few == many


def test_group_policy_reschedules_are_not_build_failures(manager, ctx,
                                                        make_host):
    make_host('cn1')
    _build_event('cn1', 'Error', 5)
    with db_api.writer() as session:
        session.execute(sa.update(models.InstanceActionEvent).values(
            traceback="GroupAffinityViolation('Build of instance x was "
                      "re-scheduled: Anti-affinity ...')"))

    (state,) = manager.get_host_states(ctx)

    assert state.failed_builds == 0
