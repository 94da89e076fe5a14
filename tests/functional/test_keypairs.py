"""/os-keypairs through the REST API at 2.1: generate, import, list, show,
delete; per user; the key_pairs quota; key_name on server create."""
import pytest

from tests.functional import client as api_client

NANO = '42'
# An ed25519 key and the MD5 fingerprint `ssh-keygen -l -E md5` prints.
ED25519 = ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBDEUvNNTKz0aIWHBl7T2iNN'
           'gYgxxdvhMWFvXmxODw9n test@example')


@pytest.fixture
def bob(aio, request):
    """Another user in the same project as ``user``."""
    project = 'proj-%s' % request.node.name[:40]
    return api_client.ApiClient(aio.endpoint, 'bob:%s' % project)


def test_generate_show_list_delete(user):
    created = user.post('/os-keypairs', {'keypair': {'name': 'gen-1'}},
                        expect=200).json()['keypair']
    assert set(created) == {'name', 'public_key', 'fingerprint', 'user_id',
                            'private_key'}
    assert created['user_id'] == 'alice'
    assert created['public_key'].startswith('ssh-rsa ')
    assert 'PRIVATE KEY' in created['private_key']
    assert len(created['fingerprint'].split(':')) == 16

    listed = user.get('/os-keypairs').json()['keypairs']
    assert listed == [{'keypair': {
        'name': 'gen-1', 'public_key': created['public_key'],
        'fingerprint': created['fingerprint']}}]

    shown = user.get('/os-keypairs/gen-1').json()['keypair']
    assert set(shown) == {'name', 'public_key', 'fingerprint', 'user_id',
                          'id', 'created_at', 'updated_at', 'deleted',
                          'deleted_at'}
    assert shown['deleted'] is False and shown['user_id'] == 'alice'

    response = user.delete('/os-keypairs/gen-1', expect=202)
    assert response.text == ''
    user.get('/os-keypairs/gen-1', expect=404)
    user.delete('/os-keypairs/gen-1', expect=404)
    assert user.get('/os-keypairs').json()['keypairs'] == []


def test_import_public_key_has_nova_fingerprint(user):
    created = user.post('/os-keypairs', {'keypair': {
        'name': 'imported', 'public_key': ED25519}},
        expect=200).json()['keypair']
    assert 'private_key' not in created
    assert created['public_key'] == ED25519
    assert created['fingerprint'] == \
        'dd:cd:66:3f:1b:4e:9b:c7:b3:cf:e4:0e:c9:de:9b:03'
    user.delete('/os-keypairs/imported', expect=202)


@pytest.mark.parametrize('public_key', [
    'not a key', 'ssh-rsa AAAA', 'ssh-rsa !!!notbase64', ''])
def test_import_invalid_public_key_is_400(user, public_key):
    response = user.post('/os-keypairs', {'keypair': {
        'name': 'bad', 'public_key': public_key}}, expect=400)
    assert response.json()['badRequest']['message'] == \
        'Keypair data is invalid: failed to generate fingerprint'
    user.get('/os-keypairs/bad', expect=404)


@pytest.mark.parametrize('body', [
    {'keypair': {'name': 'k', 'type': 'ssh'}},
    {'keypair': {'name': 'k', 'public_key': ED25519, 'extra': 1}},
    {'keypair': {}},
    {'keypair': {'name': ''}},
    {'keypair': {'name': ' lead'}},
    {'keypair': {'name': 'k', 'public_key': 5}},
    {'keypairs': {'name': 'k'}},
])
def test_bad_bodies_are_400(user, body):
    user.post('/os-keypairs', body, expect=400)


def test_unsafe_name_is_400(user):
    response = user.post('/os-keypairs', {'keypair': {'name': 'a/b'}},
                         expect=400)
    assert response.json()['badRequest']['message'] == \
        'Keypair data is invalid: Keypair name contains unsafe characters'


def test_duplicate_name_is_409(user):
    user.post('/os-keypairs', {'keypair': {
        'name': 'dup', 'public_key': ED25519}}, expect=200)
    response = user.post('/os-keypairs', {'keypair': {'name': 'dup'}},
                         expect=409)
    assert response.json()['conflictingRequest']['message'] == \
        "Key pair 'dup' already exists."
    user.delete('/os-keypairs/dup', expect=202)


def test_keypairs_belong_to_the_user(user, bob, admin):
    user.post('/os-keypairs', {'keypair': {
        'name': 'mine', 'public_key': ED25519}}, expect=200)
    bob.get('/os-keypairs/mine', expect=404)
    bob.delete('/os-keypairs/mine', expect=404)
    assert bob.get('/os-keypairs').json()['keypairs'] == []
    admin.get('/os-keypairs/mine', expect=404)
    # Another user may reuse the name.
    bob.post('/os-keypairs', {'keypair': {
        'name': 'mine', 'public_key': ED25519}}, expect=200)
    user.delete('/os-keypairs/mine', expect=202)
    bob.get('/os-keypairs/mine', expect=200)
    bob.delete('/os-keypairs/mine', expect=202)


def test_key_pairs_quota_is_403(user, aio):
    aio.conf.set_override('key_pairs', 1, group='quota')
    try:
        user.post('/os-keypairs', {'keypair': {
            'name': 'q1', 'public_key': ED25519}}, expect=200)
        response = user.post('/os-keypairs', {'keypair': {
            'name': 'q2', 'public_key': ED25519}}, expect=403)
        assert response.json()['forbidden']['message'] == \
            'Quota exceeded, too many key pairs.'
    finally:
        aio.conf.clear_override('key_pairs', group='quota')
        user.delete('/os-keypairs/q1', expect=202)


def test_server_create_with_key_name(user, image_id):
    user.post('/os-keypairs', {'keypair': {
        'name': 'boot-key', 'public_key': ED25519}}, expect=200)
    server = user.create_server('kp', image_id, NANO,
                                key_name='boot-key')['server']
    shown = user.show_server(server['id'])
    assert shown['key_name'] == 'boot-key'
    user.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(user, server['id'])
    user.delete('/os-keypairs/boot-key', expect=202)


def test_server_create_with_unknown_key_name_is_400(user, bob, image_id):
    bob.post('/os-keypairs', {'keypair': {
        'name': 'bobs', 'public_key': ED25519}}, expect=200)
    for key_name in ('missing', 'bobs'):
        response = user.create_server('kp', image_id, NANO, expect=400,
                                      key_name=key_name)
        assert response['badRequest']['message'] == \
            'Invalid key_name provided.'
    bob.delete('/os-keypairs/bobs', expect=202)


def test_name_with_space_in_the_url(user):
    user.post('/os-keypairs', {'keypair': {
        'name': 'my key', 'public_key': ED25519}}, expect=200)
    assert user.get('/os-keypairs/my%20key').json()['keypair'][
        'name'] == 'my key'
    user.delete('/os-keypairs/my%20key', expect=202)
