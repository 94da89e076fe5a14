"""The create-server flow through the REST API: every service for real."""
import pytest

from minicompute.db import api as db_api
from minicompute.image import registry
from tests.functional import client as api_client

NANO = '42'


def test_create_reaches_active_and_delete_removes_everything(admin,
                                                             image_id, aio):
    server = admin.create_server('web', image_id, NANO)['server']
    active = api_client.wait_for_state(admin, server['id'], 'ACTIVE')
    assert active['OS-EXT-STS:vm_state'] == 'active'
    assert active['OS-EXT-STS:power_state'] == 1
    assert active['OS-EXT-STS:task_state'] is None
    assert active['OS-SRV-USG:launched_at']
    assert active['OS-EXT-SRV-ATTR:host'] in aio.compute_hosts()
    assert active['hostId']
    assert db_api.allocation_get(server['id']) is not None

    admin.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(admin, server['id'])
    fault = admin.get('/servers/%s' % server['id'], expect=404).json()
    assert fault['itemNotFound']['code'] == 404
    assert db_api.allocation_get(server['id']) is None


def test_list_and_show_are_scoped_to_the_project(admin, user, image_id):
    mine = user.create_server('mine', image_id, NANO)['server']
    api_client.wait_for_state(user, mine['id'], 'ACTIVE')
    listed = [s['id'] for s in user.list_servers(detail=False)]
    assert listed == [mine['id']]
    detail = user.list_servers()[0]
    assert detail['tenant_id'] == user.session.headers[
        'X-Auth-Token'].split(':')[1]
    # Host details are for admins only.
    assert 'OS-EXT-SRV-ATTR:host' not in detail
    other = api_client.ApiClient(user.endpoint, 'bob:another-project')
    other.get('/servers/%s' % mine['id'], expect=404)
    other.delete('/servers/%s' % mine['id'], expect=404)
    other.get('/servers?all_tenants=1', expect=403)
    everything = admin.list_servers(query='?all_tenants=1')
    assert mine['id'] in [s['id'] for s in everything]
    user.delete('/servers/%s' % mine['id'], expect=204)
    api_client.wait_until_deleted(user, mine['id'])


def test_multi_create_names_and_spreads(admin, image_id, aio):
    admin.create_server('multi', image_id, NANO, min_count=4, max_count=4)
    servers = [s for s in admin.list_servers()
               if s['name'].startswith('multi-')]
    assert sorted(s['name'] for s in servers) == [
        'multi-1', 'multi-2', 'multi-3', 'multi-4']
    hosts = set()
    for server in servers:
        active = api_client.wait_for_state(admin, server['id'], 'ACTIVE')
        hosts.add(active['OS-EXT-SRV-ATTR:host'])
    assert hosts == set(aio.compute_hosts())
    for server in servers:
        admin.delete('/servers/%s' % server['id'], expect=204)
    for server in servers:
        api_client.wait_until_deleted(admin, server['id'])


def test_no_valid_host_sets_error_with_fault(admin, user, image_id):
    flavor = admin.post('/flavors', {'flavor': {
        'name': 'huge', 'ram': 40000, 'vcpus': 1, 'disk': 1}},
        expect=200).json()['flavor']
    server = user.create_server('toobig', image_id, flavor['id'])['server']
    failed = api_client.wait_for_state(user, server['id'], 'ERROR')
    assert failed['fault']['code'] == 500
    assert failed['fault']['message'] == (
        'No valid host was found. There are not enough hosts available.')
    # Admins see which filter removed the hosts.
    details = admin.show_server(server['id'])['fault']['details']
    assert 'RamFilter: 2 -> 0' in details
    assert 'details' not in failed['fault']
    user.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(user, server['id'])


def test_spawn_failure_is_rescheduled_then_error(admin, aio, tmp_path):
    # A real failure on the real path: the image's bits no longer match
    # its checksum, so every host's image cache refuses it.
    source = tmp_path / 'corrupt.raw'
    source.write_bytes(b'\0' * 4096)
    from minicompute import context
    image = registry.create(aio.conf, context.get_admin_context(),
                            'corrupt', source_path=str(source))
    with open(image.path, 'ab') as f:
        f.write(b'tampered')
    server = admin.create_server('doomed', image.id, NANO)['server']
    failed = api_client.wait_for_state(admin, server['id'], 'ERROR')
    assert failed['fault']['message'].startswith(
        'Exceeded maximum number of retries. Exhausted all hosts available '
        'for retrying build failures')
    assert 'checksum' in failed['fault']['details'].lower() or \
        'size' in failed['fault']['details'].lower()
    assert db_api.allocation_get(server['id']) is None
    admin.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(admin, server['id'])


@pytest.mark.parametrize('body, message', [
    ({'server': {'imageRef': 'x', 'flavorRef': '42'}},
     "'name' is a required property"),
    ({'server': {'name': 'a', 'imageRef': 'x', 'flavorRef': '42',
                 'bogus': 1}}, 'Additional properties are not allowed'),
    ({'server': {'name': 'a', 'imageRef': 'x', 'flavorRef': 'nope'}},
     'Flavor nope could not be found.'),
    ({'server': {'name': 'a', 'imageRef': 'no-such-image',
                 'flavorRef': '42'}}, 'Can not find requested image'),
    ({'server': {'name': 'a', 'imageRef': 'x', 'flavorRef': '42',
                 'networks': [{'uuid': '3cb9bc59-5699-4588-a4b1-'
                                       'b87f96708bc6'}]}},
     'Network 3cb9bc59-5699-4588-a4b1-b87f96708bc6 could not be found.'),
    ({'server': {'name': 'a', 'imageRef': 'x', 'flavorRef': '42',
                 'networks': [{'uuid': 'net-1'}]}},
     'Bad networks format: network uuid is not in proper format (net-1)'),
    ({'server': {'name': 'a', 'imageRef': 'x', 'flavorRef': '42',
                 'min_count': 3, 'max_count': 2}},
     'min_count must be <= max_count'),
    ({'server': {'name': 'a', 'imageRef': 'x', 'flavorRef': '42',
                 'networks': 'sometimes'}}, 'Invalid input'),
])
def test_bad_create_requests_are_400(admin, body, message):
    response = admin.post('/servers', body, expect=400)
    assert message in response.json()['badRequest']['message']


def test_malformed_json_is_400(admin):
    response = admin.request('POST', '/servers', expect=400,
                             data='{not json',
                             headers={'Content-Type': 'application/json'})
    assert response.json()['badRequest']['code'] == 400


def test_quota_exceeded_is_403(admin, image_id, aio):
    aio.conf.set_override('instances', 1, group='quota')
    try:
        response = admin.post('/servers', {'server': {
            'name': 'q', 'imageRef': image_id, 'flavorRef': NANO,
            'networks': 'none', 'min_count': 2}}, expect=403)
        assert 'Quota exceeded for instances' in \
            response.json()['forbidden']['message']
    finally:
        aio.conf.clear_override('instances', group='quota')


def test_boot_from_image_block_device_mapping(admin, image_id):
    """What openstackclient sends: an image -> local boot device."""
    bdm = [{'uuid': image_id, 'boot_index': 0, 'source_type': 'image',
            'destination_type': 'local', 'delete_on_termination': True}]
    body = {'server': {'name': 'bdm', 'flavorRef': NANO, 'networks': [],
                       'block_device_mapping_v2': bdm, 'min_count': 1,
                       'max_count': 1}}
    server = admin.post('/servers', body, expect=202).json()['server']
    active = api_client.wait_for_state(admin, server['id'], 'ACTIVE')
    assert active['image']['id'] == image_id
    admin.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(admin, server['id'])
    volume = dict(bdm[0], source_type='volume', destination_type='volume')
    body['server']['block_device_mapping_v2'] = [volume]
    message = admin.post('/servers', body, expect=400).json()
    assert 'no volume service' in message['badRequest']['message']
    body['server'].pop('block_device_mapping_v2')
    message = admin.post('/servers', body, expect=400).json()
    assert message['badRequest']['message'] == 'Missing imageRef attribute'
