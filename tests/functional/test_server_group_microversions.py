"""/os-server-groups across microversions through the REST API: 2.13
project_id/user_id, 2.15 soft policies, 2.64 policy + rules (and the
scheduler honouring max_server_per_host on the two computes of the
session), 2.75 strict list query, quotas."""
import contextlib

import pytest

from tests.functional import client as api_client

NANO = '42'
KEYS_21 = {'id', 'name', 'policies', 'members', 'metadata'}
KEYS_213 = KEYS_21 | {'project_id', 'user_id'}
KEYS_264 = {'id', 'name', 'policy', 'rules', 'members', 'project_id',
            'user_id'}


def _client(client, version):
    return api_client.ApiClient(client.endpoint,
                                client.session.headers['X-Auth-Token'],
                                microversion=version)


def _post(client, group, expect=200):
    return client.post('/os-server-groups', {'server_group': group},
                       expect=expect).json()


def _delete_servers(client, server_ids):
    for server_id in server_ids:
        client.delete('/servers/%s' % server_id, expect=204)
    for server_id in server_ids:
        api_client.wait_until_deleted(client, server_id)


@contextlib.contextmanager
def _zone_of(admin, host, zone):
    """``host`` alone in availability zone ``zone`` for the block."""
    aggregate = admin.post('/os-aggregates', {'aggregate': {
        'name': 'agg-%s' % zone, 'availability_zone': zone}},
        expect=200).json()['aggregate']
    path = '/os-aggregates/%s' % aggregate['id']
    admin.post(path + '/action', {'add_host': {'host': host}}, expect=200)
    try:
        yield
    finally:
        admin.post(path + '/action', {'remove_host': {'host': host}},
                   expect=200)
        admin.delete(path, expect=200)


@pytest.mark.parametrize('version, keys', [
    ('2.1', KEYS_21), ('2.12', KEYS_21), ('2.13', KEYS_213),
    ('2.63', KEYS_213)])
def test_bodies_before_2_64(user, version, keys):
    client = _client(user, version)
    group = _post(client, {'name': 'g', 'policies': ['affinity']})[
        'server_group']
    assert set(group) == keys
    assert (group['policies'], group['metadata'], group['members']) == (
        ['affinity'], {}, [])
    path = '/os-server-groups/%s' % group['id']
    assert client.get(path).json() == {'server_group': group}
    assert client.get('/os-server-groups').json() == {
        'server_groups': [group]}
    client.delete(path, expect=204)


def test_bodies_from_2_64(user):
    client = _client(user, '2.64')
    group = _post(client, {'name': 'g', 'policy': 'anti-affinity',
                           'rules': {'max_server_per_host': 3}})[
        'server_group']
    assert set(group) == KEYS_264
    assert (group['policy'], group['rules'], group['members']) == (
        'anti-affinity', {'max_server_per_host': 3}, [])
    assert group['user_id'] == 'alice'
    path = '/os-server-groups/%s' % group['id']
    assert client.get(path).json() == {'server_group': group}
    for version in ('2.75', '2.79'):
        assert _client(user, version).get(path).json() == {
            'server_group': group}
    # The same group below 2.64.
    old = _client(user, '2.63').get(path).json()['server_group']
    assert set(old) == KEYS_213
    assert old['policies'] == ['anti-affinity']
    client.delete(path, expect=204)


@pytest.mark.parametrize('policy', ['soft-affinity', 'soft-anti-affinity'])
def test_soft_policies_from_2_15(user, policy):
    response = _post(_client(user, '2.14'),
                     {'name': 'g', 'policies': [policy]}, expect=400)
    assert response['badRequest']['message'] == (
        "Invalid input for field/attribute 0. Value: %s. '%s' is not one "
        "of ['anti-affinity', 'affinity']" % (policy, policy))
    client = _client(user, '2.15')
    group = _post(client, {'name': 'g', 'policies': [policy]})[
        'server_group']
    assert group['policies'] == [policy]
    client.delete('/os-server-groups/%s' % group['id'], expect=204)


@pytest.mark.parametrize('version, group, message', [
    ('2.63', {'name': 'g', 'policies': ['affinity'], 'policy': 'affinity'},
     "Invalid input for field/attribute server_group. Value: {'name': 'g', "
     "'policies': ['affinity'], 'policy': 'affinity'}. Additional "
     "properties are not allowed ('policy' was unexpected)"),
    ('2.64', {'name': 'g', 'policies': ['affinity']},
     "Invalid input for field/attribute server_group. Value: {'name': 'g', "
     "'policies': ['affinity']}. 'policy' is a required property"),
    ('2.64', {'name': 'g', 'policy': 'affinity',
              'rules': {'max_server_per_host': 2}},
     'Only anti-affinity policy supports rules.'),
    ('2.64', {'name': 'g', 'policy': 'anti-affinity',
              'rules': {'max_server_per_host': 0}},
     'Invalid input for field/attribute max_server_per_host. Value: 0. '
     '0 is less than the minimum of 1'),
    ('2.64', {'name': 'g', 'policy': 'anti-affinity',
              'rules': {'max_server_per_host': '0'}},
     'Invalid input for field/attribute max_server_per_host. Value: 0. '
     '0 is less than the minimum of 1'),
    ('2.64', {'name': 'g', 'policy': 'anti-affinity',
              'rules': {'other_rule': 1}},
     "Invalid input for field/attribute rules. Value: {'other_rule': 1}. "
     "Additional properties are not allowed ('other_rule' was "
     "unexpected)"),
])
def test_bad_create_bodies(user, version, group, message):
    response = _post(_client(user, version), group, expect=400)
    assert response['badRequest']['message'] == message


def test_max_server_per_host_lets_two_share_a_host(admin, user, image_id,
                                                   aio):
    """Both computes are up, so the group is confined to func-2 by an
    availability zone: two members share it, a third finds no host."""
    client = _client(user, '2.64')
    group = _post(client, {'name': 'two-per-host', 'policy': 'anti-affinity',
                           'rules': {'max_server_per_host': 2}})[
        'server_group']
    hints = {'group': group['id']}
    with _zone_of(admin, 'func-2', 'az-msph'):
        servers = []
        for index in range(3):
            body = {'server': {'name': 'msph-%d' % index,
                               'imageRef': image_id, 'flavorRef': NANO,
                               'networks': 'none',
                               'availability_zone': 'az-msph'},
                    'os:scheduler_hints': hints}
            servers.append(client.post('/servers', body, expect=202).json()[
                'server']['id'])
            if index < 2:
                api_client.wait_for_state(client, servers[-1], 'ACTIVE')
        failed = api_client.wait_for_state(client, servers[2], 'ERROR')
        assert failed['fault']['message'] == (
            'No valid host was found. There are not enough hosts '
            'available.')
        assert {admin.show_server(sid)['OS-EXT-SRV-ATTR:host']
                for sid in servers[:2]} == {'func-2'}
        details = admin.show_server(servers[2])['fault']['details']
        # func-2 holds two members: the group filter removes it.
        assert 'ServerGroupAntiAffinityFilter: 2 -> 1' in details
        members = client.get('/os-server-groups/%s' % group['id']).json()[
            'server_group']['members']
        assert sorted(members) == sorted(servers)
        _delete_servers(client, servers)
    client.delete('/os-server-groups/%s' % group['id'], expect=204)


def test_list_query_parameters(admin, user):
    client = _client(user, '2.64')
    ids = [_post(client, {'name': 'g%d' % i, 'policy': 'affinity'})[
        'server_group']['id'] for i in range(3)]

    def listed(c, query):
        return [g['id'] for g in c.get('/os-server-groups' + query).json()[
            'server_groups']]

    assert listed(client, '') == ids
    assert listed(client, '?limit=2') == ids[:2]
    assert listed(client, '?offset=1&limit=1') == ids[1:2]
    # all_projects: admins get every project's, others their own.
    assert listed(client, '?all_projects=True') == ids
    assert set(ids) <= set(listed(admin, '?all_projects'))
    assert not set(ids) & set(listed(admin, ''))
    response = client.get('/os-server-groups?limit=-1', expect=400)
    assert response.json()['badRequest']['message'] == (
        "Invalid input for query parameters limit. Value: -1. "
        "'-1' does not match '^[0-9]*$'")
    # Unknown parameters: ignored until 2.74, refused from 2.75.
    assert listed(_client(user, '2.74'), '?foo=bar') == ids
    response = _client(user, '2.75').get('/os-server-groups?foo=bar',
                                          expect=400)
    assert response.json()['badRequest']['message'] == (
        "Additional properties are not allowed ('foo' was unexpected)")
    for group_id in ids:
        client.delete('/os-server-groups/%s' % group_id, expect=204)


def test_other_projects_groups_are_404(user):
    client = _client(user, '2.64')
    group = _post(client, {'name': 'g', 'policy': 'affinity'})[
        'server_group']
    path = '/os-server-groups/%s' % group['id']
    other = api_client.ApiClient(user.endpoint, 'bob:other-project',
                                 microversion='2.64')
    response = other.get(path, expect=404)
    assert response.json()['itemNotFound']['message'] == (
        'Instance group %s could not be found.' % group['id'])
    other.delete(path, expect=404)
    client.delete(path, expect=204)


def test_quotas_with_the_2_64_body(admin, user, image_id):
    project = user.session.headers['X-Auth-Token'].split(':', 1)[1]
    admin.request('PUT', '/os-quota-sets/%s' % project, json={
        'quota_set': {'server_groups': 1, 'server_group_members': 1}},
        expect=200)
    client = _client(user, '2.64')
    try:
        group = _post(client, {'name': 'g1', 'policy': 'anti-affinity',
                               'rules': {'max_server_per_host': 2}})[
            'server_group']
        response = _post(client, {'name': 'g2', 'policy': 'affinity'},
                         expect=403)
        assert response['forbidden']['message'] == (
            'Quota exceeded, too many server groups.')
        body = {'server': {'name': 'gm', 'imageRef': image_id,
                           'flavorRef': NANO, 'networks': 'none',
                           'min_count': 2},
                'os:scheduler_hints': {'group': group['id']}}
        response = client.post('/servers', body, expect=403)
        assert response.json()['forbidden']['message'] == (
            'Quota exceeded, too many servers in group')
        client.delete('/os-server-groups/%s' % group['id'], expect=204)
    finally:
        admin.delete('/os-quota-sets/%s' % project, expect=202)
