"""Table-driven tests of the Nova-named filters (one host, one request)."""
import pytest

from minicompute.scheduler.filters import (
    affinity_filter,
    extra_specs_ops,
    json_filter,
    num_instances_filter,
)
from minicompute.scheduler.filters import (
    aggregate_instance_extra_specs as agg_specs,
)
from minicompute.scheduler.filters import (
    aggregate_multitenancy_isolation as tenancy,
)
from minicompute.scheduler.filters import (
    availability_zone_filter as az_filter,
)
from minicompute.scheduler.filters import (
    compute_capabilities_filter as caps,
)
from minicompute.scheduler.filters import (
    image_props_filter as image_props,
)
from tests.unit.scheduler import hoststates as hs

A, B, C = 'aaaaaaaa-0000-0000-0000-000000000001', \
    'aaaaaaaa-0000-0000-0000-000000000002', \
    'aaaaaaaa-0000-0000-0000-000000000003'


@pytest.mark.parametrize('value, requirement, expected', [
    ('1024', '1024', True), ('1024', '1025', False),
    (2048, '= 1024', True), (512, '= 1024', False),
    (1024, '== 1024', True), (1025, '== 1024', False),
    (1, '!= 2', True), (3, '>= 3', True), (2, '<= 1', False),
    ('abc', 's== abc', True), ('abd', 's> abc', True),
    ('abc', 's!= abc', False), ('abc', 's< abd', True),
    ('QEMU', '<in> EM', True), ('QEMU', '<in> XE', False),
    ('x86_64', '<or> aarch64 <or> x86_64', True),
    ('ppc', '<or> aarch64 <or> x86_64', False),
    (['sse', 'avx'], '<all-in> avx sse', True),
    (['sse'], '<all-in> avx sse', False),
    (True, 'true', True), (False, 'True', False),
    ('x', '= 1', False), (1, '= x', False),
    ('anything', None, False),
])
def test_extra_specs_ops(value, requirement, expected):
    assert extra_specs_ops.match(value, requirement) is expected


@pytest.mark.parametrize('extra_specs, node, expected', [
    ({}, {}, True),
    # Other scopes are not this filter's business.
    ({'hw:cpu_policy': 'dedicated', 'aggregate_instance_extra_specs:x': 'y'},
     {}, True),
    ({'capabilities:hypervisor_type': 'QEMU'}, {}, True),
    ({'capabilities:hypervisor_type': 's== kvm'}, {}, False),
    ({'hypervisor_type': 'QEMU'}, {}, True),
    ({'capabilities:free_ram_mb': '>= 2048'}, {'memory_mb': 4096}, True),
    ({'capabilities:free_ram_mb': '>= 8192'}, {'memory_mb': 4096}, False),
    ({'capabilities:vcpus_total': '= 8'}, {'vcpus': 16}, True),
    # A capability the host does not have fails it, as in Nova.
    ({'capabilities:no_such_thing': '1'}, {}, False),
    ({'no_such_thing': '1'}, {}, False),
    ({'capabilities:stats:missing': '1'}, {}, False),
])
def test_compute_capabilities(extra_specs, node, expected):
    host = hs.host(**node)
    spec = hs.spec(extra_specs=extra_specs)
    host_filter = caps.ComputeCapabilitiesFilter(None)

    assert host_filter.host_passes(host, spec) is expected
    assert (host_filter.filter_all([host], spec) == [host]) is expected


@pytest.mark.parametrize('properties, node, expected', [
    ({}, {}, True),
    ({'hw_architecture': 'x86_64'}, {}, True),
    ({'hw_architecture': 'amd64'}, {}, True),
    ({'hw_architecture': 'aarch64'}, {}, False),
    ({'img_hv_type': 'qemu'}, {}, True),
    ({'img_hv_type': 'kvm'}, {}, False),
    ({'hw_vm_mode': 'hvm'}, {}, True),
    ({'hw_vm_mode': 'xen'}, {}, False),
    ({'hw_architecture': 'x86_64', 'img_hv_type': 'QEMU',
      'hw_vm_mode': 'HVM'}, {}, True),
    # Legacy property names.
    ({'architecture': 'i386'}, {'cpu_arch': 'i686'}, True),
    # A node that has not reported its arch: arch requests fail it.
    ({'hw_architecture': 'x86_64'}, {'cpu_arch': None}, False),
    ({'img_hv_type': 'qemu'}, {'cpu_arch': None}, True),
    ({'img_hv_requested_version': '>=8.0', 'img_hv_type': 'qemu'}, {},
     True),
    ({'img_hv_requested_version': '>=9.0', 'img_hv_type': 'qemu'}, {},
     False),
])
def test_image_properties(properties, node, expected):
    host = hs.host(**node)
    spec = hs.spec(image_properties=properties)
    host_filter = image_props.ImagePropertiesFilter(None)

    assert host_filter.host_passes(host, spec) is expected
    assert (host_filter.filter_all([host], spec) == [host]) is expected


@pytest.mark.parametrize('requested, aggregates, expected', [
    (None, [], True),
    ('nova', [], True),
    ('az1', [], False),
    ('az1', [{'availability_zone': 'az1'}], True),
    ('nova', [{'availability_zone': 'az1'}], False),
    ('az2', [{'availability_zone': 'az1'}, {'availability_zone': 'az2'}],
     True),
    # An aggregate without a zone leaves the host in the default zone.
    ('nova', [{'ssd': 'true'}], True),
])
def test_availability_zone(requested, aggregates, expected):
    host = hs.host(aggregates=aggregates)
    spec = hs.spec(availability_zone=requested)
    host_filter = az_filter.AvailabilityZoneFilter(None)

    assert host_filter.applies(spec) is bool(requested)
    assert host_filter.host_passes(host, spec) is expected
    assert (host_filter.filter_all([host], spec) == [host]) is expected


@pytest.mark.parametrize('extra_specs, aggregates, expected', [
    ({}, [], True),
    ({'ssd': 'true'}, [], False),
    ({'ssd': 'true'}, [{'ssd': 'true'}], True),
    ({'aggregate_instance_extra_specs:ssd': 'true'}, [{'ssd': 'true'}],
     True),
    ({'aggregate_instance_extra_specs:ssd': 'true'}, [{'ssd': 'false'}],
     False),
    # Any aggregate's value may match.
    ({'ssd': 'true'}, [{'ssd': 'false'}, {'ssd': 'true'}], True),
    ({'aggregate_instance_extra_specs:cores': '>= 4'}, [{'cores': '8'}],
     True),
    # Keys of other scopes are ignored.
    ({'capabilities:hypervisor_type': 'QEMU', 'hw:mem': '1'}, [], True),
])
def test_aggregate_instance_extra_specs(extra_specs, aggregates, expected):
    host = hs.host(aggregates=aggregates)
    spec = hs.spec(extra_specs=extra_specs)
    host_filter = agg_specs.AggregateInstanceExtraSpecsFilter(None)

    assert host_filter.host_passes(host, spec) is expected
    assert (host_filter.filter_all([host], spec) == [host]) is expected


@pytest.mark.parametrize('project, aggregates, expected', [
    ('p1', [], True),
    ('p1', [{'ssd': 'true'}], True),
    ('p1', [{'filter_tenant_id': 'p1'}], True),
    ('p2', [{'filter_tenant_id': 'p1'}], False),
    ('p2', [{'filter_tenant_id': 'p1,p2'}], True),
    ('p3', [{'filter_tenant_id': 'p1', 'filter_tenant_id2': 'p3'}], True),
    ('p3', [{'filter_tenant_id': 'p1'}, {'filter_tenant_id': 'p3'}], True),
])
def test_aggregate_multi_tenancy_isolation(project, aggregates, expected):
    host = hs.host(aggregates=aggregates)
    spec = hs.spec(project_id=project)

    assert tenancy.AggregateMultiTenancyIsolation(None).host_passes(
        host, spec) is expected


@pytest.mark.parametrize('policy, members, group_hosts, on_host, expected', [
    # No group, or a group of another policy: everything passes.
    (None, [], [], [], True),
    ('soft-affinity', [A], ['other'], [], True),
    # The first member goes anywhere; the others follow it.
    ('affinity', [A], [], [], True),
    ('affinity', [A], ['host1'], [A], True),
    ('affinity', [A], ['other'], [], False),
])
def test_server_group_affinity(policy, members, group_hosts, on_host,
                               expected):
    group = hs.group(policy, members, group_hosts) if policy else None
    host = hs.host(instances=on_host)
    spec = hs.spec(instance_group=group)
    host_filter = affinity_filter.ServerGroupAffinityFilter(None)

    assert host_filter.host_passes(host, spec) is expected
    assert (host_filter.filter_all([host], spec) == [host]) is expected


@pytest.mark.parametrize('policy, members, on_host, rules, expected', [
    (None, [A], [A], None, True),
    ('affinity', [A], [A], None, True),
    ('anti-affinity', [A, B], [], None, True),
    ('anti-affinity', [A, B], [C], None, True),
    ('anti-affinity', [A, B], [A], None, False),
    ('anti-affinity', [A, B], [A], {'max_server_per_host': '2'}, True),
    ('anti-affinity', [A, B, C], [A, B], {'max_server_per_host': '2'},
     False),
])
def test_server_group_anti_affinity(policy, members, on_host, rules,
                                    expected):
    group = hs.group(policy, members, rules=rules) if policy else None
    host = hs.host(instances=on_host)
    spec = hs.spec(instance_group=group)
    host_filter = affinity_filter.ServerGroupAntiAffinityFilter(None)

    assert host_filter.host_passes(host, spec) is expected
    assert (host_filter.filter_all([host], spec) == [host]) is expected


def test_anti_affinity_lets_an_instance_stay_on_its_own_host():
    group = hs.group('anti-affinity', [A])
    spec = hs.spec(instance_group=group, instance_uuid=A)

    assert affinity_filter.ServerGroupAntiAffinityFilter(None).host_passes(
        hs.host(instances=[A]), spec)


@pytest.mark.parametrize('hints, on_host, same, different', [
    ({}, [A], True, True),
    ({'same_host': A}, [A], True, True),
    ({'same_host': [A, B]}, [B], True, True),
    ({'same_host': A}, [B], False, True),
    ({'different_host': A}, [A], True, False),
    ({'different_host': [B, C]}, [A], True, True),
    ({'different_host': [B, C]}, [C], True, False),
    ({'same_host': A}, [], False, True),
])
def test_same_and_different_host(hints, on_host, same, different):
    host = hs.host(instances=on_host)
    spec = hs.spec(hints=hints)

    assert affinity_filter.SameHostFilter(None).host_passes(
        host, spec) is same
    assert affinity_filter.DifferentHostFilter(None).host_passes(
        host, spec) is different


@pytest.mark.parametrize('running, limit, expected', [
    (0, 1, True), (49, 50, True), (50, 50, False), (51, 50, False),
])
def test_num_instances(running, limit, expected):
    conf = hs.conf(max_instances_per_host=limit)
    host = hs.host(running_vms=running)
    host_filter = num_instances_filter.NumInstancesFilter(conf)

    assert host_filter.host_passes(host, None) is expected
    assert (host_filter.filter_all([host], None) == [host]) is expected


@pytest.mark.parametrize('building, limit, expected', [
    (0, 8, True), (7, 8, True), (8, 8, False), (0, 0, False),
])
def test_io_ops(building, limit, expected):
    conf = hs.conf(max_io_ops_per_host=limit)
    host = hs.host(io=building, instances=[A])
    host_filter = num_instances_filter.IoOpsFilter(conf)

    assert host.num_io_ops == building
    assert host_filter.host_passes(host, None) is expected
    assert (host_filter.filter_all([host], None) == [host]) is expected


def test_consume_counts_an_io_op_and_the_instance():
    host = hs.host()

    host.consume_from_request(hs.spec(), A)

    assert (host.num_io_ops, host.num_instances, host.instances) == \
        (1, 1, {A})


@pytest.mark.parametrize('query, expected', [
    (None, True),
    ('[">=", "$free_ram_mb", 1024]', True),
    ('[">=", "$free_ram_mb", 8192]', False),
    ('["and", [">=", "$free_ram_mb", 1024], [">", "$vcpus_total", 4]]',
     True),
    ('["or", ["=", "$host", "nope"], ["=", "$host", "host1"]]', True),
    ('["not", ["=", "$host", "host1"]]', False),
    ('["in", "$hypervisor_type", "QEMU", "kvm"]', True),
    ('["<", 1, 2, 3]', True),
    ('["<", 1, 3, 2]', False),
    # Missing attributes are skipped, as in Nova.
    ('["=", "$no_such", 1]', False),
    ('["bogus", 1]', False),
])
def test_json_filter(query, expected):
    host = hs.host()
    spec = hs.spec(hints={'query': query} if query else None)
    host_filter = json_filter.JsonFilter(None)

    assert host_filter.host_passes(host, spec) is expected
    assert (host_filter.filter_all([host], spec) == [host]) is expected


@pytest.mark.parametrize('host_filter', [
    caps.ComputeCapabilitiesFilter(None),
    image_props.ImagePropertiesFilter(None),
    az_filter.AvailabilityZoneFilter(None),
    agg_specs.AggregateInstanceExtraSpecsFilter(None),
    tenancy.AggregateMultiTenancyIsolation(None),
    affinity_filter.ServerGroupAffinityFilter(None),
    affinity_filter.ServerGroupAntiAffinityFilter(None),
    affinity_filter.SameHostFilter(None),
    affinity_filter.DifferentHostFilter(None),
    json_filter.JsonFilter(None),
])
def test_empty_host_list(host_filter):
    assert host_filter.filter_all([], hs.spec(
        availability_zone='az1', hints={'same_host': A})) == []
