"""Scheduler.select_destinations against a real SQLite database: filter,
weigh, claim, consume, alternates, and clean failure."""
import random
import re
import uuid

import pytest

from minicompute import exception, objects
from minicompute.db import api as db_api
from minicompute.scheduler import scheduling, weights


def _uuids(count):
    return [str(uuid.uuid4()) for _ in range(count)]


def _spec(memory_mb=1024, vcpus=1, root_gb=1, min_count=1, num=1):
    flavor = objects.Flavor(id=1, flavorid='f1', name='m1.test',
                            memory_mb=memory_mb, vcpus=vcpus,
                            root_gb=root_gb, ephemeral_gb=0, swap=0)
    image = objects.ImageMeta(id=str(uuid.uuid4()), status='active')
    return objects.RequestSpec(flavor=flavor, image=image,
                               num_instances=num, min_count=min_count)


@pytest.fixture
def scheduler(conf, db):
    return scheduling.Scheduler(conf)


def _node_of(instance_uuid):
    allocation = db_api.allocation_get(instance_uuid)
    return None if allocation is None else allocation.compute_node_id


def _hosts(selections):
    return [hosts[0].service_host for hosts in selections]


# host: (memory_mb, MB already claimed, reserved_host_memory_mb)
@pytest.mark.parametrize('nodes, chosen', [
    ({'a': (2048, 0, 0), 'b': (8192, 0, 0), 'c': (4096, 0, 0)}, 'b'),
    ({'a': (4096, 0, 0), 'b': (4097, 0, 0)}, 'b'),
    # Free RAM, not total RAM, decides.
    ({'a': (2048, 0, 0), 'b': (8192, 7168, 0), 'c': (4096, 0, 0)}, 'c'),
    ({'a': (2048, 0, 0), 'b': (8192, 0, 7168)}, 'a'),
])
def test_picks_host_with_most_free_ram(scheduler, ctx, make_host, nodes,
                                       chosen):
    rows = {}
    for host, (memory, used, reserved) in nodes.items():
        rows[host] = make_host(host, memory_mb=memory,
                               reserved_host_memory_mb=reserved)
        if used:
            assert db_api.allocation_claim(str(uuid.uuid4()),
                                           rows[host].id, 0, used, 0)
    (instance_uuid,) = _uuids(1)

    (selection_list,) = scheduler.select_destinations(
        ctx, _spec(), [instance_uuid])

    first = selection_list[0]
    node = rows[chosen]
    assert (first.service_host, first.nodename, first.compute_node_id,
            first.compute_node_uuid, first.instance_uuid, first.claimed) == \
        (chosen, chosen, node.id, node.uuid, instance_uuid, True)
    assert _node_of(instance_uuid) == node.id


def test_multi_create_spreads_and_consumes(scheduler, ctx, make_host):
    a = make_host('a', memory_mb=4096)
    b = make_host('b', memory_mb=3584)
    instance_uuids = _uuids(3)

    selections = scheduler.select_destinations(
        ctx, _spec(memory_mb=1024, num=3), instance_uuids)

    # a (4096 free) -> b (3584 vs a's 3072) -> a (3072 vs b's 2560)
    assert _hosts(selections) == ['a', 'b', 'a']
    assert [s[0].instance_uuid for s in selections] == instance_uuids
    assert [_node_of(u) for u in instance_uuids] == [a.id, b.id, a.id]
    usage = {n.host: n.memory_mb_used for n in db_api.compute_node_get_all()}
    assert usage == {'a': 2048, 'b': 1024}


def test_multi_create_fills_the_only_host_up_to_capacity(scheduler, ctx,
                                                         make_host):
    make_host('a', memory_mb=3072, vcpus=2)
    instance_uuids = _uuids(3)

    selections = scheduler.select_destinations(
        ctx, _spec(memory_mb=1024, vcpus=1, num=3), instance_uuids)

    # vCPUs run out before RAM: only two placed, the third has no claim.
    assert _hosts(selections) == ['a', 'a']
    assert _node_of(instance_uuids[2]) is None


@pytest.mark.parametrize('max_attempts, return_alternates, alternates', [
    (1, True, []),
    (2, True, ['c']),
    (3, True, ['c', 'b']),
    (4, True, ['c', 'b', 'a']),
    (10, True, ['c', 'b', 'a']),
    (3, False, []),
])
def test_alternates_are_next_best_and_exclude_chosen(
        conf, scheduler, ctx, make_host, max_attempts, return_alternates,
        alternates):
    conf.set_override('max_attempts', max_attempts, group='scheduler')
    for host, memory in (('a', 1024 * 2), ('b', 1024 * 3), ('c', 1024 * 4),
                         ('d', 1024 * 5)):
        make_host(host, memory_mb=memory)
    (instance_uuid,) = _uuids(1)

    (selection_list,) = scheduler.select_destinations(
        ctx, _spec(), [instance_uuid], return_alternates=return_alternates)

    assert [s.service_host for s in selection_list] == ['d'] + alternates
    assert [s.claimed for s in selection_list] == \
        [True] + [False] * len(alternates)
    assert {s.instance_uuid for s in selection_list} == {instance_uuid}
    # Alternates are not claimed: only the chosen node holds usage.
    usage = {n.host: n.memory_mb_used for n in db_api.compute_node_get_all()}
    assert usage == {'a': 0, 'b': 0, 'c': 0, 'd': 1024}


def test_alternates_of_each_instance_exclude_its_own_host(conf, scheduler,
                                                          ctx, make_host):
    conf.set_override('max_attempts', 2, group='scheduler')
    make_host('a', memory_mb=4096)
    make_host('b', memory_mb=3584)

    selections = scheduler.select_destinations(ctx, _spec(num=2), _uuids(2))

    assert [[s.service_host for s in hosts] for hosts in selections] == [
        ['a', 'b'], ['b', 'a']]


@pytest.mark.parametrize('host_service', [
    {'disabled': True},
    {'forced_down': True},
])
def test_disabled_or_down_host_never_chosen(scheduler, ctx, make_host,
                                            host_service):
    make_host('big', memory_mb=16384, service=host_service)
    small = make_host('small', memory_mb=2048)
    (instance_uuid,) = _uuids(1)

    (selection_list,) = scheduler.select_destinations(
        ctx, _spec(), [instance_uuid])

    assert [s.service_host for s in selection_list] == ['small']
    assert _node_of(instance_uuid) == small.id


@pytest.mark.parametrize('host_service', [
    {'disabled': True},
    {'forced_down': True},
])
def test_multi_create_never_uses_disabled_or_down_host(scheduler, ctx,
                                                       make_host,
                                                       host_service):
    make_host('big', memory_mb=16384, service=host_service)
    make_host('small', memory_mb=4096)

    selections = scheduler.select_destinations(ctx, _spec(num=3),
                                               _uuids(3))

    assert _hosts(selections) == ['small', 'small', 'small']


@pytest.mark.parametrize('min_count', [3, 5])
def test_min_count_not_met_raises_and_releases_every_claim(
        scheduler, ctx, make_host, min_count):
    node = make_host('a', memory_mb=2048)
    instance_uuids = _uuids(min_count)

    with pytest.raises(exception.NoValidHost):
        scheduler.select_destinations(
            ctx, _spec(memory_mb=1024, min_count=min_count, num=min_count),
            instance_uuids)

    assert [db_api.allocation_get(u) for u in instance_uuids] == \
        [None] * min_count
    assert db_api.allocation_get_by_node(node.id) == []
    row = db_api.compute_node_get(node.id)
    assert (row.vcpus_used, row.memory_mb_used, row.local_gb_used) == \
        (0, 0, 0)


def test_min_count_met_returns_what_fits(scheduler, ctx, make_host):
    make_host('a', memory_mb=2048)
    instance_uuids = _uuids(3)

    selections = scheduler.select_destinations(
        ctx, _spec(memory_mb=1024, min_count=2, num=3), instance_uuids)

    assert [s[0].instance_uuid for s in selections] == instance_uuids[:2]
    assert _node_of(instance_uuids[2]) is None


@pytest.mark.parametrize('hosts, spec, explanation', [
    ({'a': {}, 'b': {}}, {'memory_mb': 8192},
     'ComputeFilter: 2 -> 2, RamFilter: 2 -> 0'),
    ({'a': {}, 'b': {}}, {'root_gb': 500},
     'ComputeFilter: 2 -> 2, RamFilter: 2 -> 2, DiskFilter: 2 -> 0'),
    ({'a': {}, 'b': {'vcpus': 1}}, {'vcpus': 9},
     'ComputeFilter: 2 -> 2, RamFilter: 2 -> 2, DiskFilter: 2 -> 2, '
     'CoreFilter: 2 -> 0'),
    ({'a': {'service': {'disabled': True}},
      'b': {'service': {'forced_down': True}}}, {},
     'ComputeFilter: 2 -> 0'),
    ({}, {}, 'no compute hosts'),
])
def test_no_valid_host_explains_filter_steps(scheduler, ctx, make_host,
                                             hosts, spec, explanation):
    for host, values in hosts.items():
        make_host(host, **values)

    with pytest.raises(exception.NoValidHost) as raised:
        scheduler.select_destinations(ctx, _spec(**spec), _uuids(1))

    assert raised.value.kwargs['explanation'] == explanation
    assert str(raised.value) == ('No valid host was found. There are not '
                                 'enough hosts available.')


def test_explanation_is_that_of_the_instance_that_failed(scheduler, ctx,
                                                         make_host):
    make_host('a', memory_mb=1024)
    make_host('b', memory_mb=1024)

    with pytest.raises(exception.NoValidHost) as raised:
        scheduler.select_destinations(ctx, _spec(min_count=3, num=3),
                                      _uuids(3))

    # The third instance's steps: ComputeFilter ran only for the first.
    assert re.fullmatch(r'RamFilter: \d+ -> 0',
                        raised.value.kwargs['explanation'])


def _ranked(scheduler, ctx, spec):
    states = scheduler.host_manager.get_host_states(ctx)
    return [host for _w, host in weights.weigh_hosts(scheduler.weighers,
                                                     states, spec)]


def test_claim_lost_to_a_race_moves_on_to_next_host(scheduler, ctx,
                                                    make_host):
    make_host('a', memory_mb=4096)
    b = make_host('b', memory_mb=2048)
    spec = _spec(memory_mb=2048)
    ranked = _ranked(scheduler, ctx, spec)
    assert [h.host for h in ranked] == ['a', 'b']
    # Another scheduler fills 'a' after our host states were read.
    assert db_api.allocation_claim(str(uuid.uuid4()), ranked[0].node_id,
                                   0, 4096, 0)
    (instance_uuid,) = _uuids(1)

    chosen = scheduler._claim_one(ctx, ranked, spec, instance_uuid)

    assert chosen is ranked[1]
    assert _node_of(instance_uuid) == b.id


def test_every_claim_lost_returns_none(scheduler, ctx, make_host):
    make_host('a', memory_mb=2048)
    make_host('b', memory_mb=2048)
    spec = _spec(memory_mb=2048)
    ranked = _ranked(scheduler, ctx, spec)
    for host in ranked:
        assert db_api.allocation_claim(str(uuid.uuid4()), host.node_id,
                                       0, 2048, 0)
    (instance_uuid,) = _uuids(1)

    assert scheduler._claim_one(ctx, ranked, spec, instance_uuid) is None
    assert db_api.allocation_get(instance_uuid) is None


def test_host_subset_size_picks_among_the_best_only(conf, scheduler, ctx,
                                                    make_host):
    conf.set_override('host_subset_size', 2, group='filter_scheduler')
    for host, memory in (('a', 8192), ('b', 7168), ('c', 6144)):
        make_host(host, memory_mb=memory)
    spec = _spec(memory_mb=1)
    ranked = _ranked(scheduler, ctx, spec)
    random.seed(1234)

    picked = set()
    for _ in range(12):
        instance_uuid = str(uuid.uuid4())
        picked.add(scheduler._claim_one(ctx, ranked, spec,
                                        instance_uuid).host)
        db_api.allocation_release(instance_uuid)

    assert picked == {'a', 'b'}
    # Shuffling a copy: the caller's ranking is untouched.
    assert [h.host for h in ranked] == ['a', 'b', 'c']
