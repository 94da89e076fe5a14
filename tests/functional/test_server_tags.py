"""/servers/{id}/tags (microversion 2.26) through the REST API: the six
routes, their codes and bodies, the 50-tag limit, tag validation, the
vm_states that allow changes, project isolation, and 404 below 2.26."""
import pytest

from minicompute import context as mc_context
from minicompute import objects
from tests.functional import client as api_client

NANO = '42'
V = '2.26'


@pytest.fixture
def owner(aio, request):
    project = 'tags-%s' % request.node.name[:40]
    return api_client.ApiClient(aio.endpoint, 'tagger:%s' % project,
                                microversion=V)


@pytest.fixture
def server(owner, image_id):
    created = owner.create_server('tagged', image_id, NANO)['server']
    server = api_client.wait_for_state(owner, created['id'], 'ACTIVE')
    yield server
    owner.delete('/servers/%s' % server['id'])
    api_client.wait_until_deleted(owner, server['id'])


def _tags(client, server_id, expect=200):
    return client.get('/servers/%s/tags' % server_id, expect=expect)


def _put_all(client, server_id, tags, expect=200):
    return client.request('PUT', '/servers/%s/tags' % server_id, expect,
                          json={'tags': tags})


def _put(client, server_id, tag, expect=201, **kwargs):
    return client.request('PUT', '/servers/%s/tags/%s' % (server_id, tag),
                          expect, **kwargs)


def test_tag_lifecycle(owner, server):
    sid = server['id']
    assert _tags(owner, sid).json() == {'tags': []}

    created = _put(owner, sid, 'web')
    assert created.text == ''
    assert created.headers['Location'].endswith(
        '/v2.1/servers/%s/tags/web' % sid)
    # Adding it again changes nothing.
    assert _put(owner, sid, 'web', expect=204).text == ''
    owner.get('/servers/%s/tags/web' % sid, expect=204)
    missing = owner.get('/servers/%s/tags/db' % sid, expect=404).json()
    assert missing['itemNotFound']['message'] == (
        "Server %s has no tag 'db'" % sid)

    body = _put_all(owner, sid, ['b', 'a', 'b']).json()
    assert body == {'tags': ['a', 'b']}
    assert _tags(owner, sid).json() == {'tags': ['a', 'b']}
    # The server shows them from 2.26.
    assert owner.show_server(sid)['tags'] == ['a', 'b']

    owner.delete('/servers/%s/tags/a' % sid, expect=204)
    gone = owner.delete('/servers/%s/tags/a' % sid, expect=404).json()
    assert gone['itemNotFound']['message'] == (
        "Instance %s has no tag 'a'" % sid)
    owner.delete('/servers/%s/tags' % sid, expect=204)
    assert _tags(owner, sid).json() == {'tags': []}


def test_put_tag_accepts_a_null_body_but_no_other(owner, server):
    sid = server['id']
    _put(owner, sid, 'nulled', data='null',
         headers={'Content-Type': 'application/json'})
    fault = _put(owner, sid, 'other', expect=400, json={}).json()
    assert 'is not of type' in fault['badRequest']['message']


@pytest.mark.parametrize('tag, why', [
    ('a,b', "does not match '^[^,/]*$'"),
    ('x' * 61, 'is too long'),
])
def test_invalid_tag_in_url_is_400(owner, server, tag, why):
    fault = _put(owner, server['id'], tag, expect=400).json()
    message = fault['badRequest']['message']
    assert message.startswith(
        "Tag '%s' is invalid. It must be a non empty string without "
        "characters '/' and ','. Validation error message: " % tag)
    assert why in message


@pytest.mark.parametrize('body', [
    {'tags': ['a/b']},
    {'tags': ['']},
    {'tags': 'a'},
    {'tags': ['t%d' % i for i in range(51)]},
    {'tag': ['a']},
    {},
])
def test_invalid_put_all_is_400(owner, server, body):
    response = owner.request('PUT', '/servers/%s/tags' % server['id'], 400,
                             json=body)
    assert response.json()['badRequest']['code'] == 400


def test_fifty_tags_at_most(owner, server):
    sid = server['id']
    fifty = ['t%02d' % i for i in range(50)]
    assert _put_all(owner, sid, fifty).json()['tags'] == fifty
    # Already there: still 400, as Nova counts before it looks.
    for tag in ('one-more', 't00'):
        fault = _put(owner, sid, tag, expect=400).json()
        assert fault['badRequest']['message'] == (
            'The number of tags exceeded the per-server limit 50')
    owner.delete('/servers/%s/tags/t00' % sid, expect=204)
    _put(owner, sid, 'one-more')


def test_changes_need_a_settled_vm_state(owner, server):
    sid = server['id']
    _put(owner, sid, 'keep')
    ctxt = mc_context.get_admin_context()
    instance = objects.Instance.get_by_uuid(ctxt, sid)
    instance.vm_state = 'error'
    instance.save()
    try:
        for method, path, body, what in (
                ('PUT', '/tags/new', None, 'update tag'),
                ('PUT', '/tags', {'tags': []}, 'update tags'),
                ('DELETE', '/tags/keep', None, 'delete tag'),
                ('DELETE', '/tags', None, 'delete tags')):
            fault = owner.request(method, '/servers/%s%s' % (sid, path),
                                  409, json=body).json()
            assert fault['conflictingRequest']['message'] == (
                "Cannot '%s' instance %s while it is in vm_state error"
                % (what, sid))
        # Reading is always fine.
        assert _tags(owner, sid).json() == {'tags': ['keep']}
    finally:
        instance.vm_state = 'active'
        instance.save()
    # A locked server may change its tags (Nova does not check the lock).
    owner.post('/servers/%s/action' % sid, {'lock': None}, expect=202)
    _put(owner, sid, 'locked-too')
    owner.post('/servers/%s/action' % sid, {'unlock': None}, expect=202)


def test_other_projects_see_404_and_admins_may(owner, server, user, admin):
    sid = server['id']
    _put(owner, sid, 'mine')
    other = api_client.ApiClient(user.endpoint,
                                 user.session.headers['X-Auth-Token'],
                                 microversion=V)
    for method, path in (('GET', '/tags'), ('GET', '/tags/mine'),
                         ('PUT', '/tags/theirs'), ('DELETE', '/tags'),
                         ('DELETE', '/tags/mine')):
        other.request(method, '/servers/%s%s' % (sid, path), 404)
    _put_all(other, sid, ['x'], expect=404)
    admin_v = api_client.ApiClient(admin.endpoint, microversion=V)
    assert _tags(admin_v, sid).json() == {'tags': ['mine']}
    _put(admin_v, sid, 'by-admin')


def test_routes_are_404_below_2_26(owner, server):
    sid = server['id']
    old = api_client.ApiClient(owner.endpoint,
                               owner.session.headers['X-Auth-Token'],
                               microversion='2.25')
    for method, path, body in (('GET', '/tags', None),
                               ('PUT', '/tags', {'tags': []}),
                               ('DELETE', '/tags', None),
                               ('GET', '/tags/a', None),
                               ('PUT', '/tags/a', None),
                               ('DELETE', '/tags/a', None)):
        fault = old.request(method, '/servers/%s%s' % (sid, path), 404,
                            json=body).json()
        assert fault == {'itemNotFound': {
            'code': 404, 'message': 'The resource could not be found.'}}
    assert 'tags' not in old.show_server(sid)


def test_unknown_server_is_404(owner):
    owner.get('/servers/no-such-server/tags', expect=404)
    _put(owner, 'no-such-server', 'a', expect=404)
