"""/servers/{id}/metadata through the REST API, with Nova's 2.1
semantics: POST merges, PUT replaces, PUT /{key} sets one item."""
import pytest

from tests.functional import client as api_client

NANO = '42'


@pytest.fixture(scope='module')
def owner(aio):
    return api_client.ApiClient(aio.endpoint, 'meta-user:meta-project')


@pytest.fixture(scope='module')
def server_id(owner, aio):
    image = api_client.ApiClient(aio.endpoint).first_image_id()
    server = owner.create_server('meta', image, NANO,
                                 metadata={'a': '1'})['server']
    api_client.wait_for_state(owner, server['id'], 'ACTIVE')
    yield server['id']
    owner.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(owner, server['id'])


def _put(client, path, body, expect):
    return client.request('PUT', path, expect, json=body)


def test_metadata_merge_replace_and_items(owner, server_id):
    path = '/servers/%s/metadata' % server_id
    _put(owner, path, {'metadata': {'a': '1'}}, 200)
    assert owner.get(path).json() == {'metadata': {'a': '1'}}
    merged = owner.post(path, {'metadata': {'b': '2', 'a': 'x'}},
                        expect=200).json()
    assert merged == {'metadata': {'a': 'x', 'b': '2'}}
    replaced = _put(owner, path, {'metadata': {'c': '3'}}, 200).json()
    assert replaced == {'metadata': {'c': '3'}}
    assert owner.show_server(server_id)['metadata'] == {'c': '3'}

    item = _put(owner, path + '/d', {'meta': {'d': '4'}}, 200).json()
    assert item == {'meta': {'d': '4'}}
    assert owner.get(path + '/d').json() == {'meta': {'d': '4'}}
    owner.delete(path + '/d', expect=204)
    owner.get(path + '/d', expect=404)
    fault = owner.delete(path + '/d', expect=404).json()
    assert fault['itemNotFound']['message'] == 'Metadata item was not found'
    # A key with the characters Nova allows, spaces included.
    _put(owner, path + '/my%20key:x.y', {'meta': {'my key:x.y': 'v'}}, 200)
    assert owner.get(path + '/my%20key:x.y').json() == {
        'meta': {'my key:x.y': 'v'}}
    _put(owner, path, {'metadata': {}}, 200)
    assert owner.get(path).json() == {'metadata': {}}


@pytest.mark.parametrize('method,suffix,body', [
    ('POST', '', {'metadata': {'a': 1}}),                 # value type
    ('POST', '', {'metadata': {'a': 'x' * 256}}),         # value length
    ('POST', '', {'metadata': {'k' * 256: 'v'}}),         # key length
    ('POST', '', {'metadata': {'bad/key': 'v'}}),         # key characters
    ('POST', '', {'metadata': {'a': '1'}, 'extra': 1}),   # unknown field
    ('POST', '', {'meta': {'a': '1'}}),                   # wrong envelope
    ('PUT', '', {'metadata': ['a']}),                     # not an object
    ('PUT', '', {}),                                      # missing
    ('PUT', '/a', {'meta': {'b': '1'}}),                  # URI mismatch
    ('PUT', '/a', {'meta': {'a': '1', 'b': '2'}}),        # too many items
    ('PUT', '/a', {'meta': {}}),                          # no item
    ('PUT', '/a', {'metadata': {'a': '1'}}),              # wrong envelope
])
def test_bad_metadata_bodies_are_400(owner, server_id, method, suffix, body):
    path = '/servers/%s/metadata%s' % (server_id, suffix)
    response = owner.request(method, path, 400, json=body)
    assert response.json()['badRequest']['code'] == 400


def test_metadata_quota_is_403(owner, server_id, aio):
    path = '/servers/%s/metadata' % server_id
    limit = aio.conf.quota.metadata_items
    too_many = {'k%d' % i: 'v' for i in range(limit + 1)}
    fault = owner.post(path, {'metadata': too_many}, expect=403).json()
    assert 'Quota exceeded for metadata_items' in \
        fault['forbidden']['message']
    _put(owner, path, {'metadata': too_many}, 403)


def test_other_projects_get_404_and_admin_may(owner, server_id, aio):
    path = '/servers/%s/metadata' % server_id
    other = api_client.ApiClient(aio.endpoint, 'bob:other-project')
    other.get(path, expect=404)
    other.get(path + '/a', expect=404)
    other.post(path, {'metadata': {'x': 'y'}}, expect=404)
    _put(other, path, {'metadata': {'x': 'y'}}, 404)
    _put(other, path + '/x', {'meta': {'x': 'y'}}, 404)
    other.delete(path + '/a', expect=404)
    admin = api_client.ApiClient(aio.endpoint)
    admin.post(path, {'metadata': {'by-admin': 'yes'}}, expect=200)
    assert owner.get(path + '/by-admin').json() == {
        'meta': {'by-admin': 'yes'}}


def test_unknown_server_is_404(owner):
    owner.get('/servers/%s/metadata' % ('0' * 32), expect=404)


def test_locked_server_refuses_metadata_changes(owner, server_id, aio):
    path = '/servers/%s/metadata' % server_id
    action = '/servers/%s/action' % server_id
    admin = api_client.ApiClient(aio.endpoint)
    admin.post(action, {'lock': None}, expect=202)
    try:
        owner.post(path, {'metadata': {'x': 'y'}}, expect=409)
        owner.get(path, expect=200)
    finally:
        admin.post(action, {'unlock': None}, expect=202)
    owner.post(path, {'metadata': {'x': 'y'}}, expect=200)


def test_building_server_refuses_metadata_changes(owner, aio):
    # A flavor no host can fit leaves the server in ERROR (not a state
    # that takes metadata changes): 409, as Nova answers.
    admin = api_client.ApiClient(aio.endpoint)
    flavor = admin.post('/flavors', {'flavor': {
        'name': 'meta-huge', 'ram': 50000, 'vcpus': 1, 'disk': 1}},
        expect=200).json()['flavor']
    image = admin.first_image_id()
    server = owner.create_server('meta-err', image, flavor['id'])['server']
    try:
        api_client.wait_for_state(owner, server['id'], 'ERROR')
        owner.post('/servers/%s/metadata' % server['id'],
                   {'metadata': {'x': 'y'}}, expect=409)
    finally:
        owner.delete('/servers/%s' % server['id'], expect=204)
        admin.delete('/flavors/%s' % flavor['id'], expect=202)
