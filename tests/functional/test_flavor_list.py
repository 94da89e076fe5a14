"""GET /flavors and /flavors/detail at 2.1: minRam, minDisk, is_public,
sort_key/sort_dir and paging."""
import pytest

from tests.functional import client as api_client

PREFIX = 'fl-'


@pytest.fixture(scope='module')
def flavors(aio):
    admin = api_client.ApiClient(aio.endpoint)
    specs = [('fl-small', 128, 1), ('fl-big', 4096, 20),
             ('fl-mid', 1024, 5)]
    created = {}
    for name, ram, disk in specs:
        created[name] = admin.post('/flavors', {'flavor': {
            'name': name, 'ram': ram, 'vcpus': 1, 'disk': disk,
            'id': name}}, expect=200).json()['flavor']
    created['fl-private'] = admin.post('/flavors', {'flavor': {
        'name': 'fl-private', 'ram': 2048, 'vcpus': 1, 'disk': 10,
        'id': 'fl-private', 'os-flavor-access:is_public': False}},
        expect=200).json()['flavor']
    yield created
    for flavor in created.values():
        admin.delete('/flavors/%s' % flavor['id'], expect=202)


def _ids(client, query=''):
    flavors = client.get('/flavors/detail' + query).json()['flavors']
    return [f['id'] for f in flavors if f['id'].startswith(PREFIX)]


def test_default_sort_is_flavorid(admin, flavors):
    assert _ids(admin) == ['fl-big', 'fl-mid', 'fl-small']


def test_sort_key_and_dir(admin, flavors):
    assert _ids(admin, '?sort_key=memory_mb') == [
        'fl-small', 'fl-mid', 'fl-big']
    assert _ids(admin, '?sort_key=memory_mb&sort_dir=desc') == [
        'fl-big', 'fl-mid', 'fl-small']
    assert _ids(admin, '?sort_key=name&sort_dir=desc') == [
        'fl-small', 'fl-mid', 'fl-big']


def test_min_ram_and_min_disk(admin, user, flavors):
    assert _ids(admin, '?minRam=1024') == ['fl-big', 'fl-mid']
    assert _ids(user, '?minDisk=6') == ['fl-big']
    assert _ids(user, '?minRam=1024&minDisk=6') == ['fl-big']
    assert _ids(user, '?minRam=99999') == []


def test_is_public(admin, user, flavors):
    # Admins see public flavors by default, private ones on request.
    assert 'fl-private' not in _ids(admin)
    assert _ids(admin, '?is_public=false') == ['fl-private']
    assert _ids(admin, '?is_public=None') == [
        'fl-big', 'fl-mid', 'fl-private', 'fl-small']
    assert _ids(admin, '?is_public=true') == ['fl-big', 'fl-mid', 'fl-small']
    # Others only ever see public flavors.
    assert _ids(user, '?is_public=none') == ['fl-big', 'fl-mid', 'fl-small']
    assert _ids(user, '?is_public=false') == ['fl-big', 'fl-mid', 'fl-small']


def test_paging_follows_the_sort(admin, flavors):
    query = '?sort_key=memory_mb&minRam=128&limit=2'
    page = admin.get('/flavors' + query).json()
    ids = [f['id'] for f in page['flavors']]
    assert 'marker=%s' % ids[-1] in page['flavors_links'][0]['href']
    rest = admin.get('/flavors%s&marker=%s' % (query, ids[-1])).json()
    assert not set(ids) & {f['id'] for f in rest['flavors']}
    everything = [f['id'] for f in admin.get(
        '/flavors?sort_key=memory_mb&minRam=128').json()['flavors']]
    assert everything[:len(ids) + len(rest['flavors'])] == ids + [
        f['id'] for f in rest['flavors']]


@pytest.mark.parametrize('query', [
    '?minRam=abc', '?minDisk=1.5', '?is_public=maybe', '?sort_key=bogus',
    '?sort_dir=up', '?marker=no-such-flavor', '?limit=-1',
])
def test_bad_queries_are_400(admin, flavors, query):
    fault = admin.get('/flavors/detail' + query, expect=400).json()
    assert fault['badRequest']['code'] == 400
