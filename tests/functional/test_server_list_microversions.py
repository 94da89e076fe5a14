"""GET /servers and /servers/detail: what the microversions change in the
query string (ip6 2.5, tags 2.26, status 2.38, changes-before 2.66,
locked 2.73, strict parameters 2.75), at the version before and at the
version that brings each change."""
import datetime

import pytest

from tests.functional import client as api_client

NANO = '42'
PROJECT = 'list-mv-project'


def _client(aio, version, token='lister:%s' % PROJECT):
    return api_client.ApiClient(aio.endpoint, token, microversion=version)


@pytest.fixture(scope='module')
def servers(aio):
    """Servers red (tags a, b), green (a) and blue (b, c, locked)."""
    owner = _client(aio, '2.26')
    image = owner.first_image_id()
    created = {}
    for name in ('red', 'green', 'blue'):
        created[name] = owner.create_server(name, image, NANO)['server']
    for server in created.values():
        api_client.wait_for_state(owner, server['id'], 'ACTIVE')
    for name, tags in (('red', ['a', 'b']), ('green', ['a']),
                       ('blue', ['b', 'c'])):
        owner.request('PUT', '/servers/%s/tags' % created[name]['id'], 200,
                      json={'tags': tags})
    owner.post('/servers/%s/action' % created['blue']['id'],
               {'lock': None}, expect=202)
    yield {name: server['id'] for name, server in created.items()}
    owner.post('/servers/%s/action' % created['blue']['id'],
               {'unlock': None}, expect=202)
    for server in created.values():
        owner.delete('/servers/%s' % server['id'])
    for server in created.values():
        api_client.wait_until_deleted(owner, server['id'])


def _names(client, query, detail=False):
    return sorted(s['name'] for s in client.list_servers(detail, query))


ALL = ['blue', 'green', 'red']


def test_ip6_filter_from_2_5(aio, servers):
    assert _names(_client(aio, '2.4'), '?ip6=::1') == ALL
    assert _names(_client(aio, '2.5'), '?ip6=::1') == []
    assert _names(_client(aio, '2.1'), '?ip=10.0.0.1') == []


@pytest.mark.parametrize('query, expected', [
    ('?tags=a', ['green', 'red']),
    ('?tags=a,b', ['red']),
    ('?tags-any=a,c', ALL),
    ('?tags-any=c', ['blue']),
    ('?not-tags=a,b', ['blue', 'green']),
    ('?not-tags-any=c', ['green', 'red']),
    ('?tags=b&not-tags=c', ['red']),
    ('?tags=zzz', []),
])
def test_tag_filters_from_2_26(aio, servers, query, expected):
    assert _names(_client(aio, '2.25'), query) == ALL
    assert _names(_client(aio, '2.26'), query) == expected
    assert _names(_client(aio, '2.26'), query, detail=True) == expected


def test_detail_shows_tags_from_2_26(aio, servers):
    listed = _client(aio, '2.26').list_servers(query='?tags=a,b')
    assert [s['tags'] for s in listed] == [['a', 'b']]
    assert 'tags' not in _client(aio, '2.25').list_servers()[0]


def test_invalid_status_is_400_from_2_38(aio, servers):
    assert _names(_client(aio, '2.37'), '?status=bogus') == []
    fault = _client(aio, '2.38').get('/servers?status=bogus',
                                     expect=400).json()
    assert fault['badRequest']['message'] == 'Invalid status value'
    assert _names(_client(aio, '2.38'), '?status=active') == ALL
    assert _names(_client(aio, '2.38'), '?status=SHUTOFF&status=ACTIVE') \
        == ALL


def test_deleted_status_is_for_admins(aio, servers):
    fault = _client(aio, '2.1').get('/servers?status=DELETED',
                                    expect=403).json()
    assert fault['forbidden']['message'] == (
        'Only administrators may list deleted instances')


def test_changes_before_from_2_66(aio, servers):
    client = _client(aio, '2.66')
    image = client.first_image_id()
    gone = client.create_server('gone', image, NANO)['server']
    api_client.wait_for_state(client, gone['id'], 'ACTIVE')
    client.delete('/servers/%s' % gone['id'], expect=204)
    api_client.wait_until_deleted(client, gone['id'])
    now = (datetime.datetime.utcnow() + datetime.timedelta(seconds=2)
           ).strftime('%Y-%m-%dT%H:%M:%SZ')
    past = '2000-01-01T00:00:00Z'
    # Deleted servers are listed, as with changes-since.
    before = client.list_servers(query='?changes-before=%s' % now)
    assert {s['name']: s['status'] for s in before}['gone'] == 'DELETED'
    assert _names(client, '?changes-before=%s' % past) == []
    assert 'gone' in _names(client, '?changes-since=%s&changes-before=%s'
                            % (past, now))
    fault = client.get('/servers?changes-since=%s&changes-before=%s'
                       % (now, past), expect=400).json()
    assert fault['badRequest']['message'] == (
        'The value of changes-since must be less than or equal to '
        'changes-before.')
    client.get('/servers?changes-before=yesterday', expect=400)
    # Below 2.66 the parameter is not known, hence ignored.
    older = _client(aio, '2.65')
    assert _names(older, '?changes-before=%s' % past) == ALL
    assert _names(older, '?changes-before=yesterday') == ALL


def test_locked_filter_and_sort_key_from_2_73(aio, servers):
    assert _names(_client(aio, '2.72'), '?locked=true') == ALL
    client = _client(aio, '2.73')
    assert _names(client, '?locked=true') == ['blue']
    assert _names(client, '?locked=False') == ['green', 'red']
    fault = client.get('/servers?locked=maybe', expect=400).json()
    assert fault['badRequest']['message'].startswith(
        "Unrecognized value 'maybe', acceptable values are: ")
    ordered = [s['name'] for s in client.list_servers(
        False, '?sort_key=locked&sort_dir=desc')]
    assert ordered[0] == 'blue'
    # Below 2.73 locked is a sort key Nova ignores: default order.
    default = [s['name'] for s in _client(aio, '2.72').list_servers(False)]
    assert [s['name'] for s in _client(aio, '2.72').list_servers(
        False, '?sort_key=locked&sort_dir=asc')] == default


@pytest.mark.parametrize('path', ['/servers', '/servers/detail'])
def test_unknown_query_parameters_are_400_from_2_75(aio, servers, path):
    assert len(_client(aio, '2.74').get(path + '?foo=1').json()[
        'servers']) == 3
    fault = _client(aio, '2.75').get(path + '?foo=1', expect=400).json()
    assert "'foo'" in fault['badRequest']['message']
    # Ignored sort keys are refused too; valid ones still work.
    _client(aio, '2.74').get(path + '?sort_key=vcpus')
    _client(aio, '2.75').get(path + '?sort_key=vcpus', expect=400)
    assert len(_client(aio, '2.75').get(
        path + '?sort_key=display_name&limit=2').json()['servers']) == 2
    # Known but admin-only filters are still just dropped for others.
    assert len(_client(aio, '2.75').get(path + '?host=nowhere').json()[
        'servers']) == 3
