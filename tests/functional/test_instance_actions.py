"""/servers/{id}/os-instance-actions through the REST API at 2.1."""
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
