"""/flavors across microversions: the 2.1 bodies, 2.55 (description, PUT),
2.61 (extra_specs), 2.75 (swap 0, unknown query parameters), and what
``openstack flavor create`` sends, negotiating its own version."""
import openstack
from oslo_policy import policy as oslo_policy
import pytest

from minicompute import policy
from tests.functional import client as api_client

BASIC = {'id', 'name', 'links'}
DETAIL = BASIC | {'ram', 'vcpus', 'disk', 'OS-FLV-EXT-DATA:ephemeral',
                  'OS-FLV-DISABLED:disabled', 'swap', 'rxtx_factor',
                  'os-flavor-access:is_public'}
PREFIX = 'mv-'


@pytest.fixture
def clients(aio):
    def make(version, token='admin:admin'):
        return api_client.ApiClient(aio.endpoint, token, microversion=version)
    return make


@pytest.fixture(scope='module')
def flavor(aio):
    """A flavor with a description, extra specs and no swap."""
    admin = api_client.ApiClient(aio.endpoint, microversion='2.55')
    admin.post('/flavors', {'flavor': {
        'name': PREFIX + 'described', 'ram': 128, 'vcpus': 1, 'disk': 1,
        'id': PREFIX + 'described', 'description': 'for tests'}},
        expect=200)
    admin.post('/flavors/%sdescribed/os-extra_specs' % PREFIX,
               {'extra_specs': {'hw:cpu_policy': 'shared'}}, expect=200)
    yield PREFIX + 'described'
    admin.delete('/flavors/%sdescribed' % PREFIX, expect=202)


def _bodies(client, flavor_id):
    """(list item, detail item, show body) of ``flavor_id``."""
    def find(path):
        return next(f for f in client.get(path).json()['flavors']
                    if f['id'] == flavor_id)
    return (find('/flavors'), find('/flavors/detail'),
            client.get('/flavors/%s' % flavor_id).json()['flavor'])


def test_2_1_bodies_match_nova(clients, flavor):
    listed, detail, shown = _bodies(clients('2.1'), flavor)
    assert set(listed) == BASIC
    assert set(detail) == DETAIL and set(shown) == DETAIL
    assert shown['swap'] == '' and shown['rxtx_factor'] == 1.0
    assert shown['OS-FLV-DISABLED:disabled'] is False
    assert shown['OS-FLV-EXT-DATA:ephemeral'] == 0
    assert shown['os-flavor-access:is_public'] is True
    assert [link['rel'] for link in shown['links']] == ['self', 'bookmark']
    assert shown['links'][0]['href'].endswith('/v2.1/flavors/' + flavor)


@pytest.mark.parametrize('version, extra_list, extra_detail', [
    ('2.54', set(), set()),
    ('2.55', {'description'}, {'description'}),
    ('2.60', {'description'}, {'description'}),
    ('2.61', {'description'}, {'description', 'extra_specs'}),
    ('2.79', {'description'}, {'description', 'extra_specs'}),
])
def test_bodies_by_version(clients, flavor, version, extra_list,
                           extra_detail):
    for token in ('admin:admin', 'bob:proj-bodies'):
        listed, detail, shown = _bodies(clients(version, token), flavor)
        assert set(listed) == BASIC | extra_list
        assert set(detail) == DETAIL | extra_detail
        assert set(shown) == DETAIL | extra_detail
        if 'description' in extra_list:
            assert listed['description'] == shown['description'] == \
                'for tests'
        if 'extra_specs' in extra_detail:
            assert shown['extra_specs'] == detail['extra_specs'] == {
                'hw:cpu_policy': 'shared'}


def test_2_61_extra_specs_follow_their_policy(clients, flavor):
    enforcer = policy.get_enforcer()
    enforcer.load_rules()
    enforcer.set_rules(oslo_policy.Rules.from_dict({
        'os_compute_api:os-flavor-extra-specs:index': '!'}),
        overwrite=False, use_conf=False)
    try:
        listed, detail, shown = _bodies(clients('2.61'), flavor)
        assert set(detail) == set(shown) == DETAIL | {'description'}
    finally:
        policy.reset()
    assert 'extra_specs' in _bodies(clients('2.61'), flavor)[2]


@pytest.mark.parametrize('version, swap', [('2.74', ''), ('2.75', 0)])
def test_2_75_swap_is_an_integer(clients, flavor, version, swap):
    _, detail, shown = _bodies(clients(version), flavor)
    assert detail['swap'] == shown['swap'] == swap
    assert type(shown['swap']) is type(swap)


def test_swap_in_mb_is_shown_at_every_version(clients):
    admin = clients('2.1')
    admin.post('/flavors', {'flavor': {
        'name': PREFIX + 'swap', 'ram': 64, 'vcpus': 1, 'disk': 0,
        'swap': 512, 'id': PREFIX + 'swap'}}, expect=200)
    try:
        for version in ('2.1', '2.75'):
            assert clients(version).get('/flavors/%sswap' % PREFIX).json()[
                'flavor']['swap'] == 512
    finally:
        admin.delete('/flavors/%sswap' % PREFIX, expect=202)


# ------------------------------------------------------------ create

@pytest.mark.parametrize('version, extra', [
    ('2.1', set()), ('2.55', {'description'}),
    ('2.61', {'description', 'extra_specs'}),
    ('2.75', {'description', 'extra_specs'})])
def test_create_bodies(clients, version, extra):
    flavor_id = PREFIX + 'create-' + version
    body = {'name': flavor_id, 'ram': 64, 'vcpus': 1, 'disk': 0,
            'id': flavor_id}
    if 'description' in extra:
        body['description'] = 'made at ' + version
    created = clients(version).post('/flavors', {'flavor': body},
                                    expect=200).json()['flavor']
    try:
        assert set(created) == DETAIL | extra
        if 'description' in extra:
            assert created['description'] == 'made at ' + version
        if 'extra_specs' in extra:
            assert created['extra_specs'] == {}
        assert created['swap'] == (0 if version == '2.75' else '')
    finally:
        clients(version).delete('/flavors/' + flavor_id, expect=202)


def test_create_without_description_at_2_55_shows_null(clients):
    created = clients('2.55').post('/flavors', {'flavor': {
        'name': PREFIX + 'nodesc', 'ram': 64, 'vcpus': 1, 'disk': 0,
        'id': PREFIX + 'nodesc'}}, expect=200).json()['flavor']
    try:
        assert created['description'] is None
    finally:
        clients('2.55').delete('/flavors/%snodesc' % PREFIX, expect=202)


def test_create_with_a_numeric_id(clients):
    created = clients('2.1').post('/flavors', {'flavor': {
        'name': PREFIX + 'numeric', 'ram': 64, 'vcpus': 1, 'disk': 0,
        'id': 98765}}, expect=200).json()['flavor']
    try:
        assert created['id'] == '98765'
    finally:
        clients('2.1').delete('/flavors/98765', expect=202)


@pytest.mark.parametrize('version, extra', [
    ('2.54', {'description': 'too early'}),
    ('2.55', {'description': 'x' * 65536}),
    ('2.55', {'description': 'bell\u0007'}),
    ('2.55', {'description': 'zero\u200bwidth'}),
    ('2.55', {'description': 'line\u2028separator'}),
    ('2.55', {'description': 5}),
    ('2.61', {'extra_specs': {}}),
])
def test_create_refuses_by_version(clients, version, extra):
    body = dict({'name': PREFIX + 'refused', 'ram': 64, 'vcpus': 1,
                 'disk': 0}, **extra)
    clients(version).post('/flavors', {'flavor': body}, expect=400)
    clients('2.1').get('/flavors/%srefused' % PREFIX, expect=404)


# ------------------------------------------------------------ update

def test_2_55_update_description(clients, flavor):
    admin = clients('2.55')
    path = '/flavors/' + flavor
    try:
        updated = admin.request('PUT', path, 200, json={
            'flavor': {'description': 'changed'}}).json()['flavor']
        assert set(updated) == DETAIL | {'description'}
        assert updated['description'] == 'changed'
        assert admin.get(path).json()['flavor']['description'] == 'changed'
        unicode = admin.request('PUT', path, 200, json={
            'flavor': {'description': 'caf\u00e9 \u2603 x' * 2}}).json()
        assert unicode['flavor']['description'] == 'caf\u00e9 \u2603 x' * 2
        cleared = admin.request('PUT', path, 200, json={
            'flavor': {'description': None}}).json()['flavor']
        assert cleared['description'] is None
        at_261 = clients('2.61').request('PUT', path, 200, json={
            'flavor': {'description': ''}}).json()['flavor']
        assert set(at_261) == DETAIL | {'description', 'extra_specs'}
        assert at_261['description'] == ''
        assert clients('2.75').request('PUT', path, 200, json={
            'flavor': {'description': 'x'}}).json()['flavor']['swap'] == 0
    finally:
        admin.request('PUT', path, 200, json={
            'flavor': {'description': 'for tests'}})


def test_update_before_2_55_is_404(clients, flavor):
    fault = clients('2.54').request('PUT', '/flavors/' + flavor, 404, json={
        'flavor': {'description': 'x'}}).json()
    assert fault['itemNotFound']['message'] == \
        'The resource could not be found.'


@pytest.mark.parametrize('body', [
    {}, {'flavor': {}}, {'flavor': {'name': 'x'}},
    {'flavor': {'description': 'x', 'name': 'x'}},
    {'flavor': {'description': 'x' * 65536}}, {'description': 'x'},
    {'flavor': {'description': 'new\nline'}},
    {'flavor': {'description': 'tab\there'}},
    {'flavor': {'description': 'private\ue000use'}}])
def test_update_bad_bodies_are_400(clients, flavor, body):
    clients('2.55').request('PUT', '/flavors/' + flavor, 400, json=body)


def test_update_policy_and_not_found(clients, flavor):
    fault = clients('2.55', 'bob:proj-upd').request(
        'PUT', '/flavors/' + flavor, 403,
        json={'flavor': {'description': 'x'}}).json()
    assert fault['forbidden']['message'] == \
        "Policy doesn't allow os_compute_api:os-flavor-manage:update to " \
        "be performed."
    fault = clients('2.55').request('PUT', '/flavors/nope', 404, json={
        'flavor': {'description': 'x'}}).json()
    assert fault['itemNotFound']['message'] == \
        'Flavor nope could not be found.'


# ------------------------------------------------------------ queries

@pytest.mark.parametrize('path', ['/flavors', '/flavors/detail'])
def test_2_75_unknown_list_parameters_are_400(clients, flavor, path):
    clients('2.74').get(path + '?bogus=1', expect=200)
    fault = clients('2.75').get(path + '?bogus=1', expect=400).json()
    assert fault['badRequest']['message'] == \
        "Additional properties are not allowed ('bogus' was unexpected)"
    clients('2.75').get(
        path + '?limit=5&marker=%s&is_public=true&minRam=1&minDisk=0&'
        'sort_key=name&sort_dir=asc' % flavor, expect=200)
    # show keeps ignoring them, as in Nova.
    clients('2.75').get('/flavors/%s?bogus=1' % flavor, expect=200)


def test_bad_marker_message(clients):
    fault = clients('2.1').get('/flavors?marker=nope', expect=400).json()
    assert fault['badRequest']['message'] == 'marker [nope] not found'


# ------------------------------------------------------------ the SDK

def test_openstack_flavor_create_calls(aio, clients):
    """What ``openstack flavor create --description --property --private``
    and ``flavor set --description`` send, through openstacksdk (the CLI
    itself insists on an identity v3 service, which noauth2 lacks), each
    call negotiating its microversion with minicompute."""
    conn = openstack.connect(
        auth_type='admin_token', token='admin:admin',
        endpoint=aio.endpoint, compute_endpoint_override=aio.endpoint)
    name = PREFIX + 'sdk'
    flavor = conn.compute.create_flavor(
        name=name, ram=256, vcpus=2, disk=1, id=None, ephemeral=0, swap=64,
        is_public=False, description='from the sdk')
    try:
        assert flavor.name == name and flavor.description == 'from the sdk'
        flavor = conn.compute.create_flavor_extra_specs(
            flavor, {'hw:cpu_policy': 'shared'})
        conn.compute.update_flavor(flavor=flavor.id, description='changed')
        fetched = conn.compute.get_flavor(flavor.id)
        assert fetched.description == 'changed'
        assert fetched.extra_specs == {'hw:cpu_policy': 'shared'}
        assert fetched.swap == 64 and fetched.is_public is False
        shown = clients('2.75').get('/flavors/%s' % flavor.id).json()[
            'flavor']
        assert shown['swap'] == 64 and shown['vcpus'] == 2
    finally:
        conn.compute.delete_flavor(flavor.id)
