"""/flavors/{id}/os-extra_specs at 2.1: admins write, everyone reads."""
import pytest


@pytest.fixture
def flavor(admin, request):
    body = {'flavor': {'name': 'xs-%s' % request.node.name[:40],
                       'ram': 64, 'vcpus': 1, 'disk': 0}}
    created = admin.post('/flavors', body, expect=200).json()['flavor']
    yield created['id']
    admin.delete('/flavors/%s' % created['id'])


def _path(flavor_id, key=''):
    return '/flavors/%s/os-extra_specs%s' % (flavor_id,
                                             '/' + key if key else '')


def test_extra_specs_lifecycle(admin, user, flavor):
    assert admin.get(_path(flavor)).json() == {'extra_specs': {}}
    created = admin.post(_path(flavor), {'extra_specs': {
        'hw:cpu_policy': 'shared', 'quota:cpu_shares': 1024,
        'trait:X': True}}, expect=200).json()
    # Numbers and booleans come back as strings.
    assert created == {'extra_specs': {
        'hw:cpu_policy': 'shared', 'quota:cpu_shares': '1024',
        'trait:X': 'True'}}
    # POST merges.
    admin.post(_path(flavor), {'extra_specs': {'hw:cpu_policy': 'dedicated'}},
               expect=200)
    assert user.get(_path(flavor)).json()['extra_specs'] == {
        'hw:cpu_policy': 'dedicated', 'quota:cpu_shares': '1024',
        'trait:X': 'True'}
    assert user.get(_path(flavor, 'hw:cpu_policy')).json() == {
        'hw:cpu_policy': 'dedicated'}
    updated = admin.request('PUT', _path(flavor, 'hw:mem_page_size'), 200,
                            json={'hw:mem_page_size': 'large'}).json()
    assert updated == {'hw:mem_page_size': 'large'}
    response = admin.delete(_path(flavor, 'trait:X'), expect=200)
    assert not response.content
    fault = admin.get(_path(flavor, 'trait:X'), expect=404).json()
    assert fault['itemNotFound']['message'] == (
        'Flavor %s has no extra specs with key trait:X.' % flavor)
    admin.delete(_path(flavor, 'trait:X'), expect=404)
    assert sorted(admin.get(_path(flavor)).json()['extra_specs']) == [
        'hw:cpu_policy', 'hw:mem_page_size', 'quota:cpu_shares']


def test_non_admins_cannot_write(user, flavor):
    user.post(_path(flavor), {'extra_specs': {'a': 'b'}}, expect=403)
    user.request('PUT', _path(flavor, 'a'), 403, json={'a': 'b'})
    user.delete(_path(flavor, 'a'), expect=403)


def test_unknown_flavor_is_404(admin, user):
    admin.get(_path('no-such-flavor'), expect=404)
    admin.get(_path('no-such-flavor', 'a'), expect=404)
    admin.post(_path('no-such-flavor'), {'extra_specs': {'a': 'b'}},
               expect=404)
    admin.request('PUT', _path('no-such-flavor', 'a'), 404, json={'a': 'b'})
    admin.delete(_path('no-such-flavor', 'a'), expect=404)


def test_private_flavor_specs_are_hidden_from_others(admin, user):
    flavor = admin.post('/flavors', {'flavor': {
        'name': 'xs-private', 'ram': 64, 'vcpus': 1, 'disk': 0,
        'os-flavor-access:is_public': False}}, expect=200).json()['flavor']
    try:
        admin.get(_path(flavor['id']), expect=200)
        user.get(_path(flavor['id']), expect=404)
    finally:
        admin.delete('/flavors/%s' % flavor['id'], expect=202)


@pytest.mark.parametrize('method,key,body', [
    ('POST', '', {'extra_specs': {'a': 'x' * 256}}),      # value length
    ('POST', '', {'extra_specs': {'k' * 256: 'v'}}),      # key length
    ('POST', '', {'extra_specs': {'bad/key': 'v'}}),      # key characters
    ('POST', '', {'extra_specs': {'a': None}}),           # value type
    ('POST', '', {'extra_specs': {'a': ['b']}}),          # value type
    ('POST', '', {'extra_specs': 'a=b'}),                 # not an object
    ('POST', '', {'extra_specs': {}, 'extra': 1}),        # unknown field
    ('POST', '', {'specs': {'a': 'b'}}),                  # wrong envelope
    ('POST', '', {'extra_specs': {'a': 10 ** 300}}),      # number too long
    ('PUT', 'a', {'b': 'c'}),                             # URI mismatch
    ('PUT', 'a', {'a': 'b', 'c': 'd'}),                   # too many items
    ('PUT', 'a', {}),                                     # no item
    ('PUT', 'a', {'a': {'b': 'c'}}),                      # value type
])
def test_bad_bodies_are_400(admin, flavor, method, key, body):
    fault = admin.request(method, _path(flavor, key), 400, json=body).json()
    assert fault['badRequest']['code'] == 400
    assert admin.get(_path(flavor)).json() == {'extra_specs': {}}
