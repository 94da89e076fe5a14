"""The Nova-named weighers: raw values, multipliers (from config and from
aggregate metadata), normalisation and the resulting order."""
import pytest

from minicompute.scheduler import weights
from minicompute.scheduler.weights import affinity, load, ram, resources
from tests.unit.scheduler import hoststates as hs

A, B, C = 'aaaaaaaa-0000-0000-0000-000000000001', \
    'aaaaaaaa-0000-0000-0000-000000000002', \
    'aaaaaaaa-0000-0000-0000-000000000003'

MULTIPLIERS = dict(
    ram_weight_multiplier=1.0, disk_weight_multiplier=1.0,
    cpu_weight_multiplier=1.0, num_instances_weight_multiplier=0.0,
    io_ops_weight_multiplier=-1.0, soft_affinity_weight_multiplier=1.0,
    soft_anti_affinity_weight_multiplier=1.0,
    build_failure_weight_multiplier=1000000.0)


def _conf(**values):
    return hs.conf(**dict(MULTIPLIERS, **values))


def _order(weigher_cls, hosts, spec=None, **conf_values):
    weigher = weigher_cls(_conf(**conf_values))
    ranked = weights.weigh_hosts([weigher], hosts, spec or hs.spec())
    return [host.host for _weight, host in ranked]


@pytest.mark.parametrize('weigher_cls, nodes, multiplier, order', [
    (ram.RAMWeigher, {'a': {'memory_mb': 1024}, 'b': {'memory_mb': 4096}},
     1.0, ['b', 'a']),
    (ram.RAMWeigher, {'a': {'memory_mb': 1024}, 'b': {'memory_mb': 4096}},
     -1.0, ['a', 'b']),
    # Allocation ratios count: free RAM is after overcommit.
    (ram.RAMWeigher, {'a': {'memory_mb': 2048, 'ram_allocation_ratio': 3.0},
                      'b': {'memory_mb': 4096}}, 1.0, ['a', 'b']),
    (resources.DiskWeigher, {'a': {'local_gb': 10}, 'b': {'local_gb': 20}},
     1.0, ['b', 'a']),
    (resources.DiskWeigher, {'a': {'local_gb': 10}, 'b': {'local_gb': 20}},
     -2.0, ['a', 'b']),
    (resources.CPUWeigher, {'a': {'vcpus': 4, 'cpu_allocation_ratio': 4.0},
                            'b': {'vcpus': 8}}, 1.0, ['a', 'b']),
    (load.NumInstancesWeigher, {'a': {'running_vms': 5},
                                'b': {'running_vms': 1}}, -1.0, ['b', 'a']),
    # Nova's default 0.0 leaves the order alone (stable).
    (load.NumInstancesWeigher, {'a': {'running_vms': 1},
                                'b': {'running_vms': 5}}, 0.0, ['a', 'b']),
])
def test_resource_weighers(weigher_cls, nodes, multiplier, order):
    hosts = [hs.host(name, **node) for name, node in nodes.items()]
    option = weigher_cls.multiplier_option

    assert _order(weigher_cls, hosts, **{option: multiplier}) == order


def test_io_ops_weigher_prefers_quiet_hosts():
    hosts = [hs.host('busy', io=3), hs.host('quiet', io=1)]

    assert _order(load.IoOpsWeigher, hosts) == ['quiet', 'busy']


def test_build_failure_weigher_dominates():
    hosts = [hs.host('broken', failed_builds=2, memory_mb=65536),
             hs.host('fine', memory_mb=1024)]
    conf = _conf()
    ranked = weights.weigh_hosts(
        [ram.RAMWeigher(conf), load.BuildFailureWeigher(conf)], hosts,
        hs.spec())

    assert [h.host for _w, h in ranked] == ['fine', 'broken']
    assert [w for w, _h in ranked] == pytest.approx([1000000.0, 1.0])


@pytest.mark.parametrize('weigher_cls, policy, order', [
    (affinity.ServerGroupSoftAffinityWeigher, 'soft-affinity',
     ['two', 'one', 'none']),
    (affinity.ServerGroupSoftAntiAffinityWeigher, 'soft-anti-affinity',
     ['none', 'one', 'two']),
    # Another policy: no preference, the order is kept.
    (affinity.ServerGroupSoftAffinityWeigher, 'anti-affinity',
     ['none', 'one', 'two']),
    (affinity.ServerGroupSoftAntiAffinityWeigher, 'soft-affinity',
     ['none', 'one', 'two']),
])
def test_soft_group_weighers(weigher_cls, policy, order):
    hosts = [hs.host('none'), hs.host('one', instances=[A]),
             hs.host('two', instances=[B, C])]
    spec = hs.spec(instance_group=hs.group(policy, [A, B, C]))

    assert _order(weigher_cls, hosts, spec) == order


def test_soft_weighers_without_group_weigh_zero():
    host = hs.host(instances=[A])
    for cls in (affinity.ServerGroupSoftAffinityWeigher,
                affinity.ServerGroupSoftAntiAffinityWeigher):
        assert cls(_conf())._weigh_object(host, hs.spec()) == 0


@pytest.mark.parametrize('aggregates, expected', [
    ([], 1.0),
    ([{'ram_weight_multiplier': '-2.5'}], -2.5),
    # Several aggregates: the smallest value (Nova).
    ([{'ram_weight_multiplier': '3'}, {'ram_weight_multiplier': '2'}], 2.0),
    ([{'ram_weight_multiplier': 'junk'}], 1.0),
    ([{'other': '7'}], 1.0),
])
def test_multiplier_from_aggregate_metadata(aggregates, expected):
    weigher = ram.RAMWeigher(_conf())
    host = hs.host(aggregates=aggregates)

    assert weigher.weight_multiplier(host) == expected


def test_aggregate_multiplier_applies_to_its_hosts_only():
    # Only 'small' has the override; its normalised weight is 0 (least
    # free RAM), so -1 x 0 leaves it last, exactly as Nova computes it.
    hosts = [hs.host('big', memory_mb=8192),
             hs.host('small', memory_mb=1024,
                     aggregates=[{'ram_weight_multiplier': '-1'}]),
             hs.host('mid', memory_mb=4096)]
    weigher = ram.RAMWeigher(_conf())

    assert weigher.multipliers(hosts) == [1.0, -1.0, 1.0]
    assert weigher.multipliers(hosts[:1] + hosts[2:]) == 1.0
    assert _order(ram.RAMWeigher, hosts) == ['big', 'mid', 'small']
    hosts[0].aggregate_metadata = {'ram_weight_multiplier': {'-1'}}
    hosts[0].aggregates = [{'metadata': {'ram_weight_multiplier': '-1'}}]
    assert _order(ram.RAMWeigher, hosts) == ['mid', 'small', 'big']


def test_empty_host_list():
    conf = _conf()
    every = [cls(conf) for cls in (
        ram.RAMWeigher, resources.DiskWeigher, resources.CPUWeigher,
        load.NumInstancesWeigher, load.IoOpsWeigher,
        load.BuildFailureWeigher, affinity.ServerGroupSoftAffinityWeigher,
        affinity.ServerGroupSoftAntiAffinityWeigher)]

    assert weights.weigh_hosts(every, [], hs.spec()) == []


def test_fast_path_matches_per_host_values():
    hosts = [hs.host('a', memory_mb=1000, memory_mb_used=10, local_gb=9,
                     vcpus=3, ram_allocation_ratio=1.5),
             hs.host('b', reserved_host_disk_mb=512, vcpus_used=2)]
    spec = hs.spec()
    for cls in (ram.RAMWeigher, resources.DiskWeigher, resources.CPUWeigher):
        weigher = cls(_conf())
        assert weigher.weigh_objects(hosts, spec) == [
            weigher._weigh_object(host, spec) for host in hosts]


@pytest.mark.parametrize('weigher_cls', [
    ram.RAMWeigher, resources.DiskWeigher, resources.CPUWeigher,
    load.IoOpsWeigher])
def test_resource_weighers_normalise_from_zero_like_nova(weigher_cls):
    assert weigher_cls.minval == 0


def test_overcommitted_host_clamps_to_zero():
    # -1024 MB free counts as 0, so 'full' and 'over' weigh the same and
    # the input order decides.
    hosts = [hs.host('over', memory_mb=1024, memory_mb_used=2048),
             hs.host('full', memory_mb=1024, memory_mb_used=1024),
             hs.host('free', memory_mb=1024)]
    ranked = weights.weigh_hosts([ram.RAMWeigher(_conf())], hosts,
                                 hs.spec())

    assert [(h.host, w) for w, h in ranked] == [
        ('free', 1.0), ('over', 0.0), ('full', 0.0)]
