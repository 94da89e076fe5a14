"""PUT /servers/{id}: rename and access IPs at 2.1."""
import pytest

from tests.functional import client as api_client

NANO = '42'


@pytest.fixture(scope='module')
def owner(aio):
    return api_client.ApiClient(aio.endpoint, 'upd-user:upd-project')


@pytest.fixture(scope='module')
def server_id(owner, aio):
    image = api_client.ApiClient(aio.endpoint).first_image_id()
    server = owner.create_server('before', image, NANO)['server']
    yield server['id']
    owner.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(owner, server['id'])


def _put(client, server_id, body, expect):
    return client.request('PUT', '/servers/%s' % server_id, expect,
                          json=body)


def test_rename_and_access_ips_return_the_server(owner, server_id):
    body = _put(owner, server_id, {'server': {'name': 'after'}},
                200).json()['server']
    assert body['id'] == server_id
    assert body['name'] == 'after'
    # Below 2.75 Nova returns a reduced body (test_server_microversions
    # pins both forms): never the extended status fields.
    assert 'OS-EXT-STS:vm_state' not in body
    assert set(body) < set(owner.show_server(server_id))
    body = _put(owner, server_id, {'server': {
        'accessIPv4': '192.0.2.10', 'accessIPv6': '2001:db8::10'}},
        200).json()['server']
    assert (body['accessIPv4'], body['accessIPv6']) == (
        '192.0.2.10', '2001:db8::10')
    assert body['name'] == 'after'
    shown = owner.show_server(server_id)
    assert shown['name'] == 'after'
    assert shown['accessIPv4'] == '192.0.2.10'
    assert [s['name'] for s in owner.list_servers(
        query='?name=^after$')] == ['after']


@pytest.mark.parametrize('body', [
    {'server': {'name': 'x', 'flavorRef': '1'}},      # unknown field
    {'server': {'name': ''}},                         # too short
    {'server': {'name': ' padded '}},                 # whitespace
    {'server': {'name': 'x' * 256}},                  # too long
    {'server': {'name': 5}},                          # wrong type
    {'server': {'accessIPv4': 'not-an-ip'}},
    {'server': {'accessIPv6': '1.2.3.4.5'}},
    {'server': 'x'},
    {'name': 'x'},
    {'server': {}, 'extra': 1},
])
def test_bad_update_bodies_are_400(owner, server_id, body):
    fault = _put(owner, server_id, body, 400).json()
    assert fault['badRequest']['code'] == 400


def test_other_projects_cannot_rename(owner, server_id, aio):
    other = api_client.ApiClient(aio.endpoint, 'bob:other-project')
    _put(other, server_id, {'server': {'name': 'stolen'}}, 404)
    _put(other, '0' * 32, {'server': {'name': 'x'}}, 404)
    assert owner.show_server(server_id)['name'] != 'stolen'
