"""/os-quota-sets and /limits through the REST API at 2.1: defaults,
per-project overrides (admin only), usage, and enforcement at create."""
import pytest

from tests.functional import client as api_client

NANO = '42'
QUOTA_KEYS = {'instances', 'cores', 'ram', 'metadata_items', 'key_pairs',
              'server_groups', 'server_group_members', 'injected_files',
              'injected_file_content_bytes', 'injected_file_path_bytes',
              'fixed_ips', 'floating_ips', 'security_groups',
              'security_group_rules'}
DEFAULTS = {'instances': 10, 'cores': 20, 'ram': 51200,
            'metadata_items': 128, 'key_pairs': 100, 'server_groups': 10,
            'server_group_members': 10, 'injected_files': 5,
            'injected_file_content_bytes': 10240,
            'injected_file_path_bytes': 255, 'fixed_ips': -1,
            'floating_ips': -1, 'security_groups': -1,
            'security_group_rules': -1}
LIMIT_KEYS = {'maxImageMeta', 'maxPersonality', 'maxPersonalitySize',
              'maxSecurityGroupRules', 'maxSecurityGroups', 'maxServerMeta',
              'maxTotalCores', 'maxTotalFloatingIps', 'maxTotalInstances',
              'maxTotalKeypairs', 'maxTotalRAMSize', 'maxServerGroups',
              'maxServerGroupMembers', 'totalCoresUsed',
              'totalInstancesUsed', 'totalRAMUsed',
              'totalSecurityGroupsUsed', 'totalFloatingIpsUsed',
              'totalServerGroupsUsed'}


@pytest.fixture
def project(user):
    return user.session.headers['X-Auth-Token'].split(':', 1)[1]


def _put(client, project, values, expect=200):
    return client.request('PUT', '/os-quota-sets/%s' % project,
                          json={'quota_set': values}, expect=expect)


def test_show_and_defaults(user, project):
    shown = user.get('/os-quota-sets/%s' % project).json()['quota_set']
    assert shown == dict(DEFAULTS, id=project)
    defaults = user.get('/os-quota-sets/%s/defaults' % project).json()
    assert defaults == {'quota_set': dict(DEFAULTS, id=project)}


def test_update_show_detail_and_revert(admin, user, project, image_id):
    updated = _put(admin, project, {'instances': '3', 'cores': 5,
                                    'key_pairs': 7}).json()['quota_set']
    assert set(updated) == QUOTA_KEYS
    assert (updated['instances'], updated['cores'],
            updated['key_pairs']) == (3, 5, 7)
    assert updated['ram'] == DEFAULTS['ram']
    shown = user.get('/os-quota-sets/%s' % project).json()['quota_set']
    assert shown['instances'] == 3 and shown['id'] == project
    # The defaults are unchanged.
    defaults = user.get('/os-quota-sets/%s/defaults' % project).json()
    assert defaults['quota_set']['instances'] == DEFAULTS['instances']

    server = user.create_server('q', image_id, NANO)['server']
    user.post('/os-keypairs', {'keypair': {'name': 'k'}}, expect=200)
    detail = user.get('/os-quota-sets/%s/detail' % project).json()[
        'quota_set']
    assert set(detail) == QUOTA_KEYS | {'id'}
    assert detail['instances'] == {'limit': 3, 'in_use': 1, 'reserved': 0}
    assert detail['cores']['in_use'] == 1
    assert detail['key_pairs'] == {'limit': 7, 'in_use': 1, 'reserved': 0}

    limits = user.get('/limits').json()['limits']
    assert limits['rate'] == []
    absolute = limits['absolute']
    assert set(absolute) == LIMIT_KEYS
    assert (absolute['maxTotalInstances'], absolute['totalInstancesUsed'],
            absolute['maxTotalKeypairs']) == (3, 1, 7)
    assert absolute['maxServerMeta'] == absolute['maxImageMeta'] == 128

    # Below usage without force: 400; with force: accepted.
    response = _put(admin, project, {'instances': 0}, expect=400)
    assert response.json()['badRequest']['message'] == (
        'Quota limit 0 for instances must be greater than or equal to '
        'already used and reserved 1.')
    _put(admin, project, {'instances': 0, 'force': True})
    response = user.create_server('over', image_id, NANO, expect=403)
    assert response['forbidden']['message'] == (
        'Quota exceeded for instances: Requested 1, but already used 1 '
        'of 0 instances')

    response = admin.delete('/os-quota-sets/%s' % project, expect=202)
    assert response.text == ''
    shown = user.get('/os-quota-sets/%s' % project).json()['quota_set']
    assert shown == dict(DEFAULTS, id=project)
    user.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(user, server['id'])
    user.delete('/os-keypairs/k', expect=202)


def test_project_override_limits_creates(admin, user, project, image_id):
    _put(admin, project, {'cores': 1})
    try:
        body = {'server': {'name': 'mc', 'imageRef': image_id,
                           'flavorRef': NANO, 'networks': 'none',
                           'min_count': 2}}
        response = user.post('/servers', body, expect=403)
        assert response.json()['forbidden']['message'] == (
            'Quota exceeded for cores: Requested 2, but already used 0 '
            'of 1 cores')
        # Other projects keep the default.
        assert admin.get('/os-quota-sets/other').json()['quota_set'][
            'cores'] == DEFAULTS['cores']
    finally:
        admin.delete('/os-quota-sets/%s' % project, expect=202)


def test_server_groups_and_members_quota(admin, user, project, image_id):
    _put(admin, project, {'server_groups': 1, 'server_group_members': 1})
    try:
        group = user.post('/os-server-groups', {'server_group': {
            'name': 'g1', 'policies': ['anti-affinity']}},
            expect=200).json()['server_group']
        response = user.post('/os-server-groups', {'server_group': {
            'name': 'g2', 'policies': ['affinity']}}, expect=403)
        assert response.json()['forbidden']['message'] == \
            'Quota exceeded, too many server groups.'
        absolute = user.get('/limits').json()['limits']['absolute']
        assert absolute['totalServerGroupsUsed'] == 1
        assert absolute['maxServerGroupMembers'] == 1
        body = {'server': {'name': 'gm', 'imageRef': image_id,
                           'flavorRef': NANO, 'networks': 'none',
                           'min_count': 2},
                'os:scheduler_hints': {'group': group['id']}}
        response = user.post('/servers', body, expect=403)
        assert response.json()['forbidden']['message'] == \
            'Quota exceeded, too many servers in group'
        user.delete('/os-server-groups/%s' % group['id'], expect=204)
    finally:
        admin.delete('/os-quota-sets/%s' % project, expect=202)


def test_non_admin_access(admin, user, project):
    user.get('/os-quota-sets/another-project', expect=403)
    user.get('/os-quota-sets/another-project/detail', expect=403)
    # Defaults are public.
    user.get('/os-quota-sets/another-project/defaults', expect=200)
    _put(user, project, {'instances': 100}, expect=403)
    user.delete('/os-quota-sets/%s' % project, expect=403)
    user.get('/limits?tenant_id=another-project', expect=403)
    absolute = admin.get('/limits?tenant_id=%s' % project).json()[
        'limits']['absolute']
    assert absolute['totalInstancesUsed'] == 0


@pytest.mark.parametrize('body', [
    {'quota_set': {'instances': 'ten'}},
    {'quota_set': {'instances': -2}},
    {'quota_set': {'instances': 2 ** 31}},
    {'quota_set': {'unknown': 1}},
    {'quota_set': {'force': 'maybe'}},
    {'quota_sets': {'instances': 1}},
    {'quota_set': {'instances': 1}, 'extra': 1},
])
def test_bad_update_bodies_are_400(admin, body):
    admin.request('PUT', '/os-quota-sets/bad-bodies', json=body,
                  expect=400)
    assert admin.get('/os-quota-sets/bad-bodies').json()['quota_set'][
        'instances'] == DEFAULTS['instances']


def test_user_quotas_are_read_only(admin, user, project):
    user.post('/os-keypairs', {'keypair': {'name': 'uq'}}, expect=200)
    detail = admin.get('/os-quota-sets/%s/detail?user_id=alice' %
                       project).json()['quota_set']
    assert detail['key_pairs']['in_use'] >= 1
    shown = admin.get('/os-quota-sets/%s?user_id=alice' % project).json()
    assert shown['quota_set']['instances'] == DEFAULTS['instances']
    response = admin.request('PUT', '/os-quota-sets/%s?user_id=alice' %
                             project, json={'quota_set': {'instances': 1}},
                             expect=400)
    assert response.json()['badRequest']['message'] == \
        'Per-user quotas are not supported.'
    admin.delete('/os-quota-sets/%s?user_id=alice' % project, expect=400)
    user.delete('/os-keypairs/uq', expect=202)
