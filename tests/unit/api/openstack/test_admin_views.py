"""Admin and account bodies by microversion: hypervisors, services,
aggregates, limits and quota sets (views and the filters they use)."""
import datetime
import types

import pytest

from minicompute import exception
from minicompute.api import validation
from minicompute.api.openstack import api_version_request as avr
from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute import hypervisors, quota_sets
from minicompute.api.openstack.compute.schemas import (
    hypervisors as hypervisor_schema,
)
from minicompute.api.openstack.compute.schemas import (
    quota_sets as quota_schema,
)
from minicompute.api.openstack.compute.schemas import services as svc_schema
from minicompute.api.openstack.compute.views import (
    aggregates,
    limits,
    services,
)
from minicompute.api.openstack.compute.views import (
    hypervisors as hypervisor_views,
)

NODE_UUID = '11111111-1111-1111-1111-111111111111'
SERVICE_UUID = '22222222-2222-2222-2222-222222222222'


def _request(version: str, path: str = '/x'):
    request = wsgi.Request.blank(path)
    request.environ['minicompute.api_version'] = avr.APIVersionRequest(
        version)
    return request


def _node(**values):
    fields = dict(id=7, uuid=NODE_UUID, host='cmp', hypervisor_hostname='cmp',
                  hypervisor_type='QEMU', hypervisor_version=8000000,
                  host_ip='10.0.0.1', vcpus=4, vcpus_used=1, memory_mb=4096,
                  memory_mb_used=512, local_gb=40, local_gb_used=1,
                  running_vms=1, reserved_host_memory_mb=512,
                  reserved_host_disk_mb=0)
    fields.update(values)
    return types.SimpleNamespace(**fields)


def _service(**values):
    fields = dict(id=3, uuid=SERVICE_UUID, host='cmp',
                  binary='minicompute-compute', disabled=False,
                  disabled_reason=None, forced_down=False,
                  last_seen_up=datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
                  updated_at=None, created_at=None)
    fields.update(values)
    return types.SimpleNamespace(**fields)


# --------------------------------------------------------------- hypervisors
@pytest.mark.parametrize('version, node_id, service_id, cpu_info', [
    ('2.1', 7, 3, '{}'),
    ('2.27', 7, 3, '{}'),
    ('2.28', 7, 3, {}),
    ('2.52', 7, 3, {}),
    ('2.53', NODE_UUID, SERVICE_UUID, {}),
])
def test_hypervisor_detail_by_version(version, node_id, service_id,
                                      cpu_info):
    body = hypervisor_views.detail(_request(version), _node(), _service(),
                                   True)
    assert body['id'] == node_id
    assert body['service'] == {'host': 'cmp', 'id': service_id,
                               'disabled_reason': None}
    assert body['cpu_info'] == cpu_info
    # Reserved memory counts as used, as Nova reports it.
    assert (body['memory_mb_used'], body['free_ram_mb']) == (1024, 3072)
    assert 'servers' not in body


@pytest.mark.parametrize('version, instances, requested, servers', [
    ('2.53', [], True, None),
    ('2.74', [], True, None),
    ('2.75', [], True, []),
    ('2.75', [], False, None),
    ('2.75', None, False, None),
    ('2.1', ['one'], False, [{'name': 'instance-00000001', 'uuid': 'u1'}]),
    ('2.75', ['one'], True, [{'name': 'instance-00000001', 'uuid': 'u1'}]),
])
def test_servers_listed_as_nova(version, instances, requested, servers):
    if instances:
        instances = [types.SimpleNamespace(name='instance-00000001',
                                           uuid='u1')]
    body = hypervisor_views.add_servers(_request(version), {}, instances,
                                        requested)
    assert body.get('servers') == servers


def test_statistics_sum_and_zero():
    assert hypervisor_views.statistics([]) == dict.fromkeys(
        ('count', 'vcpus', 'vcpus_used', 'memory_mb', 'memory_mb_used',
         'free_ram_mb', 'local_gb', 'local_gb_used', 'free_disk_gb',
         'disk_available_least', 'running_vms', 'current_workload'), 0)
    totals = hypervisor_views.statistics([_node(), _node()])
    assert (totals['count'], totals['vcpus'], totals['memory_mb_used']) == (
        2, 8, 2048)


def test_paging_by_id_or_uuid():
    nodes = [_node(id=1, uuid='a'), _node(id=2, uuid='b'),
             _node(id=3, uuid='c')]
    assert [n.id for n in hypervisors._page(nodes, 1, None)] == [1]
    assert [n.id for n in hypervisors._page(nodes, 5, '1')] == [2, 3]
    assert [n.id for n in hypervisors._page(nodes, 1, 'b')] == [3]
    assert hypervisors._page(nodes, 0, None) == []
    with pytest.raises(exception.ValidationError) as raised:
        hypervisors._page(nodes, 5, 'nope')
    assert str(raised.value) == 'marker [nope] not found'


def test_hostname_pattern_is_a_substring():
    nodes = [_node(hypervisor_hostname='cmp-1'),
             _node(hypervisor_hostname='other')]
    assert len(hypervisors._matching(nodes, 'mp-')) == 1
    with pytest.raises(exception.NotFound) as raised:
        hypervisors._matching(nodes, 'zzz')
    assert str(raised.value) == "No hypervisor matching 'zzz' could be found."


@pytest.mark.parametrize('version, query, ok', [
    ('2.33', 'limit=1&marker=x&anything=1', True),
    ('2.33', 'limit=abc', False),
    ('2.53', 'limit=1&marker=x&with_servers=yes', True),
    ('2.53', 'hypervisor_hostname_pattern=cmp-1.example_x', True),
    ('2.53', 'anything=1', False),
    ('2.53', 'marker=a&marker=b', False),
    ('2.53', 'hypervisor_hostname_pattern=%25', False),
])
def test_hypervisor_list_query(version, query, ok):
    request = _request(version, '/os-hypervisors?' + query)
    schema = request.for_version(hypervisor_schema.LIST_QUERY)
    if ok:
        validation.validate_query(request.GET, schema)
    else:
        with pytest.raises(exception.ValidationError):
            validation.validate_query(request.GET, schema)


def test_no_hypervisor_query_schema_before_2_33():
    assert _request('2.32').for_version(hypervisor_schema.LIST_QUERY) is None
    assert _request('2.52').for_version(hypervisor_schema.SHOW_QUERY) is None


# ------------------------------------------------------------------ services
@pytest.mark.parametrize('version, service_id, forced_down', [
    ('2.1', 3, None), ('2.10', 3, None), ('2.11', 3, False),
    ('2.52', 3, False), ('2.53', SERVICE_UUID, False)])
def test_service_body_by_version(version, service_id, forced_down):
    body = services.show(_request(version), _service(), 'nova', True)
    assert body['id'] == service_id
    assert body.get('forced_down') == forced_down
    assert ('forced_down' in body) == (forced_down is not None)
    assert body['updated_at'] == '2024-01-02T03:04:05.000006'
    assert (body['zone'], body['state'], body['status']) == (
        'nova', 'up', 'enabled')


@pytest.mark.parametrize('version, body, ok', [
    ('2.1', {'host': 'h', 'binary': 'b'}, True),
    ('2.10', {'host': 'h', 'binary': 'b', 'forced_down': True}, False),
    ('2.11', {'host': 'h', 'binary': 'b', 'forced_down': True}, True),
    ('2.11', {'host': 'h'}, False),
    ('2.53', {'status': 'disabled', 'disabled_reason': 'r'}, True),
    ('2.53', {}, True),
    ('2.53', {'host': 'h', 'binary': 'b'}, False),
    ('2.53', {'status': 'off'}, False),
])
def test_service_update_schema_by_version(version, body, ok):
    schema = _request(version).for_version(svc_schema.UPDATE)
    if ok:
        validation.validate(body, schema)
    else:
        with pytest.raises(exception.ValidationError):
            validation.validate(body, schema)


# ---------------------------------------------------------------- aggregates
@pytest.mark.parametrize('version, has_uuid', [('2.40', False),
                                               ('2.41', True)])
def test_aggregate_uuid_from_2_41(version, has_uuid):
    aggregate = {'id': 1, 'uuid': 'agg-uuid', 'name': 'a', 'hosts': [],
                 'metadata': {}, 'created_at': None, 'updated_at': None,
                 'deleted_at': None, 'deleted': False}
    body = aggregates.show(_request(version), aggregate, with_members=False)
    assert ('uuid' in body) == has_uuid
    assert 'hosts' not in body


# -------------------------------------------------------------------- limits
ALL_QUOTAS = {'ram': 1, 'instances': 2, 'cores': 3, 'key_pairs': 4,
              'floating_ips': -1, 'metadata_items': 5, 'injected_files': 6,
              'injected_file_content_bytes': 7, 'security_groups': -1,
              'security_group_rules': -1, 'server_groups': 8,
              'server_group_members': 9}
USAGES = {'ram': 0, 'cores': 0, 'instances': 0, 'floating_ips': 0,
          'security_groups': 0, 'server_groups': 0}
NETWORK_LIMITS = {'maxTotalFloatingIps', 'maxSecurityGroups',
                  'maxSecurityGroupRules', 'totalFloatingIpsUsed',
                  'totalSecurityGroupsUsed'}


@pytest.mark.parametrize('version, gone', [
    ('2.35', set()),
    ('2.36', NETWORK_LIMITS),
    ('2.39', NETWORK_LIMITS | {'maxImageMeta'}),
    ('2.57', NETWORK_LIMITS | {'maxImageMeta', 'maxPersonality',
                               'maxPersonalitySize'}),
])
def test_limits_by_version(version, gone):
    everything = limits.build(_request('2.1'), ALL_QUOTAS, USAGES)[
        'limits']['absolute']
    body = limits.build(_request(version), ALL_QUOTAS, USAGES)
    assert set(body['limits']['absolute']) == set(everything) - gone
    assert body['limits']['rate'] == []


# ---------------------------------------------------------------- quota sets
@pytest.mark.parametrize('version, gone', [
    ('2.35', set()),
    ('2.36', {'fixed_ips', 'floating_ips', 'security_groups',
              'security_group_rules'}),
    ('2.57', {'fixed_ips', 'floating_ips', 'security_groups',
              'security_group_rules', 'injected_files',
              'injected_file_content_bytes', 'injected_file_path_bytes'}),
])
def test_quotas_shown_by_version(version, gone):
    values = dict.fromkeys(quota_schema.quota.RESOURCES, 1)
    shown = quota_sets._shown(_request(version), values)
    assert set(shown) == set(values) - gone
    update = _request(version).for_version(quota_schema.UPDATE)
    properties = set(update['properties']['quota_set']['properties'])
    expected = (set(values) - gone) | {'force'}
    if not gone:
        expected.add('networks')    # taken, then refused, before 2.36
    assert properties == expected


@pytest.mark.parametrize('values, message', [
    ({'instances': '-1', 'cores': 5, 'force': 'true'}, None),
    ({'instances': '-2'}, 'Invalid input for field/attribute instances. '
                          'Value: -2. -2 is less than the minimum of -1'),
    ({'ram': '2147483648'}, 'Invalid input for field/attribute ram. Value: '
                            '2147483648. 2147483648 is greater than the '
                            'maximum of 2147483647'),
])
def test_string_limits_keep_the_schema_bounds(values, message):
    if message is None:
        quota_sets._check_range(values)
        return
    with pytest.raises(exception.ValidationError) as raised:
        quota_sets._check_range(values)
    assert str(raised.value) == message
