"""/os-keypairs across microversions: 2.2 (type, x509, 201/204), 2.10
(user_id for admins), 2.35 (paging), 2.75 (unknown query parameters).

Each test uses users of its own: key pairs belong to users, not projects.
"""
import pytest

from tests.functional import client as api_client

ED25519 = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBDEUvNNTKz0aIWHBl7T2iNN'
           'gYgxxdvhMWFvXmxODw9n test@example')
ITEM = {'name', 'public_key', 'fingerprint'}
SHOW = ITEM | {'user_id', 'id', 'created_at', 'updated_at', 'deleted',
               'deleted_at'}


@pytest.fixture
def clients(aio, request):
    """``clients(version, user='owner')``: a non-admin client of a user
    unique to this test; ``user='admin'`` gives the admin."""
    prefix = request.node.name[:30].replace('[', '-').replace(']', '')

    def make(version, user='owner'):
        token = 'admin:admin' if user == 'admin' else '%s-%s:proj-%s' % (
            user, prefix, prefix)
        return api_client.ApiClient(aio.endpoint, token, microversion=version)
    make.user_id = lambda user='owner': '%s-%s' % (user, prefix)
    return make


def _import(client, name, expect=201, **extra):
    return client.post('/os-keypairs', {'keypair': dict(
        name=name, public_key=ED25519, **extra)}, expect=expect).json()


# ---------------------------------------------------------------- 2.2

def test_2_1_has_no_type_and_keeps_200_202(clients):
    client = clients('2.1')
    created = _import(client, 'k', expect=200)['keypair']
    assert set(created) == ITEM | {'user_id'}
    assert set(client.get('/os-keypairs').json()['keypairs'][0][
        'keypair']) == ITEM
    assert set(client.get('/os-keypairs/k').json()['keypair']) == SHOW
    client.delete('/os-keypairs/k', expect=202)


def test_2_2_type_in_every_body_201_and_204(clients):
    client = clients('2.2')
    generated = client.post('/os-keypairs', {'keypair': {'name': 'gen'}},
                            expect=201).json()['keypair']
    assert set(generated) == ITEM | {'user_id', 'type', 'private_key'}
    assert generated['type'] == 'ssh'
    imported = _import(client, 'imp', type='ssh')['keypair']
    assert set(imported) == ITEM | {'user_id', 'type'}
    assert imported['fingerprint'] == \
        'dd:cd:66:3f:1b:4e:9b:c7:b3:cf:e4:0e:c9:de:9b:03'
    listed = client.get('/os-keypairs').json()
    assert set(listed) == {'keypairs'}
    assert [set(k['keypair']) for k in listed['keypairs']] == \
        [ITEM | {'type'}] * 2
    shown = client.get('/os-keypairs/imp').json()['keypair']
    assert set(shown) == SHOW | {'type'} and shown['type'] == 'ssh'
    response = client.delete('/os-keypairs/imp', expect=204)
    assert response.text == ''
    client.delete('/os-keypairs/gen', expect=204)
    client.delete('/os-keypairs/gen', expect=404)


def test_2_2_x509_generate_and_import(clients):
    client = clients('2.2')
    created = client.post('/os-keypairs', {'keypair': {
        'name': 'cert', 'type': 'x509'}}, expect=201).json()['keypair']
    assert created['type'] == 'x509'
    assert created['public_key'].startswith('-----BEGIN CERTIFICATE-----')
    assert len(created['fingerprint'].split(':')) == 20
    assert created['private_key']     # base64 PKCS#12
    imported = client.post('/os-keypairs', {'keypair': {
        'name': 'cert2', 'type': 'x509',
        'public_key': created['public_key']}}, expect=201).json()['keypair']
    assert imported['fingerprint'] == created['fingerprint']
    assert 'private_key' not in imported
    assert client.get('/os-keypairs/cert2').json()['keypair'][
        'type'] == 'x509'
    fault = client.post('/os-keypairs', {'keypair': {
        'name': 'bad', 'type': 'x509', 'public_key': ED25519}},
        expect=400).json()
    assert fault['badRequest']['message'].startswith(
        'Keypair data is invalid: failed to generate X509 fingerprint. '
        'Error message: ')
    for name in ('cert', 'cert2'):
        client.delete('/os-keypairs/%s' % name, expect=204)


@pytest.mark.parametrize('version, body', [
    ('2.1', {'name': 'k', 'type': 'ssh'}),
    ('2.2', {'name': 'k', 'type': 'rsa'}),
    ('2.2', {'name': 'k', 'user_id': 'x'}),
    ('2.9', {'name': 'k', 'user_id': 'x'}),
    ('2.10', {'name': 'k', 'user_id': 5}),
    ('2.10', {'name': 'k', 'extra': 1}),
])
def test_bodies_refused_by_version(clients, version, body):
    fault = clients(version).post('/os-keypairs', {'keypair': body},
                                  expect=400).json()
    assert fault['badRequest']['code'] == 400


# ---------------------------------------------------------------- 2.10

def test_2_10_admin_manages_another_users_keypairs(clients):
    admin, owner = clients('2.10', 'admin'), clients('2.10')
    owner_id = clients.user_id()
    created = _import(admin, 'for-owner', user_id=owner_id)['keypair']
    assert created['user_id'] == owner_id and created['type'] == 'ssh'
    generated = admin.post('/os-keypairs', {'keypair': {
        'name': 'gen-for-owner', 'user_id': owner_id}},
        expect=201).json()['keypair']
    assert generated['user_id'] == owner_id
    assert [k['keypair']['name'] for k in owner.get(
        '/os-keypairs').json()['keypairs']] == ['for-owner',
                                                 'gen-for-owner']
    query = '?user_id=%s' % owner_id
    listed = admin.get('/os-keypairs' + query).json()['keypairs']
    assert [k['keypair']['name'] for k in listed] == ['for-owner',
                                                      'gen-for-owner']
    shown = admin.get('/os-keypairs/for-owner' + query).json()['keypair']
    assert shown['user_id'] == owner_id
    # Without user_id the admin's own key pairs are meant.
    admin.get('/os-keypairs/for-owner', expect=404)
    admin.delete('/os-keypairs/for-owner' + query, expect=204)
    owner.get('/os-keypairs/for-owner', expect=404)
    # The owner may name itself.
    owner.get('/os-keypairs/gen-for-owner' + query, expect=200)
    owner.delete('/os-keypairs/gen-for-owner' + query, expect=204)


def test_2_10_non_admin_cannot_name_another_user(clients):
    owner, other = clients('2.10'), clients('2.10', 'other')
    _import(other, 'theirs')
    query = '?user_id=%s' % clients.user_id('other')
    for method, path, body in (
            ('POST', '/os-keypairs', {'keypair': {
                'name': 'x', 'public_key': ED25519,
                'user_id': clients.user_id('other')}}),
            ('GET', '/os-keypairs' + query, None),
            ('GET', '/os-keypairs/theirs' + query, None),
            ('DELETE', '/os-keypairs/theirs' + query, None)):
        action = {'POST': 'create', 'DELETE': 'delete'}.get(
            method, 'show' if 'theirs' in path else 'index')
        fault = owner.request(method, path, 403, json=body).json()
        assert fault['forbidden']['message'] == \
            "Policy doesn't allow os_compute_api:os-keypairs:%s to be " \
            "performed." % action
    other.get('/os-keypairs/theirs', expect=200)
    other.delete('/os-keypairs/theirs', expect=204)


def test_2_9_ignores_user_id_query(clients):
    owner, other = clients('2.9'), clients('2.9', 'other')
    _import(other, 'theirs')
    query = '?user_id=%s' % clients.user_id('other')
    assert owner.get('/os-keypairs' + query).json() == {'keypairs': []}
    owner.get('/os-keypairs/theirs' + query, expect=404)
    owner.delete('/os-keypairs/theirs' + query, expect=404)
    other.delete('/os-keypairs/theirs', expect=204)


# ---------------------------------------------------------------- 2.35

@pytest.fixture
def three_keys(clients):
    client = clients('2.35')
    for name in ('kc', 'ka', 'kb'):
        _import(client, name)
    yield client
    for name in ('ka', 'kb', 'kc'):
        client.delete('/os-keypairs/%s' % name, expect=204)


def _names(body):
    return [k['keypair']['name'] for k in body['keypairs']]


def test_2_35_paging_by_name(three_keys, clients):
    client = three_keys
    everything = client.get('/os-keypairs').json()
    assert _names(everything) == ['ka', 'kb', 'kc']
    assert set(everything) == {'keypairs'}
    page = client.get('/os-keypairs?limit=2').json()
    assert _names(page) == ['ka', 'kb']
    link, = page['keypairs_links']
    assert link['rel'] == 'next'
    assert link['href'].endswith('/os-keypairs?limit=2&marker=kb')
    rest = client.get('/os-keypairs?limit=2&marker=kb').json()
    assert _names(rest) == ['kc'] and 'keypairs_links' not in rest
    assert _names(client.get('/os-keypairs?marker=ka').json()) == \
        ['kb', 'kc']
    assert client.get('/os-keypairs?limit=0').json() == {'keypairs': []}
    # An admin pages another user's key pairs; the link keeps user_id.
    admin = clients('2.35', 'admin')
    page = admin.get('/os-keypairs?user_id=%s&limit=1' %
                     clients.user_id()).json()
    assert _names(page) == ['ka']
    assert 'user_id=%s' % clients.user_id() in \
        page['keypairs_links'][0]['href']


def test_2_34_ignores_limit_and_marker(three_keys, clients):
    body = clients('2.34').get('/os-keypairs?limit=1&marker=zzz').json()
    assert _names(body) == ['ka', 'kb', 'kc'] and set(body) == {'keypairs'}


@pytest.mark.parametrize('query, message', [
    ('?marker=nope', 'Marker nope could not be found.'),
    ('?limit=-1', None), ('?limit=x', None)])
def test_2_35_bad_paging_is_400(three_keys, query, message):
    fault = three_keys.get('/os-keypairs' + query, expect=400).json()
    if message:
        assert fault['badRequest']['message'] == message


# ---------------------------------------------------------------- 2.75

@pytest.mark.parametrize('path', ['/os-keypairs', '/os-keypairs/k'])
def test_2_75_unknown_query_parameters(clients, path):
    owner = clients('2.74')
    _import(owner, 'k')
    try:
        owner.get(path + '?bogus=1', expect=200)
        fault = clients('2.75').get(path + '?bogus=1', expect=400).json()
        assert fault['badRequest']['message'] == \
            "Additional properties are not allowed ('bogus' was unexpected)"
        clients('2.75').get(path + '?user_id=%s' % clients.user_id(),
                            expect=200)
        clients('2.75').delete('/os-keypairs/k?bogus=1', expect=400)
    finally:
        owner.delete('/os-keypairs/k', expect=204)


def test_2_75_show_refuses_paging_parameters(clients):
    owner = clients('2.75')
    _import(owner, 'k')
    owner.get('/os-keypairs?limit=1&marker=k', expect=200)
    owner.get('/os-keypairs/k?limit=1', expect=400)
    owner.delete('/os-keypairs/k', expect=204)


def test_2_79_bodies(clients):
    client = clients('2.79')
    created = _import(client, 'k')['keypair']
    assert set(created) == ITEM | {'user_id', 'type'}
    assert set(client.get('/os-keypairs').json()['keypairs'][0][
        'keypair']) == ITEM | {'type'}
    assert set(client.get('/os-keypairs/k').json()['keypair']) == \
        SHOW | {'type'}
    client.delete('/os-keypairs/k', expect=204)
