"""RamFilter, DiskFilter and CoreFilter against HostStates whose free
amounts apply allocation ratios, reserved amounts and current usage."""
import pytest

from minicompute.scheduler import filters
from minicompute.scheduler.filters import resource_filters
from tests.unit.scheduler import fakes

RAM = resource_filters.RamFilter
DISK = resource_filters.DiskFilter
CORE = resource_filters.CoreFilter


@pytest.mark.parametrize('filter_cls, node, spec, passes', [
    # RAM: (memory_mb - reserved) * ratio - used
    pytest.param(RAM, {'memory_mb': 2048}, {'memory_mb': 2048}, True,
                 id='ram-exact-fit'),
    pytest.param(RAM, {'memory_mb': 2048}, {'memory_mb': 2049}, False,
                 id='ram-one-over'),
    pytest.param(RAM, {'memory_mb': 2048, 'reserved_host_memory_mb': 512},
                 {'memory_mb': 1536}, True, id='ram-reserved-exact'),
    pytest.param(RAM, {'memory_mb': 2048, 'reserved_host_memory_mb': 512},
                 {'memory_mb': 1537}, False, id='ram-reserved-over'),
    pytest.param(RAM, {'memory_mb': 2048, 'ram_allocation_ratio': 1.5},
                 {'memory_mb': 3072}, True, id='ram-overcommit-exact'),
    pytest.param(RAM, {'memory_mb': 2048, 'ram_allocation_ratio': 1.5},
                 {'memory_mb': 3073}, False, id='ram-overcommit-over'),
    pytest.param(RAM, {'memory_mb': 2048, 'ram_allocation_ratio': 1.5,
                       'reserved_host_memory_mb': 1024},
                 {'memory_mb': 1537}, False,
                 id='ram-reserved-before-ratio'),
    pytest.param(RAM, {'memory_mb': 2048, 'ram_allocation_ratio': 0.5},
                 {'memory_mb': 1025}, False, id='ram-undercommit'),
    pytest.param(RAM, {'memory_mb': 2048, 'memory_mb_used': 1024},
                 {'memory_mb': 1025}, False, id='ram-used'),
    # Disk: reserved is in MB, capacity in GB.
    pytest.param(DISK, {'local_gb': 20}, {'disk_gb': 20}, True,
                 id='disk-exact-fit'),
    pytest.param(DISK, {'local_gb': 20}, {'disk_gb': 21}, False,
                 id='disk-one-over'),
    pytest.param(DISK, {'local_gb': 20, 'reserved_host_disk_mb': 1024},
                 {'disk_gb': 19}, True, id='disk-reserved-exact'),
    pytest.param(DISK, {'local_gb': 20, 'reserved_host_disk_mb': 512},
                 {'disk_gb': 20}, False, id='disk-reserved-half-gb'),
    pytest.param(DISK, {'local_gb': 20, 'disk_allocation_ratio': 2.0},
                 {'disk_gb': 40}, True, id='disk-overcommit-exact'),
    pytest.param(DISK, {'local_gb': 20, 'local_gb_used': 15},
                 {'disk_gb': 6}, False, id='disk-used'),
    pytest.param(DISK, {'local_gb': 20}, {'disk_gb': 0}, True,
                 id='disk-zero-request'),
    # vCPUs
    pytest.param(CORE, {'vcpus': 4}, {'vcpus': 4}, True,
                 id='cpu-exact-fit'),
    pytest.param(CORE, {'vcpus': 4}, {'vcpus': 5}, False,
                 id='cpu-one-over'),
    pytest.param(CORE, {'vcpus': 4, 'cpu_allocation_ratio': 4.0},
                 {'vcpus': 16}, True, id='cpu-overcommit-exact'),
    pytest.param(CORE, {'vcpus': 4, 'cpu_allocation_ratio': 4.0,
                        'reserved_host_cpus': 1},
                 {'vcpus': 13}, False, id='cpu-reserved-before-ratio'),
    pytest.param(CORE, {'vcpus': 3, 'cpu_allocation_ratio': 1.5},
                 {'vcpus': 5}, False, id='cpu-fractional-limit'),
    pytest.param(CORE, {'vcpus': 4, 'vcpus_used': 4}, {'vcpus': 1}, False,
                 id='cpu-full'),
])
def test_capacity(filter_cls, node, spec, passes):
    state = fakes.host_state(**node)

    assert filter_cls(conf=None).host_passes(state,
                                             fakes.spec(**spec)) is passes


@pytest.mark.parametrize('filter_cls, node', [
    (RAM, {'memory_mb': 1024, 'memory_mb_used': 2048}),
    (DISK, {'local_gb': 10, 'local_gb_used': 20}),
    (CORE, {'vcpus': 2, 'vcpus_used': 4}),
])
def test_oversubscribed_host_rejects_even_empty_request(filter_cls, node):
    state = fakes.host_state(**node)

    assert not filter_cls(conf=None).host_passes(
        state, fakes.spec(vcpus=0, memory_mb=0, disk_gb=0))


def test_each_filter_checks_only_its_resource():
    # Plenty of RAM and disk, no vCPU left.
    state = fakes.host_state(vcpus=2, vcpus_used=2)
    spec = fakes.spec(vcpus=1, memory_mb=512, disk_gb=1)

    assert [f(conf=None).host_passes(state, spec)
            for f in (RAM, DISK, CORE)] == [True, True, False]


def test_consumed_usage_within_a_request_counts():
    # Room for exactly two: the third instance of one request is refused.
    state = fakes.host_state(memory_mb=1024)
    spec = fakes.spec(memory_mb=512)
    ram = RAM(conf=None)

    seen = []
    for _ in range(3):
        seen.append(ram.host_passes(state, spec))
        if seen[-1]:
            state.consume_from_request(spec)

    assert seen == [True, True, False]


def test_chain_over_mixed_hosts():
    hosts = [fakes.host_state('small', memory_mb=512),
             fakes.host_state('no-disk', local_gb=5),
             fakes.host_state('no-cpu', vcpus=1),
             fakes.host_state('fits')]
    chain = [RAM(None), DISK(None), CORE(None)]

    passing, steps = filters.run_filters(
        chain, hosts, fakes.spec(vcpus=2, memory_mb=1024, disk_gb=10))

    assert [h.host for h in passing] == ['fits']
    assert [str(s) for s in steps] == [
        'RamFilter: 4 -> 3', 'DiskFilter: 3 -> 2', 'CoreFilter: 2 -> 1']
