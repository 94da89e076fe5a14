"""/os-simple-tenant-usage: server hours for a period, per project."""
import datetime

import pytest

from tests.functional import client as api_client

NANO = '42'          # m1.nano: 128 MB, 1 vCPU, 1 GB
PROJECT = 'usage-project'
FMT = '%Y-%m-%dT%H:%M:%S'


@pytest.fixture(scope='module')
def owner(aio):
    return api_client.ApiClient(aio.endpoint, 'usage-user:%s' % PROJECT)


@pytest.fixture(scope='module')
def servers(owner, aio):
    """One running and one deleted server in the project."""
    image = api_client.ApiClient(aio.endpoint).first_image_id()
    running = owner.create_server('running', image, NANO)['server']
    gone = owner.create_server('gone', image, NANO)['server']
    for server in (running, gone):
        api_client.wait_for_state(owner, server['id'], 'ACTIVE')
    owner.delete('/servers/%s' % gone['id'], expect=204)
    api_client.wait_until_deleted(owner, gone['id'])
    yield {'running': running['id'], 'gone': gone['id']}
    owner.delete('/servers/%s' % running['id'])
    api_client.wait_until_deleted(owner, running['id'])


def _window(hours_before=1, hours_after=1):
    now = datetime.datetime.utcnow()
    return ((now - datetime.timedelta(hours=hours_before)).strftime(FMT),
            (now + datetime.timedelta(hours=hours_after)).strftime(FMT))


def test_show_counts_running_and_deleted_servers(owner, servers):
    start, end = _window()
    usage = owner.get('/os-simple-tenant-usage/%s?start=%s&end=%s' % (
        PROJECT, start, end)).json()['tenant_usage']
    assert usage['tenant_id'] == PROJECT
    assert usage['start'] == start + '.000000'
    # An end in the future is taken as now (Nova's).
    stop = datetime.datetime.strptime(usage['stop'], FMT + '.%f')
    assert stop < datetime.datetime.strptime(end, FMT)
    assert abs(stop - datetime.datetime.utcnow()).total_seconds() < 60
    by_name = {u['name']: u for u in usage['server_usages']}
    assert set(by_name) == {'running', 'gone'}
    running, gone = by_name['running'], by_name['gone']
    assert running['instance_id'] == servers['running']
    assert (running['state'], running['ended_at']) == ('active', None)
    assert (gone['state'], gone['flavor']) == ('terminated', 'm1.nano')
    assert gone['ended_at'] is not None
    # Both count from their launch, the running one until now.
    assert 0 < running['hours'] < 0.1
    assert 0 <= gone['hours'] < 0.1
    assert (running['vcpus'], running['memory_mb'], running['local_gb']) \
        == (1, 128, 1)
    total = running['hours'] + gone['hours']
    assert usage['total_hours'] == pytest.approx(total)
    assert usage['total_vcpus_usage'] == pytest.approx(total)
    assert usage['total_memory_mb_usage'] == pytest.approx(128 * total)
    assert usage['total_local_gb_usage'] == pytest.approx(total)
    assert set(running) == {
        'instance_id', 'name', 'tenant_id', 'hours', 'memory_mb',
        'local_gb', 'vcpus', 'flavor', 'started_at', 'ended_at', 'state',
        'uptime'}


def test_index_is_for_admins_and_detailed_on_request(owner, admin,
                                                     servers):
    start, end = _window()
    query = '?start=%s&end=%s' % (start, end)
    owner.get('/os-simple-tenant-usage' + query, expect=403)
    usages = admin.get('/os-simple-tenant-usage' + query).json()[
        'tenant_usages']
    mine = [u for u in usages if u['tenant_id'] == PROJECT]
    assert len(mine) == 1
    assert 'server_usages' not in mine[0]
    detailed = admin.get('/os-simple-tenant-usage%s&detailed=1' % query
                         ).json()['tenant_usages']
    mine = [u for u in detailed if u['tenant_id'] == PROJECT][0]
    assert len(mine['server_usages']) == 2


def test_periods_count_only_the_servers_alive_in_them(owner, servers):
    # Before any of them was launched there is nothing.
    assert owner.get('/os-simple-tenant-usage/%s?start=2000-01-01T00:00:00'
                     '&end=2000-01-02T00:00:00' % PROJECT).json() == {
        'tenant_usage': {}}


def test_other_projects_are_403(owner, servers, aio):
    other = api_client.ApiClient(aio.endpoint, 'bob:other-project')
    other.get('/os-simple-tenant-usage/%s' % PROJECT, expect=403)
    assert other.get('/os-simple-tenant-usage/other-project').json() == {
        'tenant_usage': {}}


@pytest.mark.parametrize('query', [
    '?start=yesterday',
    '?start=2024-01-01',
    '?end=2024-13-01T00:00:00',
    '?start=2024-01-02T00:00:00&end=2024-01-01T00:00:00',
    '?start=2024-01-01T00:00:00&end=2024-01-01T00:00:00',
])
def test_bad_periods_are_400(owner, query):
    fault = owner.get('/os-simple-tenant-usage/%s%s' % (PROJECT, query),
                      expect=400).json()
    assert fault['badRequest']['code'] == 400


# ------------------------------------------------------------ microversions
def _at(owner, version):
    return api_client.ApiClient(owner.endpoint,
                                owner.session.headers['X-Auth-Token'],
                                microversion=version)


def test_show_pages_from_2_40(owner, servers):
    start, end = _window()
    path = '/os-simple-tenant-usage/%s?start=%s&end=%s' % (PROJECT, start,
                                                           end)
    # Before 2.40 limit and marker are ignored: both servers, no links.
    usage = _at(owner, '2.39').get(path + '&limit=1&marker=x').json()
    assert set(usage) == {'tenant_usage'}
    assert len(usage['tenant_usage']['server_usages']) == 2
    # Nova's order: by project, then uuid.
    ordered = sorted(servers.values())
    client = _at(owner, '2.40')
    first = client.get(path + '&limit=1').json()
    assert set(first) == {'tenant_usage', 'tenant_usage_links'}
    assert [u['instance_id'] for u in first['tenant_usage'][
        'server_usages']] == ordered[:1]
    [link] = first['tenant_usage_links']
    assert link['rel'] == 'next'
    assert link['href'].startswith('%s/os-simple-tenant-usage/%s?' % (
        owner.endpoint, PROJECT))
    assert 'marker=%s' % ordered[0] in link['href']
    second = client.get(path + '&limit=1&marker=%s' % ordered[0]).json()
    assert [u['instance_id'] for u in second['tenant_usage'][
        'server_usages']] == ordered[1:]
    # The page was full: a link to a last, empty, page.
    assert 'tenant_usage_links' in second
    assert client.get(path + '&marker=%s' % ordered[1]).json() == {
        'tenant_usage': {}}
    whole = client.get(path).json()
    assert set(whole) == {'tenant_usage'}


def test_index_pages_from_2_40(owner, admin, servers):
    start, end = _window()
    path = '/os-simple-tenant-usage?start=%s&end=%s&detailed=1' % (start,
                                                                   end)
    client = _at(admin, '2.40')
    page = client.get(path + '&limit=1').json()
    assert set(page) == {'tenant_usages', 'tenant_usages_links'}
    assert sum(len(u['server_usages']) for u in page['tenant_usages']) == 1
    assert page['tenant_usages_links'][0]['href'].startswith(
        '%s/os-simple-tenant-usage?' % owner.endpoint)


@pytest.mark.parametrize('query, message', [
    ('limit=x', 'Invalid input for query parameters limit. Value: x.'),
    ('limit=-1', 'Invalid input for query parameters limit. Value: -1.'),
    ('marker=nope', 'Marker nope could not be found.'),
])
def test_bad_paging_is_400_from_2_40(owner, servers, query, message):
    path = '/os-simple-tenant-usage/%s?%s' % (PROJECT, query)
    _at(owner, '2.39').get(path, expect=200)
    fault = _at(owner, '2.40').get(path, expect=400).json()
    assert fault['badRequest']['message'].startswith(message)


@pytest.mark.parametrize('path', ['/os-simple-tenant-usage/%s?foo=1',
                                  '/os-simple-tenant-usage/%s?detailed=1'])
def test_unknown_query_is_400_from_2_75(owner, servers, path):
    path = path % PROJECT
    _at(owner, '2.74').get(path, expect=200)
    fault = _at(owner, '2.75').get(path, expect=400).json()
    assert fault['badRequest']['message'].startswith(
        'Additional properties are not allowed')
