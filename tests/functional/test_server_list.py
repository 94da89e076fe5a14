"""GET /servers and /servers/detail at 2.1: sorting, filters, paging and
changes-since (deleted servers included, as Nova lists them)."""
import datetime
import urllib.parse

import pytest

from tests.functional import client as api_client

NANO = '42'
PROJECT = 'list-project'


@pytest.fixture(scope='module')
def owner(aio):
    return api_client.ApiClient(aio.endpoint, 'list-user:%s' % PROJECT)


@pytest.fixture(scope='module')
def admin_client(aio):
    return api_client.ApiClient(aio.endpoint)


@pytest.fixture(scope='module')
def servers(owner, admin_client):
    """Three ACTIVE servers named c, a, b (created in that order)."""
    image = admin_client.first_image_id()
    created = {}
    for name in ('c', 'a', 'b'):
        created[name] = owner.create_server(name, image, NANO)['server']
    for server in created.values():
        api_client.wait_for_state(owner, server['id'], 'ACTIVE')
    yield {name: owner.show_server(s['id']) for name, s in created.items()}
    for server in created.values():
        owner.delete('/servers/%s' % server['id'])
    for server in created.values():
        api_client.wait_until_deleted(owner, server['id'])


def _names(client, query):
    return [s['name'] for s in client.list_servers(query=query)]


def test_default_order_is_newest_first(owner, servers):
    assert _names(owner, '') == ['b', 'a', 'c']


def test_sort_key_and_dir(owner, servers):
    assert _names(owner, '?sort_key=display_name&sort_dir=asc') == [
        'a', 'b', 'c']
    assert _names(owner, '?sort_key=display_name&sort_dir=desc') == [
        'c', 'b', 'a']
    assert _names(owner, '?sort_key=display_name') == ['c', 'b', 'a']
    assert _names(owner, '?sort_key=created_at&sort_dir=asc') == [
        'c', 'a', 'b']
    # Two keys: the first decides, the second breaks ties.
    assert _names(owner, '?sort_key=vm_state&sort_dir=asc'
                         '&sort_key=display_name&sort_dir=asc') == [
        'a', 'b', 'c']
    # Keys Nova ignores are accepted and ignored.
    assert _names(owner, '?sort_key=vcpus&sort_dir=asc') == ['b', 'a', 'c']
    # A direction alone applies to Nova's default key, created_at.
    assert _names(owner, '?sort_dir=asc') == ['c', 'a', 'b']


def test_paging_follows_the_sort_order(owner, servers):
    body = owner.get('/servers?sort_key=display_name&sort_dir=asc'
                     '&limit=2').json()
    assert [s['name'] for s in body['servers']] == ['a', 'b']
    next_href = body['servers_links'][0]['href']
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(next_href).query)
    assert query['sort_key'] == ['display_name']
    assert query['marker'] == [servers['b']['id']]
    rest = owner.get('/servers?sort_key=display_name&sort_dir=asc'
                     '&limit=2&marker=%s' % servers['b']['id']).json()
    assert [s['name'] for s in rest['servers']] == ['c']
    assert 'servers_links' not in rest


@pytest.mark.parametrize('query', [
    '?sort_key=bogus',
    '?sort_key=display_name&sort_dir=sideways',
    # More directions than keys.
    '?sort_key=display_name&sort_dir=asc&sort_dir=desc',
    '?changes-since=yesterday',
    '?changes-since=2020-13-45T00:00:00Z',
    '?limit=-1',
    '?limit=x',
    '?marker=no-such-server',
])
def test_bad_list_queries_are_400(owner, servers, query):
    fault = owner.get('/servers' + query, expect=400).json()
    assert fault['badRequest']['code'] == 400


def test_sorting_by_host_is_for_admins(owner, admin_client, servers):
    fault = owner.get('/servers?sort_key=host', expect=403).json()
    assert 'Only administrators can sort servers by host' in \
        fault['forbidden']['message']
    admin_client.get('/servers?all_tenants=1&sort_key=host', expect=200)


def test_filters(owner, admin_client, servers):
    image = servers['a']['image']['id']
    assert sorted(_names(owner, '?image=%s' % image)) == ['a', 'b', 'c']
    assert _names(owner, '?image=no-such-image') == []
    assert sorted(_names(owner, '?flavor=%s' % NANO)) == ['a', 'b', 'c']
    assert _names(owner, '?flavor=no-such-flavor') == []
    assert _names(owner, '?status=SHUTOFF') == []
    assert sorted(_names(owner, '?status=ACTIVE')) == ['a', 'b', 'c']
    # No server has a fixed IP here.
    assert _names(owner, '?ip=10.0.0.1') == []
    # Admin-only filters are ignored for others, as Nova does at 2.1.
    assert sorted(_names(owner, '?host=nowhere')) == ['a', 'b', 'c']
    assert _names(admin_client, '?all_tenants=1&host=nowhere') == []
    host = admin_client.show_server(servers['a']['id'])[
        'OS-EXT-SRV-ATTR:host']
    on_host = _names(admin_client, '?all_tenants=1&project_id=%s&host=%s'
                     % (PROJECT, host))
    assert 'a' in on_host
    assert set(on_host) <= {'a', 'b', 'c'}
    assert sorted(_names(admin_client, '?all_tenants=1&project_id=%s'
                         % PROJECT)) == ['a', 'b', 'c']


def test_reservation_id_filter(owner, admin_client, servers):
    image = admin_client.first_image_id()
    reservation = owner.create_server(
        'resv', image, NANO, min_count=2, max_count=2,
        return_reservation_id=True)['reservation_id']
    found = owner.list_servers(query='?reservation_id=%s' % reservation)
    try:
        assert sorted(s['name'] for s in found) == ['resv-1', 'resv-2']
        assert _names(owner, '?reservation_id=r-nothing') == []
    finally:
        for server in found:
            owner.delete('/servers/%s' % server['id'], expect=204)
        for server in found:
            api_client.wait_until_deleted(owner, server['id'])


def test_changes_since_includes_deleted_servers(owner, admin_client,
                                                servers):
    image = admin_client.first_image_id()
    since = (datetime.datetime.utcnow() - datetime.timedelta(seconds=1)
             ).strftime('%Y-%m-%dT%H:%M:%SZ')
    gone = owner.create_server('gone', image, NANO)['server']
    api_client.wait_for_state(owner, gone['id'], 'ACTIVE')
    owner.delete('/servers/%s' % gone['id'], expect=204)
    api_client.wait_until_deleted(owner, gone['id'])

    listed = owner.list_servers(query='?changes-since=%s' % since)
    statuses = {s['name']: s['status'] for s in listed}
    assert statuses.get('gone') == 'DELETED'
    assert 'gone' not in _names(owner, '')
    future = '2999-01-01T00:00:00Z'
    assert owner.list_servers(query='?changes-since=%s' % future) == []
    # Admins may ask for deleted servers only.
    deleted = _names(admin_client, '?all_tenants=1&project_id=%s'
                     '&deleted=true' % PROJECT)
    assert 'gone' in deleted
    assert not {'a', 'b', 'c'} & set(deleted)
    # For others "deleted" is ignored.
    assert 'gone' not in _names(owner, '?deleted=true')
