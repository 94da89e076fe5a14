"""Scheduling through the REST API: server groups, availability zones and
aggregates, forced hosts, same/different host hints and the explained
NoValidHost, against the two computes (func-1, func-2) of the session."""
import concurrent.futures
import contextlib

import pytest

from tests.functional import client as api_client

NANO = '42'


def _host(admin, server_id):
    return admin.show_server(server_id)['OS-EXT-SRV-ATTR:host']


def _delete_all(client, server_ids):
    for server_id in server_ids:
        client.delete('/servers/%s' % server_id, expect=204)
    for server_id in server_ids:
        api_client.wait_until_deleted(client, server_id)


def _create(client, name, image_id, expect=202, hints=None, **extra):
    body = {'server': dict(name=name, imageRef=image_id, flavorRef=NANO,
                           networks='none', **extra)}
    if hints is not None:
        body['os:scheduler_hints'] = hints
    response = client.post('/servers', body, expect=expect).json()
    return response.get('server', response)


def _group(client, policy):
    # The soft policies came with microversion 2.15.
    return client.post('/os-server-groups', {'server_group': {
        'name': 'g-%s' % policy, 'policies': [policy]}},
        expect=200, headers={'OpenStack-API-Version': 'compute 2.15'}
    ).json()['server_group']


@contextlib.contextmanager
def _zone(admin, name, zone, hosts):
    """An aggregate that puts ``hosts`` in ``zone``, removed afterwards so
    the other tests see every host in the default zone again."""
    aggregate = admin.post('/os-aggregates', {'aggregate': {
        'name': name, 'availability_zone': zone}},
        expect=200).json()['aggregate']
    path = '/os-aggregates/%s' % aggregate['id']
    try:
        for host in hosts:
            admin.post(path + '/action', {'add_host': {'host': host}},
                       expect=200)
        yield aggregate
    finally:
        for host in hosts:
            admin.post(path + '/action', {'remove_host': {'host': host}})
        admin.delete(path, expect=200)


# ---------------------------------------------------------- server groups

def test_server_group_api(user, admin):
    group = _group(user, 'anti-affinity')
    assert (group['name'], group['policies'], group['members'],
            group['metadata']) == ('g-anti-affinity', ['anti-affinity'],
                                   [], {})
    assert user.get('/os-server-groups/%s' % group['id']).json()[
        'server_group']['id'] == group['id']
    assert group['id'] in [g['id'] for g in user.get(
        '/os-server-groups').json()['server_groups']]
    # Another project neither sees nor deletes it; admins see all.
    other = api_client.ApiClient(user.endpoint, 'bob:other-project')
    other.get('/os-server-groups/%s' % group['id'], expect=404)
    assert group['id'] not in [g['id'] for g in other.get(
        '/os-server-groups').json()['server_groups']]
    # all_projects is for admins; others quietly get their own (Nova).
    assert group['id'] not in [g['id'] for g in other.get(
        '/os-server-groups?all_projects=True').json()['server_groups']]
    assert group['id'] in [g['id'] for g in admin.get(
        '/os-server-groups?all_projects=True').json()['server_groups']]
    other.delete('/os-server-groups/%s' % group['id'], expect=404)
    user.delete('/os-server-groups/%s' % group['id'], expect=204)
    user.get('/os-server-groups/%s' % group['id'], expect=404)


@pytest.mark.parametrize('body', [
    {'server_group': {'name': 'x', 'policies': ['bogus']}},
    {'server_group': {'name': 'x', 'policies': []}},
    {'server_group': {'name': 'x', 'policies': ['affinity',
                                                'anti-affinity']}},
    {'server_group': {'name': 'x'}},
    {'server_group': {'name': 'x', 'policies': ['affinity'], 'extra': 1}},
])
def test_bad_server_group_is_400(user, body):
    user.post('/os-server-groups', body, expect=400)


def test_unknown_group_hint_is_400(user, image_id):
    response = user.post('/servers', {
        'server': {'name': 'x', 'imageRef': image_id, 'flavorRef': NANO,
                   'networks': 'none'},
        'os:scheduler_hints': {
            'group': '11111111-2222-3333-4444-555555555555'}},
        expect=400)
    assert 'server group' in response.json()['badRequest']['message']


def test_anti_affinity_with_more_servers_than_hosts(admin, user, image_id,
                                                    aio):
    group = _group(user, 'anti-affinity')
    hints = {'group': group['id']}
    servers = [_create(user, 'anti-%d' % i, image_id, hints=hints)['id']
               for i in range(2)]
    hosts = {api_client.wait_for_state(user, sid, 'ACTIVE') and
             _host(admin, sid) for sid in servers}
    assert hosts == set(aio.compute_hosts())

    third = _create(user, 'anti-3', image_id, hints=hints)['id']
    failed = api_client.wait_for_state(user, third, 'ERROR')
    assert failed['fault']['message'] == (
        'No valid host was found. There are not enough hosts available.')
    details = admin.show_server(third)['fault']['details']
    assert 'ServerGroupAntiAffinityFilter: 2 -> 0' in details
    members = user.get('/os-server-groups/%s' % group['id']).json()[
        'server_group']['members']
    assert sorted(members) == sorted(servers + [third])
    _delete_all(user, servers + [third])
    user.delete('/os-server-groups/%s' % group['id'], expect=204)


def test_anti_affinity_holds_for_parallel_requests(admin, user, image_id,
                                                   aio):
    group = _group(user, 'anti-affinity')
    hints = {'group': group['id']}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        servers = list(pool.map(
            lambda i: _create(user, 'race-%d' % i, image_id,
                              hints=hints)['id'], range(2)))
    hosts = [api_client.wait_for_state(user, sid, 'ACTIVE') and
             _host(admin, sid) for sid in servers]
    assert sorted(hosts) == sorted(aio.compute_hosts())
    _delete_all(user, servers)


def test_affinity_keeps_a_multi_create_and_later_members_together(
        admin, user, image_id):
    group = _group(user, 'affinity')
    hints = {'group': group['id']}
    _create(user, 'aff', image_id, hints=hints, min_count=3, max_count=3)
    servers = [s['id'] for s in user.list_servers()
               if s['name'].startswith('aff-')]
    assert len(servers) == 3
    later = _create(user, 'aff-later', image_id, hints=hints)['id']
    servers.append(later)
    hosts = {api_client.wait_for_state(user, sid, 'ACTIVE') and
             _host(admin, sid) for sid in servers}
    assert len(hosts) == 1
    _delete_all(user, servers)


def test_soft_anti_affinity_spreads_a_multi_create(admin, user, image_id,
                                                   aio):
    group = _group(user, 'soft-anti-affinity')
    _create(user, 'soft', image_id, hints={'group': group['id']},
            min_count=2, max_count=2)
    servers = [s['id'] for s in user.list_servers()
               if s['name'].startswith('soft-')]
    hosts = {api_client.wait_for_state(user, sid, 'ACTIVE') and
             _host(admin, sid) for sid in servers}
    assert hosts == set(aio.compute_hosts())
    _delete_all(user, servers)


# --------------------------------------------- zones, aggregates, forcing

def test_availability_zone_placement(admin, user, image_id):
    with _zone(admin, 'agg-az1', 'az1', ['func-2']) as aggregate:
        shown = admin.get('/os-aggregates/%s' % aggregate['id']).json()[
            'aggregate']
        assert (shown['hosts'], shown['availability_zone'],
                shown['metadata']) == (['func-2'], 'az1',
                                       {'availability_zone': 'az1'})
        zones = {z['zoneName']: z for z in user.get(
            '/os-availability-zone').json()['availabilityZoneInfo']}
        assert set(zones) == {'az1', 'nova'}
        assert zones['az1']['zoneState'] == {'available': True}
        detail = admin.get('/os-availability-zone/detail').json()[
            'availabilityZoneInfo']
        az1 = [z for z in detail if z['zoneName'] == 'az1'][0]
        assert list(az1['hosts']) == ['func-2']
        user.get('/os-availability-zone/detail', expect=403)

        in_az1 = _create(user, 'in-az1', image_id,
                         availability_zone='az1')['id']
        in_nova = _create(user, 'in-nova', image_id,
                          availability_zone='nova')['id']
        anywhere = _create(user, 'anywhere', image_id)['id']
        for sid, host, zone in ((in_az1, 'func-2', 'az1'),
                                (in_nova, 'func-1', 'nova')):
            server = api_client.wait_for_state(user, sid, 'ACTIVE')
            assert server['OS-EXT-AZ:availability_zone'] == zone
            assert _host(admin, sid) == host
        # No zone requested: the instance records the zone it landed in.
        server = api_client.wait_for_state(user, anywhere, 'ACTIVE')
        expected = 'az1' if _host(admin, anywhere) == 'func-2' else 'nova'
        assert server['OS-EXT-AZ:availability_zone'] == expected

        response = user.post('/servers', {'server': {
            'name': 'x', 'imageRef': image_id, 'flavorRef': NANO,
            'networks': 'none', 'availability_zone': 'nowhere'}},
            expect=400)
        assert response.json()['badRequest']['message'] == (
            'The requested availability zone is not available')
        _delete_all(user, [in_az1, in_nova, anywhere])


def test_aggregate_api_errors(admin, user):
    user.get('/os-aggregates', expect=403)
    aggregate = admin.post('/os-aggregates', {'aggregate': {
        'name': 'agg-errors'}}, expect=200).json()['aggregate']
    assert 'hosts' not in aggregate and aggregate['availability_zone'] is \
        None
    path = '/os-aggregates/%s' % aggregate['id']
    try:
        admin.post('/os-aggregates', {'aggregate': {'name': 'agg-errors'}},
                   expect=409)
        admin.post(path + '/action', {'add_host': {'host': 'nope'}},
                   expect=404)
        admin.post(path + '/action', {'add_host': {'host': 'func-1'}},
                   expect=200)
        admin.post(path + '/action', {'add_host': {'host': 'func-1'}},
                   expect=409)
        # Not empty: cannot be deleted (Nova's 400).
        admin.delete(path, expect=400)
        meta = admin.post(path + '/action', {'set_metadata': {'metadata': {
            'ssd': 'true', 'gpu': None}}}, expect=200).json()['aggregate']
        assert meta['metadata'] == {'ssd': 'true'}
        admin.post(path + '/action', {'bogus': {}}, expect=400)
        admin.get('/os-aggregates/999999', expect=404)
        admin.post(path + '/action', {'remove_host': {'host': 'func-1'}},
                   expect=200)
        admin.post(path + '/action', {'remove_host': {'host': 'func-1'}},
                   expect=404)
    finally:
        admin.post(path + '/action', {'remove_host': {'host': 'func-1'}})
        admin.delete(path, expect=200)
    admin.get(path, expect=404)


def test_forced_host_is_admin_only(admin, user, image_id):
    forced = [_create(admin, 'forced-%d' % i, image_id,
                      availability_zone='nova:func-2')['id']
              for i in range(2)]
    for sid in forced:
        api_client.wait_for_state(admin, sid, 'ACTIVE')
        assert _host(admin, sid) == 'func-2'
    node = _create(admin, 'forced-node', image_id,
                   availability_zone='nova:func-1:func-1')['id']
    api_client.wait_for_state(admin, node, 'ACTIVE')
    assert _host(admin, node) == 'func-1'
    response = user.post('/servers', {'server': {
        'name': 'x', 'imageRef': image_id, 'flavorRef': NANO,
        'networks': 'none', 'availability_zone': 'nova:func-2'}},
        expect=403)
    assert 'forced_host' in response.json()['forbidden']['message']
    _delete_all(admin, forced + [node])


def test_same_host_and_different_host_hints(admin, user, image_id):
    first = _create(user, 'first', image_id)['id']
    api_client.wait_for_state(user, first, 'ACTIVE')
    home = _host(admin, first)
    same = _create(user, 'same', image_id, hints={'same_host': first})['id']
    different = _create(user, 'different', image_id,
                        hints={'different_host': [first]})['id']
    for sid in (same, different):
        api_client.wait_for_state(user, sid, 'ACTIVE')
    assert _host(admin, same) == home
    assert _host(admin, different) != home
    user.post('/servers', {'server': {
        'name': 'x', 'imageRef': image_id, 'flavorRef': NANO,
        'networks': 'none'}, 'os:scheduler_hints': {'same_host': 'nope'}},
        expect=400)
    _delete_all(user, [first, same, different])


def test_no_valid_host_explains_itself_once(admin, user, image_id, caplog):
    flavor = admin.post('/flavors', {'flavor': {
        'name': 'sched-huge', 'ram': 50000, 'vcpus': 1, 'disk': 1}},
        expect=200).json()['flavor']
    with caplog.at_level('INFO', logger='minicompute.scheduler.scheduling'):
        server = user.create_server('huge', image_id,
                                    flavor['id'])['server']
        failed = api_client.wait_for_state(user, server['id'], 'ERROR')
    assert 'details' not in failed['fault']
    details = admin.show_server(server['id'])['fault']['details']
    assert details == 'ComputeFilter: 2 -> 2, RamFilter: 2 -> 0'
    logged = [r for r in caplog.records
              if 'RamFilter: 2 -> 0' in r.getMessage()]
    assert len(logged) == 1
    _delete_all(user, [server['id']])
    admin.delete('/flavors/%s' % flavor['id'])


def test_select_destinations_sends_start_and_end_notifications(admin,
                                                               image_id):
    from oslo_messaging.notify import _impl_test as notifications
    notifications.reset()
    server = admin.create_server('notified', image_id, '42')['server']
    api_client.wait_for_state(admin, server['id'], 'ACTIVE')
    events = [(message['event_type'], message['publisher_id'])
              for _ctxt, message, _priority, _retry in
              notifications.NOTIFICATIONS
              if message['event_type'].startswith('scheduler.')]
    assert [event for event, _publisher in events] == [
        'scheduler.select_destinations.start',
        'scheduler.select_destinations.end']
    assert all(publisher.startswith('scheduler.')
               for _event, publisher in events)
    payload = [message['payload'] for _c, message, _p, _r in
               notifications.NOTIFICATIONS
               if message['event_type'] ==
               'scheduler.select_destinations.end'][-1]
    assert payload['request_spec']['instance_uuids'] == [server['id']]
    admin.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(admin, server['id'])
