"""/servers/{id}/os-instance-actions through the REST API: at 2.1, then
across the microversions that change it (2.21 deleted servers, 2.51
events for owners, 2.58 paging and changes-since, 2.62 host and hostId,
2.66 changes-before)."""
from tests.functional import client as api_client

NANO = '42'
ACTION_KEYS = {'action', 'instance_uuid', 'request_id', 'user_id',
               'project_id', 'start_time', 'message'}
EVENT_KEYS = {'event', 'start_time', 'finish_time', 'result', 'traceback'}


def test_actions_list_and_show(admin, user, image_id):
    server = user.create_server('acts', image_id, NANO)['server']
    api_client.wait_for_state(user, server['id'], 'ACTIVE')
    user.post('/servers/%s/action' % server['id'], {'os-stop': None},
              expect=202)
    api_client.wait_for_state(user, server['id'], 'SHUTOFF')

    path = '/servers/%s/os-instance-actions' % server['id']
    actions = user.get(path).json()['instanceActions']
    assert [a['action'] for a in actions] == ['stop', 'create']
    for action in actions:
        assert set(action) == ACTION_KEYS
        assert action['instance_uuid'] == server['id']
        assert action['user_id'] == 'alice'
        assert action['request_id'].startswith('req-')
    create = actions[1]

    # A member sees the action without its events.
    shown = user.get('%s/%s' % (path, create['request_id'])).json()[
        'instanceAction']
    assert shown == create

    # An admin sees the events the hosts recorded.
    def build_event_done():
        body = admin.get('%s/%s' % (path, create['request_id'])).json()[
            'instanceAction']
        events = body['events']
        done = [e for e in events if e['event'] ==
                'compute_build_and_run_instance' and e['finish_time']]
        return body if done else None
    body = api_client.wait_for(build_event_done, timeout=30,
                               message='build event finished')
    assert set(body) == ACTION_KEYS | {'events'}
    for event in body['events']:
        assert set(event) == EVENT_KEYS
    assert any(e['result'] == 'Success' for e in body['events'])

    response = user.get('%s/req-nope' % path, expect=404)
    assert response.json()['itemNotFound']['message'] == \
        'Action req-nope not found'
    user.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(user, server['id'])
    user.get(path, expect=404)


def test_other_projects_servers_are_404(admin, user, image_id, aio):
    server = admin.create_server('adm-acts', image_id, NANO)['server']
    path = '/servers/%s/os-instance-actions' % server['id']
    user.get(path, expect=404)
    actions = admin.get(path).json()['instanceActions']
    user.get('%s/%s' % (path, actions[0]['request_id']), expect=404)
    user.get('/servers/no-such-server/os-instance-actions', expect=404)
    user.request('POST', path, json={}, expect=405)
    admin.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(admin, server['id'])


# ------------------------------------------------------- microversions

def _at(client, version):
    return api_client.ApiClient(client.endpoint,
                                client.session.headers['X-Auth-Token'],
                                microversion=version)


def _stopped_server(user, image_id, name):
    server = user.create_server(name, image_id, NANO)['server']
    api_client.wait_for_state(user, server['id'], 'ACTIVE')
    user.post('/servers/%s/action' % server['id'], {'os-stop': None},
              expect=202)
    api_client.wait_for_state(user, server['id'], 'SHUTOFF')
    return server['id']


def _finished_show(client, path):
    """The action once its compute event has finished."""
    def done():
        body = client.get(path).json()['instanceAction']
        events = body.get('events') or []
        return body if events and all(e['finish_time'] for e in events) \
            else None
    return api_client.wait_for(done, timeout=30, message='events finished')


def test_events_per_microversion(admin, user, image_id):
    server_id = _stopped_server(user, image_id, 'acts-mv')
    path = '/servers/%s/os-instance-actions' % server_id
    stop = user.get(path).json()['instanceActions'][0]
    assert stop['action'] == 'stop'
    show = '%s/%s' % (path, stop['request_id'])
    _finished_show(admin, show)

    # The owner sees events from 2.51, without traceback; hostId from
    # 2.62. Admins see them always, with traceback, and host from 2.62.
    owner = {'2.50': None, '2.51': EVENT_KEYS - {'traceback'},
             '2.61': EVENT_KEYS - {'traceback'},
             '2.62': EVENT_KEYS - {'traceback'} | {'hostId'},
             '2.79': EVENT_KEYS - {'traceback'} | {'hostId'}}
    privileged = {'2.1': EVENT_KEYS, '2.61': EVENT_KEYS,
                  '2.62': EVENT_KEYS | {'host', 'hostId'},
                  '2.79': EVENT_KEYS | {'host', 'hostId'}}
    for client, table in ((user, owner), (admin, privileged)):
        for version, event_keys in table.items():
            body = _at(client, version).get(show).json()['instanceAction']
            minor = int(version.split('.')[1])
            keys = ACTION_KEYS | ({'updated_at'} if minor >= 58 else set())
            if event_keys is None:
                assert set(body) == keys
                continue
            assert set(body) == keys | {'events'}
            assert body['events']
            for event in body['events']:
                assert set(event) == event_keys
                if 'host' in event:
                    assert event['host'] in ('func-1', 'func-2')
                if 'hostId' in event:
                    assert len(event['hostId']) == 56
    # Both see the same opaque host id (it hashes the server's project).
    host_ids = {_at(client, '2.62').get(show).json()['instanceAction'][
        'events'][0]['hostId'] for client in (user, admin)}
    assert len(host_ids) == 1
    user.delete('/servers/%s' % server_id, expect=204)
    api_client.wait_until_deleted(user, server_id)


def test_deleted_servers_actions_from_2_21(user, image_id):
    server = user.create_server('acts-del', image_id, NANO)['server']
    api_client.wait_for_state(user, server['id'], 'ACTIVE')
    user.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(user, server['id'])
    path = '/servers/%s/os-instance-actions' % server['id']
    response = _at(user, '2.20').get(path, expect=404)
    assert response.json()['itemNotFound']['message'] == (
        'Instance %s could not be found.' % server['id'])
    actions = _at(user, '2.21').get(path).json()['instanceActions']
    assert [a['action'] for a in actions] == ['delete', 'create']
    shown = _at(user, '2.21').get('%s/%s' % (path, actions[1][
        'request_id'])).json()['instanceAction']
    assert shown['action'] == 'create'
    _at(user, '2.20').get('%s/%s' % (path, actions[1]['request_id']),
                          expect=404)
    other = api_client.ApiClient(user.endpoint, 'bob:other-project',
                                 microversion='2.21')
    other.get(path, expect=404)


def test_paging_and_time_filters(admin, user, image_id, aio):
    server_id = _stopped_server(user, image_id, 'acts-page')
    user.post('/servers/%s/action' % server_id, {'os-start': None},
              expect=202)
    api_client.wait_for_state(user, server_id, 'ACTIVE')
    path = '/servers/%s/os-instance-actions' % server_id
    client = _at(user, '2.58')
    actions = client.get(path).json()['instanceActions']
    assert [a['action'] for a in actions] == ['start', 'stop', 'create']
    assert 'links' not in client.get(path).json()
    for action in actions:
        assert set(action) == ACTION_KEYS | {'updated_at'}
        assert action['updated_at'] >= action['start_time']

    page = client.get(path + '?limit=2').json()
    assert page['instanceActions'] == actions[:2]
    assert page['links'] == [{'rel': 'next', 'href': '%s%s?limit=2&marker=%s'
                              % (aio.endpoint, path,
                                 actions[1]['request_id'])}]
    rest = client.get(page['links'][0]['href'].replace(aio.endpoint, ''))
    assert rest.json() == {'instanceActions': actions[2:]}

    response = client.get(path + '?marker=req-nope', expect=400)
    assert response.json()['badRequest']['message'] == (
        'Marker req-nope could not be found.')
    response = client.get(path + '?changes-since=yesterday', expect=400)
    assert response.json()['badRequest']['message'] == (
        "Invalid input for query parameters changes-since. Value: "
        "yesterday. 'yesterday' is not a 'date-time'")
    # Paging parameters mean nothing below 2.58.
    assert _at(user, '2.57').get(path + '?limit=1&marker=x').json()[
        'instanceActions'] == [{k: v for k, v in a.items()
                                if k != 'updated_at'} for a in actions]

    # changes-since: actions changed at or after it (updated_at).
    since = actions[1]['updated_at']
    changed = client.get(path, params={'changes-since': since}).json()[
        'instanceActions']
    assert [a['action'] for a in changed] == ['start', 'stop']
    # changes-before: from 2.66.
    before = actions[2]['updated_at']
    response = client.get(path, params={'changes-before': before},
                          expect=400)
    assert response.json()['badRequest']['message'] == (
        "Additional properties are not allowed ('changes-before' was "
        "unexpected)")
    at_266 = _at(user, '2.66')
    assert [a['action'] for a in at_266.get(path, params={
        'changes-before': before}).json()['instanceActions']] == ['create']
    assert [a['action'] for a in at_266.get(path, params={
        'changes-since': before, 'changes-before': since}).json()[
        'instanceActions']] == ['stop', 'create']
    response = at_266.get(path, params={'changes-since': since,
                                         'changes-before': before},
                          expect=400)
    assert response.json()['badRequest']['message'] == (
        'The value of changes-since must be less than or equal to '
        'changes-before.')
    user.delete('/servers/%s' % server_id, expect=204)
    api_client.wait_until_deleted(user, server_id)
