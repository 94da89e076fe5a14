"""HostState's free-capacity math and HostManager's view of the database."""
import datetime

from oslo_utils import timeutils
import pytest

from minicompute.db import api as db_api
from minicompute.scheduler import host_manager
from tests.unit.scheduler import fakes


@pytest.mark.parametrize('node, free_ram, free_disk, free_vcpus', [
    ({}, 4096, 100, 8),
    ({'memory_mb_used': 1000, 'local_gb_used': 30, 'vcpus_used': 3},
     3096, 70, 5),
    ({'ram_allocation_ratio': 1.5, 'disk_allocation_ratio': 2.0,
      'cpu_allocation_ratio': 16.0}, 6144, 200, 128),
    # Reserved amounts come off before the ratio multiplies.
    ({'reserved_host_memory_mb': 1024, 'ram_allocation_ratio': 2.0},
     6144, 100, 8),
    ({'reserved_host_cpus': 2, 'cpu_allocation_ratio': 4.0}, 4096, 100, 24),
    # Reserved disk is in MB.
    ({'reserved_host_disk_mb': 2048}, 4096, 98, 8),
    ({'reserved_host_disk_mb': 512}, 4096, 99.5, 8),
    # Usage above an (e.g. lowered) limit shows as negative free space.
    ({'memory_mb': 1024, 'memory_mb_used': 2048}, -1024, 100, 8),
])
def test_free_amounts(node, free_ram, free_disk, free_vcpus):
    state = fakes.host_state(**node)

    assert (state.free_ram_mb, state.free_disk_gb, state.free_vcpus) == \
        pytest.approx((free_ram, free_disk, free_vcpus))


def test_consume_from_request_reduces_free_and_counts_instance():
    state = fakes.host_state(running_vms=2, memory_mb_used=100)

    state.consume_from_request(fakes.spec(vcpus=2, memory_mb=512,
                                          disk_gb=10))
    state.consume_from_request(fakes.spec(vcpus=1, memory_mb=256,
                                          disk_gb=0))

    assert (state.free_vcpus, state.free_ram_mb, state.free_disk_gb,
            state.num_instances) == (5, 4096 - 100 - 768, 90, 4)


def test_repr_shows_free_amounts():
    state = fakes.host_state('cn1', memory_mb_used=96, vcpus_used=2)

    assert repr(state) == '(cn1, cn1) ram: 4000MB disk: 100GB vcpus: 6'


# --------------------------------------------------- against the database

@pytest.fixture
def manager(conf, db):
    return host_manager.HostManager(conf)


def _stale(conf):
    return timeutils.utcnow() - datetime.timedelta(
        seconds=conf.service_down_time + 30)


@pytest.mark.parametrize('service, up, disabled', [
    ({}, True, False),
    ({'disabled': True}, True, True),
    ({'forced_down': True}, False, False),
    ({'last_seen_up': 'stale'}, False, False),
])
def test_liveness_and_disabled_from_service_row(conf, manager, ctx,
                                                make_host, service, up,
                                                disabled):
    if service.get('last_seen_up') == 'stale':
        service['last_seen_up'] = _stale(conf)
    make_host('cn1', service=service)

    (state,) = manager.get_host_states(ctx)

    assert (state.host, state.service_up, state.service_disabled) == \
        ('cn1', up, disabled)


def test_node_without_compute_service_is_down(manager, ctx, make_node,
                                              make_service):
    make_node('cn1')
    # A service of another binary on the same host does not count.
    make_service('cn1', binary='minicompute-scheduler', topic='scheduler')

    (state,) = manager.get_host_states(ctx)

    assert state.service_up is False


def test_usage_comes_from_claims(manager, ctx, make_host):
    node = make_host('cn1', vcpus=4, memory_mb=2048, local_gb=40,
                     running_vms=1)
    assert db_api.allocation_claim('11111111-1111-1111-1111-111111111111',
                                   node.id, 1, 512, 10)

    (state,) = manager.get_host_states(ctx)

    assert (state.node_id, state.uuid, state.num_instances) == \
        (node.id, node.uuid, 1)
    assert (state.free_vcpus, state.free_ram_mb, state.free_disk_gb) == \
        (3, 1536, 30)


def test_every_node_is_listed(manager, ctx, make_host):
    for host in ('cn1', 'cn2', 'cn3'):
        make_host(host)

    assert sorted(s.host for s in manager.get_host_states(ctx)) == [
        'cn1', 'cn2', 'cn3']


def test_no_nodes(manager, ctx):
    assert manager.get_host_states(ctx) == []


NODE_SHAPES = [
    {},
    {'ram_allocation_ratio': 1.5, 'cpu_allocation_ratio': 3.0,
     'disk_allocation_ratio': 1.2},
    {'reserved_host_memory_mb': 1000, 'reserved_host_cpus': 1,
     'reserved_host_disk_mb': 3072},
    {'ram_allocation_ratio': 0.9, 'reserved_host_memory_mb': 96,
     'cpu_allocation_ratio': 1.5, 'vcpus': 3},
]


@pytest.mark.parametrize('shape', NODE_SHAPES)
def test_host_state_and_database_claim_agree_on_exact_fit(manager, ctx,
                                                          make_host, shape):
    """What HostState calls free is exactly what the DB claim accepts."""
    node = make_host('cn1', **shape)
    (state,) = manager.get_host_states(ctx)
    fit = (int(state.free_vcpus), int(state.free_ram_mb),
           int(state.free_disk_gb))

    for index, extra in enumerate([(1, 0, 0), (0, 1, 0), (0, 0, 1)]):
        too_big = [a + b for a, b in zip(fit, extra)]
        assert not db_api.allocation_claim('0000000%d-0000-0000-0000-'
                                           '000000000000' % index,
                                           node.id, *too_big)
    assert db_api.allocation_claim('aaaaaaaa-0000-0000-0000-000000000000',
                                   node.id, *fit)
