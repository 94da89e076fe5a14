"""The admin and account resources across microversions: os-hypervisors,
os-services, os-aggregates, /images, /limits and os-quota-sets, each at
the version before a change and at the version that makes it."""
import re

import pytest

from minicompute import compute
from minicompute.db import api as db_api
from tests.functional import client as api_client

NANO = '42'
COMPUTE = compute.BINARY
NOT_FOUND = {'itemNotFound': {'code': 404,
                              'message': 'The resource could not be found.'}}
UUID_RE = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-'
                     r'[0-9a-f]{12}$')


def _at(aio, version, token='admin:admin'):
    return api_client.at_version(aio.endpoint, version, token)


_fault = api_client.fault_message


# --------------------------------------------------------------- hypervisors
HYPERVISOR_KEYS = {'id', 'hypervisor_hostname', 'state', 'status'}
HYPERVISOR_DETAIL_KEYS = HYPERVISOR_KEYS | {
    'vcpus', 'vcpus_used', 'memory_mb', 'memory_mb_used', 'free_ram_mb',
    'local_gb', 'local_gb_used', 'free_disk_gb', 'disk_available_least',
    'hypervisor_type', 'hypervisor_version', 'host_ip', 'running_vms',
    'current_workload', 'cpu_info', 'service'}


def test_hypervisor_bodies_at_2_1_and_cpu_info_object_at_2_28(aio):
    listed = _at(aio, '2.1').get('/os-hypervisors').json()
    assert set(listed) == {'hypervisors'}
    assert all(set(h) == HYPERVISOR_KEYS and isinstance(h['id'], int)
               for h in listed['hypervisors'])
    before = _at(aio, '2.27').get('/os-hypervisors/detail').json()[
        'hypervisors']
    for hypervisor in before:
        assert set(hypervisor) == HYPERVISOR_DETAIL_KEYS
        assert set(hypervisor['service']) == {'host', 'id',
                                              'disabled_reason'}
        assert isinstance(hypervisor['service']['id'], int)
        assert hypervisor['cpu_info'] == '{}'
    after = _at(aio, '2.28').get('/os-hypervisors/%s' % before[0]['id'])
    assert after.json()['hypervisor']['cpu_info'] == {}


def test_hypervisor_paging_from_2_33(aio):
    everything = _at(aio, '2.32').get('/os-hypervisors?limit=1').json()
    assert len(everything['hypervisors']) == len(aio.compute_hosts())
    assert 'hypervisors_links' not in everything
    client = _at(aio, '2.33')
    first = client.get('/os-hypervisors?limit=1').json()
    [node] = first['hypervisors']
    assert first['hypervisors_links'] == [{
        'rel': 'next', 'href': '%s/os-hypervisors?limit=1&marker=%d' % (
            aio.endpoint, node['id'])}]
    ids = [h['id'] for h in everything['hypervisors']]
    second = client.get('/os-hypervisors/detail?limit=1&marker=%d'
                        % node['id']).json()
    assert [h['id'] for h in second['hypervisors']] == ids[1:2]
    assert second['hypervisors_links'][0]['href'].startswith(
        '%s/os-hypervisors/detail?' % aio.endpoint)
    last = client.get('/os-hypervisors?marker=%d' % ids[-1]).json()
    assert last == {'hypervisors': []}
    # Unknown parameters are still ignored at 2.33.
    client.get('/os-hypervisors?foo=bar', expect=200)
    assert _fault(client.get('/os-hypervisors?marker=nope', expect=None),
                  400) == 'marker [nope] not found'
    for limit in ('x', '-1'):
        message = _fault(client.get('/os-hypervisors?limit=%s' % limit,
                                    expect=None), 400)
        assert message.startswith(
            'Invalid input for query parameters limit. Value: %s.' % limit)


def test_hypervisor_uuids_and_query_parameters_at_2_53(aio):
    old = _at(aio, '2.52')
    assert _fault(old.get('/os-hypervisors/abc', expect=None), 404) == \
        "Hypervisor with ID 'abc' could not be found."
    old.get('/os-hypervisors/func/search', expect=200)
    old.get('/os-hypervisors/func/servers', expect=200)
    old.get('/os-hypervisors?with_servers=true&foo=1', expect=200)

    client = _at(aio, '2.53')
    listed = client.get('/os-hypervisors').json()['hypervisors']
    assert all(UUID_RE.match(h['id']) for h in listed)
    shown = client.get('/os-hypervisors/%s' % listed[0]['id']).json()[
        'hypervisor']
    assert set(shown) == HYPERVISOR_DETAIL_KEYS
    assert UUID_RE.match(shown['service']['id'])
    assert shown['cpu_info'] == {}
    int_id = old.get('/os-hypervisors').json()['hypervisors'][0]['id']
    assert _fault(client.get('/os-hypervisors/%s' % int_id, expect=None),
                  400) == 'Invalid uuid %s' % int_id
    missing = '00000000-0000-0000-0000-000000000000'
    assert _fault(client.get('/os-hypervisors/%s' % missing, expect=None),
                  404) == "Hypervisor with ID '%s' could not be found." % \
        missing
    # Paging by uuid.
    page = client.get('/os-hypervisors?limit=1').json()
    assert page['hypervisors_links'][0]['href'].endswith(
        'marker=%s' % page['hypervisors'][0]['id'])
    rest = client.get('/os-hypervisors?marker=%s' % page['hypervisors'][0][
        'id']).json()['hypervisors']
    assert [h['id'] for h in rest] == [h['id'] for h in listed[1:]]
    # The deprecated routes are gone.
    for path in ('/os-hypervisors/func/search',
                 '/os-hypervisors/func/servers'):
        assert client.get(path, expect=404).json() == NOT_FOUND
    # Name patterns.
    matched = client.get('/os-hypervisors/detail?'
                         'hypervisor_hostname_pattern=func').json()
    assert {h['hypervisor_hostname'] for h in matched['hypervisors']} == \
        set(aio.compute_hosts())
    assert 'hypervisors_links' not in matched
    assert _fault(client.get('/os-hypervisors?hypervisor_hostname_pattern='
                             'nomatch', expect=None), 404) == \
        "No hypervisor matching 'nomatch' could be found."
    for query in ('limit=1', 'marker=%s' % listed[0]['id']):
        assert _fault(client.get(
            '/os-hypervisors?hypervisor_hostname_pattern=func&' + query,
            expect=None), 400) == (
            'Paging over hypervisors with the hypervisor_hostname_pattern '
            'query parameter is not supported.')


@pytest.mark.parametrize('path, query', [
    ('/os-hypervisors', 'foo=1'),
    ('/os-hypervisors/detail', 'limit=1&limit=2'),
    ('/os-hypervisors', 'with_servers=maybe'),
    ('/os-hypervisors', 'hypervisor_hostname_pattern=a%20b'),
    ('/os-hypervisors', 'limit=-1'),
    ('/os-hypervisors/{id}', 'foo=1'),
    ('/os-hypervisors/{id}', 'with_servers=maybe'),
])
def test_hypervisor_query_is_validated_from_2_53(aio, path, query):
    client = _at(aio, '2.53')
    node = client.get('/os-hypervisors').json()['hypervisors'][0]['id']
    url = path.format(id=node) + '?' + query
    message = _fault(client.get(url, expect=None), 400)
    if query == 'foo=1':
        assert message == ("Additional properties are not allowed ('foo' "
                           "was unexpected)")
    else:
        assert message.startswith('Invalid input for query parameters ')
    # One version earlier the same query is ignored (or a 404 for the
    # integer-only show).
    old = _at(aio, '2.52')
    if path == '/os-hypervisors/{id}':
        url = path.format(id=old.get('/os-hypervisors').json()[
            'hypervisors'][0]['id']) + '?' + query
    if query != 'limit=-1':
        old.get(url, expect=200)


def test_hypervisors_with_servers_2_53_and_2_75(aio, admin, image_id):
    server = admin.create_server('hv-mv', image_id, NANO)['server']
    try:
        host = api_client.wait_for_state(
            admin, server['id'], 'ACTIVE')['OS-EXT-SRV-ATTR:host']
        for version in ('2.53', '2.74', '2.75'):
            client = _at(aio, version)
            plain = client.get('/os-hypervisors').json()['hypervisors']
            assert all('servers' not in h for h in plain)
            listed = client.get('/os-hypervisors/detail?with_servers=1'
                                ).json()['hypervisors']
            mine = [h for h in listed if h['hypervisor_hostname'] == host][0]
            assert set(mine) == HYPERVISOR_DETAIL_KEYS | {'servers'}
            assert server['id'] in [s['uuid'] for s in mine['servers']]
            assert all(re.match(r'^instance-[0-9a-f]{8}$', s['name'])
                       for s in mine['servers'])
            shown = client.get('/os-hypervisors/%s?with_servers=true' %
                               mine['id']).json()['hypervisor']
            assert server['id'] in [s['uuid'] for s in shown['servers']]
            shown = client.get('/os-hypervisors/%s?with_servers=false' %
                               mine['id']).json()['hypervisor']
            assert 'servers' not in shown
        # A hypervisor without servers: no key before 2.75, [] from 2.75.
        idle = [h['id'] for h in _at(aio, '2.74').get(
            '/os-hypervisors?with_servers=true').json()['hypervisors']
            if 'servers' not in h]
        assert idle
        listed = _at(aio, '2.75').get('/os-hypervisors?with_servers=true'
                                      ).json()['hypervisors']
        assert [h['servers'] for h in listed if h['id'] in idle] == \
            [[]] * len(idle)
    finally:
        admin.delete('/servers/%s' % server['id'], expect=204)
        api_client.wait_until_deleted(admin, server['id'])


def test_statistics_count_enabled_compute_nodes_only(aio):
    client = _at(aio, '2.53')
    stats = client.get('/os-hypervisors/statistics').json()[
        'hypervisor_statistics']
    assert stats['count'] == len(aio.compute_hosts())
    service = [s for s in client.get('/os-services?binary=%s' % COMPUTE
                                     ).json()['services']][0]
    path = '/os-services/%s' % service['id']
    client.request('PUT', path, json={'status': 'disabled'}, expect=200)
    try:
        stats = client.get('/os-hypervisors/statistics').json()[
            'hypervisor_statistics']
        assert stats['count'] == len(aio.compute_hosts()) - 1
    finally:
        client.request('PUT', path, json={'status': 'enabled'}, expect=200)


# ------------------------------------------------------------------ services
SERVICE_KEYS = {'id', 'binary', 'host', 'zone', 'status', 'state',
                'updated_at', 'disabled_reason'}


@pytest.fixture
def fake_compute():
    """A compute service row with no daemon behind it (so it is down and
    hosts nothing), deleted afterwards if a test has not."""
    row = db_api.service_create({'host': 'fake-mv-host', 'binary': COMPUTE,
                                 'topic': 'compute'})
    yield row
    try:
        db_api.service_destroy(row.id)
    except Exception:
        pass


def test_service_bodies_2_10_2_11_and_2_53(aio):
    for version, keys in (('2.10', SERVICE_KEYS),
                          ('2.11', SERVICE_KEYS | {'forced_down'}),
                          ('2.53', SERVICE_KEYS | {'forced_down'})):
        services = _at(aio, version).get('/os-services').json()['services']
        for service in services:
            assert set(service) == keys
            assert re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$',
                            service['updated_at'])
            assert service['zone'] == ('nova' if service['binary'] == COMPUTE
                                       else 'internal')
            if version == '2.53':
                assert UUID_RE.match(service['id'])
            else:
                assert isinstance(service['id'], int)


def test_force_down_from_2_11(aio, fake_compute):
    body = {'host': 'fake-mv-host', 'binary': COMPUTE}
    old = _at(aio, '2.10')
    assert _fault(old.request('PUT', '/os-services/force-down', json=body),
                  404) == 'Unknown action'
    old.request('PUT', '/os-services/force-down',
                json=dict(body, forced_down=True), expect=400)
    client = _at(aio, '2.11')
    reply = client.request('PUT', '/os-services/force-down', json=dict(
        body, forced_down=True), expect=200).json()
    assert reply == {'service': dict(body, forced_down=True)}
    listed = client.get('/os-services?host=fake-mv-host').json()['services']
    assert [(s['forced_down'], s['state']) for s in listed] == [
        (True, 'down')]
    assert _fault(client.request('PUT', '/os-services/force-down',
                                 json=body), 400) == \
        'Missing forced_down field'
    assert _fault(client.request('PUT', '/os-services/force-down', json={
        'host': 'nope', 'binary': COMPUTE, 'forced_down': False}), 404) == \
        'Could not find binary %s on host nope.' % COMPUTE
    conductor = [{'host': s['host'], 'binary': s['binary']} for s in
                 client.get('/os-services').json()['services']
                 if s['binary'] == 'minicompute-conductor'][0]
    assert _fault(client.request('PUT', '/os-services/disable',
                                 json=conductor), 400) == (
        'Updating a minicompute-conductor service is not supported. Only '
        '%s services can be updated.' % COMPUTE)
    reply = client.request('PUT', '/os-services/force-down', json=dict(
        body, forced_down='false'), expect=200).json()
    assert reply['service']['forced_down'] is False


def test_update_by_uuid_at_2_53(aio, fake_compute):
    client = _at(aio, '2.53')
    path = '/os-services/%s' % fake_compute.uuid
    reply = client.request('PUT', path, json={
        'status': 'disabled', 'disabled_reason': 'maintenance'},
        expect=200).json()['service']
    assert set(reply) == SERVICE_KEYS | {'forced_down'}
    assert (reply['id'], reply['status'], reply['disabled_reason'],
            reply['forced_down']) == (fake_compute.uuid, 'disabled',
                                      'maintenance', False)
    reply = client.request('PUT', path, json={'forced_down': True},
                           expect=200).json()['service']
    assert (reply['forced_down'], reply['state'], reply['status']) == (
        True, 'down', 'disabled')
    reply = client.request('PUT', path, json={
        'status': 'enabled', 'forced_down': False},
        expect=200).json()['service']
    assert (reply['status'], reply['disabled_reason'],
            reply['forced_down']) == ('enabled', None, False)

    assert _fault(client.request('PUT', path, json={
        'status': 'enabled', 'disabled_reason': 'x'}), 400) == \
        "Specifying 'disabled_reason' with status 'enabled' is invalid."
    for body in ({}, {'disabled_reason': 'x'}):
        assert _fault(client.request('PUT', path, json=body), 400) == (
            "No updates were requested. Fields 'status' or 'forced_down' "
            "should be specified.")
    for body in ({'status': 'off'}, {'forced_down': 'maybe'},
                 {'host': 'fake-mv-host', 'binary': COMPUTE}):
        client.request('PUT', path, json=body, expect=400)
    # The action names are not uuids any more.
    assert _fault(client.request('PUT', '/os-services/disable', json={
        'status': 'disabled'}), 400) == 'Invalid uuid disable'
    missing = '00000000-0000-0000-0000-000000000000'
    assert _fault(client.request('PUT', '/os-services/%s' % missing,
                                 json={'status': 'enabled'}), 404) == \
        'Service %s could not be found.' % missing
    conductor = [s for s in client.get('/os-services').json()['services']
                 if s['binary'] == 'minicompute-conductor'][0]
    client.request('PUT', '/os-services/%s' % conductor['id'],
                   json={'status': 'disabled'}, expect=400)
    _at(aio, '2.53', 'alice:mv-proj').request(
        'PUT', path, json={'status': 'disabled'}, expect=403)


def test_delete_by_id_then_by_uuid(aio, fake_compute):
    old = _at(aio, '2.52')
    assert _fault(old.delete('/os-services/abc'), 400) == \
        'Invalid input received: id must be an integer'
    assert _fault(old.delete('/os-services/999999'), 404) == \
        'Service 999999 not found.'
    client = _at(aio, '2.53')
    assert _fault(client.delete('/os-services/%d' % fake_compute.id),
                  400) == 'Invalid uuid %d' % fake_compute.id
    missing = '00000000-0000-0000-0000-000000000000'
    assert _fault(client.delete('/os-services/%s' % missing), 404) == \
        'Service %s not found.' % missing

    # A compute service that hosts a server cannot go.
    instance = db_api.instance_create({
        'host': 'fake-mv-host', 'node': 'fake-mv-host', 'vm_state': 'error',
        'project_id': 'mv-delete', 'user_id': 'mv', 'display_name': 'x'})
    try:
        assert _fault(client.delete('/os-services/%s' % fake_compute.uuid),
                      409) == ('Unable to delete compute service that is '
                               'hosting instances. Migrate or delete the '
                               'instances first.')
    finally:
        db_api.instance_destroy(instance.uuid)
    client.delete('/os-services/%s' % fake_compute.uuid, expect=204)
    assert 'fake-mv-host' not in [s['host'] for s in client.get(
        '/os-services').json()['services']]


def test_service_list_query_is_strict_from_2_75(aio):
    _at(aio, '2.74').get('/os-services?foo=1', expect=200)
    client = _at(aio, '2.75')
    assert _fault(client.get('/os-services?foo=1', expect=None), 400) == \
        "Additional properties are not allowed ('foo' was unexpected)"
    services = client.get('/os-services?binary=minicompute-conductor'
                          ).json()['services']
    assert {s['binary'] for s in services} == {'minicompute-conductor'}


# ------------------------------------------------------- availability zones
def test_availability_zones_are_the_same_at_every_version(aio,
                                                          fake_compute):
    db_api.service_update(fake_compute.id, {'disabled': True})
    old, new = _at(aio, '2.1'), _at(aio, '2.79')
    assert old.get('/os-availability-zone').json() == new.get(
        '/os-availability-zone').json()
    zones = {z['zoneName']: z for z in new.get(
        '/os-availability-zone/detail').json()['availabilityZoneInfo']}
    assert {z['zoneName'] for z in old.get('/os-availability-zone/detail'
                                           ).json()['availabilityZoneInfo']
            } == set(zones)
    # Nova lists the enabled services only.
    assert zones['nova']['zoneState'] == {'available': True}
    assert 'fake-mv-host' not in zones['nova']['hosts']
    assert set(zones['nova']['hosts']) == set(aio.compute_hosts())
    assert zones['internal']['zoneState'] == {'available': True}


# ---------------------------------------------------------------- aggregates
AGGREGATE_KEYS = {'id', 'name', 'availability_zone', 'created_at',
                  'updated_at', 'deleted_at', 'deleted'}


@pytest.mark.parametrize('version, extra', [('2.40', set()),
                                            ('2.41', {'uuid'})])
def test_aggregate_uuid_from_2_41(aio, version, extra):
    client = _at(aio, version)
    created = client.post('/os-aggregates', {'aggregate': {
        'name': 'agg-mv-%s' % version}}, expect=200).json()['aggregate']
    path = '/os-aggregates/%s' % created['id']
    try:
        assert set(created) == AGGREGATE_KEYS | extra
        full = AGGREGATE_KEYS | extra | {'hosts', 'metadata'}
        assert set(client.get(path).json()['aggregate']) == full
        listed = [a for a in client.get('/os-aggregates').json()[
            'aggregates'] if a['id'] == created['id']]
        assert set(listed[0]) == full
        updated = client.request('PUT', path, json={'aggregate': {
            'name': 'agg-mv-%s-2' % version}}, expect=200).json()
        assert set(updated['aggregate']) == full
        acted = client.post(path + '/action', {'set_metadata': {
            'metadata': {'k': 'v'}}}, expect=200).json()['aggregate']
        assert set(acted) == full
        if extra:
            assert UUID_RE.match(created['uuid'])
            assert acted['uuid'] == created['uuid']
    finally:
        client.delete(path, expect=200)


def test_aggregate_faults_as_nova(aio):
    client = _at(aio, '2.1')
    created = client.post('/os-aggregates', {'aggregate': {
        'name': 'agg-mv-faults'}}, expect=200).json()['aggregate']
    path = '/os-aggregates/%s' % created['id']
    host = aio.compute_hosts()[0]
    try:
        assert _fault(client.post(path + '/action', {
            'remove_host': {'host': host}}), 404) == \
            'Cannot remove host %s in aggregate %s' % (host, created['id'])
        client.post(path + '/action', {'add_host': {'host': host}},
                    expect=200)
        assert _fault(client.delete(path), 400) == (
            'Cannot remove host from aggregate %s. Reason: Host aggregate '
            'is not empty.' % created['id'])
    finally:
        client.post(path + '/action', {'remove_host': {'host': host}})
        client.delete(path, expect=200)


# -------------------------------------------------------------------- images
def test_image_proxy_is_gone_from_2_36(aio, image_id):
    old = _at(aio, '2.35')
    for path in ('/images', '/images/detail', '/images/%s' % image_id):
        old.get(path, expect=200)
    client = _at(aio, '2.36')
    for path in ('/images', '/images/detail', '/images/%s' % image_id):
        assert client.get(path, expect=404).json() == NOT_FOUND


# -------------------------------------------------------------------- limits
LIMITS_2_1 = {'maxImageMeta', 'maxPersonality', 'maxPersonalitySize',
              'maxSecurityGroupRules', 'maxSecurityGroups', 'maxServerMeta',
              'maxTotalCores', 'maxTotalFloatingIps', 'maxTotalInstances',
              'maxTotalKeypairs', 'maxTotalRAMSize', 'maxServerGroups',
              'maxServerGroupMembers', 'totalCoresUsed',
              'totalInstancesUsed', 'totalRAMUsed',
              'totalSecurityGroupsUsed', 'totalFloatingIpsUsed',
              'totalServerGroupsUsed'}
LIMITS_2_36 = LIMITS_2_1 - {'maxSecurityGroupRules', 'maxSecurityGroups',
                            'maxTotalFloatingIps', 'totalSecurityGroupsUsed',
                            'totalFloatingIpsUsed'}
LIMITS_2_39 = LIMITS_2_36 - {'maxImageMeta'}
LIMITS_2_57 = LIMITS_2_39 - {'maxPersonality', 'maxPersonalitySize'}


@pytest.mark.parametrize('version, keys', [
    ('2.1', LIMITS_2_1), ('2.35', LIMITS_2_1), ('2.36', LIMITS_2_36),
    ('2.38', LIMITS_2_36), ('2.39', LIMITS_2_39), ('2.56', LIMITS_2_39),
    ('2.57', LIMITS_2_57), ('2.79', LIMITS_2_57)])
def test_absolute_limits_by_version(aio, version, keys):
    limits = _at(aio, version, 'alice:mv-limits').get('/limits').json()
    assert limits['limits']['rate'] == []
    assert set(limits['limits']['absolute']) == keys


def test_limits_query_is_strict_from_2_75(aio):
    _at(aio, '2.74').get('/limits?foo=1', expect=200)
    assert _fault(_at(aio, '2.75').get('/limits?foo=1', expect=None),
                  400) == ("Additional properties are not allowed ('foo' "
                           "was unexpected)")
    _at(aio, '2.75').get('/limits?tenant_id=mv-limits', expect=200)


# ---------------------------------------------------------------- quota sets
QUOTAS_2_1 = {'instances', 'cores', 'ram', 'metadata_items', 'key_pairs',
              'server_groups', 'server_group_members', 'injected_files',
              'injected_file_content_bytes', 'injected_file_path_bytes',
              'fixed_ips', 'floating_ips', 'security_groups',
              'security_group_rules'}
QUOTAS_2_36 = QUOTAS_2_1 - {'fixed_ips', 'floating_ips', 'security_groups',
                            'security_group_rules'}
QUOTAS_2_57 = QUOTAS_2_36 - {'injected_files', 'injected_file_content_bytes',
                             'injected_file_path_bytes'}
PROJECT = 'mv-quotas'


@pytest.mark.parametrize('version, keys', [
    ('2.35', QUOTAS_2_1), ('2.36', QUOTAS_2_36), ('2.56', QUOTAS_2_36),
    ('2.57', QUOTAS_2_57), ('2.79', QUOTAS_2_57)])
def test_quota_set_bodies_by_version(aio, version, keys):
    client = _at(aio, version)
    base = '/os-quota-sets/%s' % PROJECT
    assert set(client.get(base).json()['quota_set']) == keys | {'id'}
    assert set(client.get(base + '/defaults').json()['quota_set']) == \
        keys | {'id'}
    detail = client.get(base + '/detail').json()['quota_set']
    assert set(detail) == keys | {'id'}
    assert detail['server_groups'] == {'limit': 10, 'in_use': 0,
                                       'reserved': 0}
    try:
        updated = client.request('PUT', base, json={'quota_set': {
            'instances': 5, 'force': True}}, expect=200).json()
        assert set(updated['quota_set']) == keys
        assert updated['quota_set']['instances'] == 5
    finally:
        client.delete(base, expect=202)


@pytest.mark.parametrize('resource, before, removed_at', [
    ('floating_ips', '2.35', '2.36'),
    ('security_group_rules', '2.35', '2.36'),
    ('injected_files', '2.56', '2.57'),
    ('injected_file_path_bytes', '2.56', '2.57'),
])
def test_quotas_leave_update_bodies(aio, resource, before, removed_at):
    base = '/os-quota-sets/%s' % PROJECT
    try:
        _at(aio, before).request('PUT', base, json={'quota_set': {
            resource: 7}}, expect=200)
        message = _fault(_at(aio, removed_at).request(
            'PUT', base, json={'quota_set': {resource: 7}}), 400)
        assert message == (
            "Invalid input for field/attribute quota_set. Value: {'%s': 7}. "
            "Additional properties are not allowed ('%s' was unexpected)"
            % (resource, resource))
    finally:
        _at(aio, '2.1').delete(base, expect=202)


def test_quota_update_faults_as_nova(aio):
    client = _at(aio, '2.1')
    base = '/os-quota-sets/%s' % PROJECT
    assert _fault(client.request('PUT', base, json={'quota_set': {
        'networks': 1}}), 400) == 'The networks quota is disabled'
    assert _fault(client.request('PUT', base, json={'quota_set': {
        'instances': '-2'}}), 400) == (
        'Invalid input for field/attribute instances. Value: -2. -2 is '
        'less than the minimum of -1')
    assert _fault(client.request('PUT', base, json={'quota_set': {
        'cores': str(2 ** 31)}}), 400) == (
        'Invalid input for field/attribute cores. Value: 2147483648. '
        '2147483648 is greater than the maximum of 2147483647')
    _at(aio, '2.36').request('PUT', base, json={'quota_set': {
        'networks': 1}}, expect=400)


def test_quota_query_is_strict_from_2_75(aio):
    base = '/os-quota-sets/%s' % PROJECT
    _at(aio, '2.74').get(base + '?foo=1', expect=200)
    client = _at(aio, '2.75')
    for path in (base, base + '/detail'):
        assert _fault(client.get(path + '?foo=1', expect=None), 400) == \
            "Additional properties are not allowed ('foo' was unexpected)"
    client.get(base + '/defaults?foo=1', expect=200)
    client.get(base + '?user_id=someone', expect=200)
