"""select_destinations with server groups, zones, hints and forced hosts,
against a real SQLite database."""
import uuid

import pytest

from minicompute import exception, objects
from minicompute.db import aggregates_api, groups_api
from minicompute.db import api as db_api
from minicompute.scheduler import scheduling


def _uuids(count):
    return [str(uuid.uuid4()) for _ in range(count)]


@pytest.fixture
def scheduler(conf, db):
    return scheduling.Scheduler(conf)


def _spec(num=1, **fields):
    flavor = objects.Flavor(id=1, flavorid='f1', name='m1.test',
                            memory_mb=512, vcpus=1, root_gb=1,
                            ephemeral_gb=0, swap=0, extra_specs={})
    image = objects.ImageMeta(id=str(uuid.uuid4()), status='active',
                              properties={})
    return objects.RequestSpec(flavor=flavor, image=image, num_instances=num,
                               min_count=num, project_id='p', **fields)


def _group(policy, uuids):
    for instance_uuid in uuids:
        db_api.instance_create({'uuid': instance_uuid,
                                'vm_state': 'building'})
    created = groups_api.group_create({'policy': policy}, uuids)
    return objects.InstanceGroup.get_by_uuid(None, created['uuid'])


def _hosts(selections):
    return [s[0].service_host for s in selections]


def test_anti_affinity_multi_create_uses_distinct_hosts(scheduler, ctx,
                                                        make_host):
    for host in ('a', 'b', 'c'):
        make_host(host)
    uuids = _uuids(3)
    spec = _spec(3, instance_group=_group('anti-affinity', uuids))

    assert sorted(_hosts(scheduler.select_destinations(ctx, spec,
                                                       uuids))) == \
        ['a', 'b', 'c']


def test_anti_affinity_explains_what_removed_the_hosts(scheduler, ctx,
                                                       make_host):
    for host in ('a', 'b'):
        make_host(host)
    uuids = _uuids(3)
    spec = _spec(3, instance_group=_group('anti-affinity', uuids))

    with pytest.raises(exception.NoValidHost) as raised:
        scheduler.select_destinations(ctx, spec, uuids)

    # The third instance starts from the one host that passed for the
    # second (Nova's multi-create carries the filtered list forward).
    assert raised.value.kwargs['explanation'] == (
        'ServerGroupAntiAffinityFilter: 1 -> 0')
    # All or nothing: the two that fitted were released.
    assert [db_api.allocation_get(u) for u in uuids] == [None] * 3


def test_affinity_multi_create_stacks(scheduler, ctx, make_host):
    for host in ('a', 'b', 'c'):
        make_host(host)
    uuids = _uuids(3)
    spec = _spec(3, instance_group=_group('affinity', uuids))

    assert len(set(_hosts(scheduler.select_destinations(ctx, spec,
                                                        uuids)))) == 1


def test_availability_zone(scheduler, ctx, make_host):
    for host in ('a', 'b', 'c'):
        make_host(host, memory_mb=8192 if host == 'a' else 4096)
    agg = aggregates_api.aggregate_create('z', {'availability_zone': 'az1'})
    aggregates_api.aggregate_add_host(agg['id'], 'b')

    picked = _hosts(scheduler.select_destinations(
        ctx, _spec(availability_zone='az1'), _uuids(1)))
    default = _hosts(scheduler.select_destinations(
        ctx, _spec(availability_zone='nova'), _uuids(1)))

    assert (picked, default) == (['b'], ['a'])


def test_forced_host_skips_filters_but_not_the_claim(scheduler, ctx,
                                                     make_host):
    make_host('a', memory_mb=8192)
    make_host('b', service={'disabled': True})
    make_host('tiny', memory_mb=256)

    forced = _hosts(scheduler.select_destinations(
        ctx, _spec(force_hosts=['b']), _uuids(1)))
    assert forced == ['b']
    with pytest.raises(exception.NoValidHost) as raised:
        scheduler.select_destinations(ctx, _spec(force_nodes=['tiny']),
                                      _uuids(1))
    assert raised.value.kwargs['explanation'] == 'force_hosts: 3 -> 1'
    with pytest.raises(exception.NoValidHost):
        scheduler.select_destinations(ctx, _spec(force_hosts=['nope']),
                                      _uuids(1))


def test_ignore_hosts(scheduler, ctx, make_host):
    make_host('a', memory_mb=8192)
    make_host('b')

    assert _hosts(scheduler.select_destinations(
        ctx, _spec(ignore_hosts=['a']), _uuids(1))) == ['b']


def test_same_and_different_host_hints(scheduler, ctx, make_host):
    make_host('a', memory_mb=8192)
    make_host('b')
    first = _uuids(1)
    (selection,) = scheduler.select_destinations(ctx, _spec(), first)
    db_api.instance_create({'uuid': first[0], 'host': 'a'})

    same = _hosts(scheduler.select_destinations(
        ctx, _spec(scheduler_hints={'same_host': first}), _uuids(1)))
    different = _hosts(scheduler.select_destinations(
        ctx, _spec(scheduler_hints={'different_host': first}), _uuids(1)))

    assert (selection[0].service_host, same, different) == ('a', ['a'],
                                                            ['b'])


def test_deleted_group_is_ignored(scheduler, ctx, make_host):
    make_host('a')
    uuids = _uuids(1)
    group = _group('anti-affinity', uuids)
    groups_api.group_destroy(group.uuid)

    assert _hosts(scheduler.select_destinations(
        ctx, _spec(instance_group=group), uuids)) == ['a']
