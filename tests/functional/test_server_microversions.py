"""Server bodies through the REST API at 2.1, 2.47 and 2.79, and the 2.78
topology sub-resource, checked key by key against Nova's API samples
(doc/api_samples/servers/v2.47 and v2.73 server-get-resp.json; nothing
changes GET /servers/{id} between 2.73 and 2.79)."""
import pytest

from tests.functional import client as api_client

NANO = '42'

# Nova's v2.73 server-get-resp.json, an admin's view.
NOVA_273_ADMIN = {
    'OS-DCF:diskConfig', 'OS-EXT-AZ:availability_zone',
    'OS-EXT-SRV-ATTR:host', 'OS-EXT-SRV-ATTR:hostname',
    'OS-EXT-SRV-ATTR:hypervisor_hostname', 'OS-EXT-SRV-ATTR:instance_name',
    'OS-EXT-SRV-ATTR:kernel_id', 'OS-EXT-SRV-ATTR:launch_index',
    'OS-EXT-SRV-ATTR:ramdisk_id', 'OS-EXT-SRV-ATTR:reservation_id',
    'OS-EXT-SRV-ATTR:root_device_name', 'OS-EXT-SRV-ATTR:user_data',
    'OS-EXT-STS:power_state', 'OS-EXT-STS:task_state', 'OS-EXT-STS:vm_state',
    'OS-SRV-USG:launched_at', 'OS-SRV-USG:terminated_at', 'accessIPv4',
    'accessIPv6', 'addresses', 'config_drive', 'created', 'description',
    'flavor', 'hostId', 'host_status', 'id', 'image', 'key_name', 'links',
    'locked', 'locked_reason', 'metadata', 'name',
    'os-extended-volumes:volumes_attached', 'progress', 'security_groups',
    'server_groups', 'status', 'tags', 'tenant_id',
    'trusted_image_certificates', 'updated', 'user_id'}
# Nova's v2.47 server-get-resp.json, an admin's view.
NOVA_247_ADMIN = NOVA_273_ADMIN - {'locked_reason', 'server_groups',
                                   'trusted_image_certificates'}
ADMIN_ONLY = {key for key in NOVA_273_ADMIN
              if key.startswith('OS-EXT-SRV-ATTR:')} | {'host_status'}
# The 2.1 body: no 2.3 attributes, no later fields.
NOVA_21_ADMIN = (NOVA_247_ADMIN - {
    'OS-EXT-SRV-ATTR:hostname', 'OS-EXT-SRV-ATTR:kernel_id',
    'OS-EXT-SRV-ATTR:launch_index', 'OS-EXT-SRV-ATTR:ramdisk_id',
    'OS-EXT-SRV-ATTR:reservation_id', 'OS-EXT-SRV-ATTR:root_device_name',
    'OS-EXT-SRV-ATTR:user_data', 'host_status', 'locked', 'description',
    'tags'})
EMBEDDED_FLAVOR = {'original_name', 'vcpus', 'ram', 'disk', 'ephemeral',
                   'swap', 'extra_specs'}
# PUT /servers/{id} below 2.75: Nova's v2.71 server-update-resp.json.
NOVA_271_UPDATE = {
    'OS-DCF:diskConfig', 'accessIPv4', 'accessIPv6', 'addresses', 'created',
    'description', 'flavor', 'hostId', 'id', 'image', 'links', 'locked',
    'metadata', 'name', 'progress', 'server_groups', 'status', 'tags',
    'tenant_id', 'trusted_image_certificates', 'updated', 'user_id'}


def _client(client, version):
    return api_client.ApiClient(client.endpoint,
                                client.session.headers['X-Auth-Token'],
                                microversion=version)


@pytest.fixture(scope='module')
def booted(aio):
    """One ACTIVE server with a NIC, owned by a member of its own project."""
    owner = api_client.ApiClient(aio.endpoint, 'alice:proj-mv')
    image_id = owner.first_image_id()
    server = owner.create_server('mv', image_id, NANO,
                                 networks='auto')['server']
    api_client.wait_for_state(owner, server['id'], 'ACTIVE')
    yield owner, server['id'], image_id
    owner.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(owner, server['id'])


@pytest.mark.parametrize('version, admin_keys', [
    ('2.1', NOVA_21_ADMIN), ('2.47', NOVA_247_ADMIN),
    ('2.79', NOVA_273_ADMIN)])
def test_show_detail_and_list_keys(booted, admin, version, admin_keys):
    owner, server_id, _image = booted
    as_admin = _client(admin, version)
    as_owner = _client(owner, version)
    shown = as_admin.show_server(server_id)
    assert set(shown) == admin_keys
    assert set(as_owner.show_server(server_id)) == admin_keys - ADMIN_ONLY
    in_list = admin_keys - {'server_groups'}
    (detail,) = as_owner.list_servers()
    assert set(detail) == in_list - ADMIN_ONLY
    admin_detail = [s for s in as_admin.list_servers(
        query='?all_tenants=1') if s['id'] == server_id]
    assert set(admin_detail[0]) == in_list
    (basic,) = as_owner.list_servers(detail=False)
    assert set(basic) == {'id', 'name', 'links'}


def test_values_at_2_79(booted, admin):
    owner, server_id, _image = booted
    shown = _client(admin, '2.79').show_server(server_id)
    assert set(shown['flavor']) == EMBEDDED_FLAVOR
    assert shown['flavor']['original_name'] == 'm1.nano'
    assert isinstance(shown['flavor']['swap'], int)
    assert shown['host_status'] == 'UP'
    assert shown['locked'] is False
    assert shown['locked_reason'] is None
    # Created at 2.1, where Nova sets the description to the name.
    assert shown['description'] == 'mv'
    assert shown['tags'] == []
    assert shown['server_groups'] == []
    assert shown['trusted_image_certificates'] is None
    assert shown['os-extended-volumes:volumes_attached'] == []
    assert isinstance(shown['OS-EXT-SRV-ATTR:launch_index'], int)


def test_update_response_reduced_then_full(booted, admin):
    owner, server_id, _image = booted
    body = {'server': {'name': 'mv'}}
    reduced = _client(owner, '2.74').request(
        'PUT', '/servers/%s' % server_id, expect=200,
        json=body).json()['server']
    assert set(reduced) == NOVA_271_UPDATE | {'locked_reason'}
    as_admin = _client(admin, '2.75')
    full = as_admin.request('PUT', '/servers/%s' % server_id, expect=200,
                            json=body).json()['server']
    assert set(full) == NOVA_273_ADMIN


@pytest.mark.parametrize('version, expected', [
    # Nova's v2.73 server-action-rebuild-resp.json.
    ('2.74', NOVA_271_UPDATE | {'locked_reason', 'key_name', 'user_data',
                                'adminPass'}),
    # Nova's v2.75 server-action-rebuild-resp.json: the show body with
    # user_data at the top level.
    ('2.75', NOVA_273_ADMIN - {'OS-EXT-SRV-ATTR:user_data'} |
     {'user_data', 'adminPass'}),
])
def test_rebuild_response(booted, admin, version, expected):
    owner, server_id, image_id = booted
    rebuilt = _client(admin, version).post(
        '/servers/%s/action' % server_id,
        {'rebuild': {'imageRef': image_id}}, expect=202).json()['server']
    api_client.wait_for_state(owner, server_id, 'ACTIVE')
    assert set(rebuilt) == expected


def test_topology_appears_at_2_78(booted, admin):
    owner, server_id, _image = booted
    path = '/servers/%s/topology' % server_id
    fault = _client(owner, '2.77').get(path, expect=404).json()
    assert fault == {'itemNotFound': {
        'code': 404, 'message': 'The resource could not be found.'}}
    expected = {'nodes': [], 'pagesize_kb': None}
    assert _client(owner, '2.78').get(path).json() == expected
    assert _client(admin, '2.79').get(path).json() == expected
    stranger = api_client.ApiClient(owner.endpoint, 'bob:other',
                                    microversion='2.78')
    stranger.get(path, expect=404)
    _client(owner, '2.78').get('/servers/%s/topology' % ('0' * 32),
                               expect=404)
