"""Status mapping, limit/marker parsing and links (api/openstack/common)."""
import urllib.parse

import pytest
import webob

from minicompute import exception
from minicompute.api.openstack import common
from minicompute.compute import vm_states


@pytest.mark.parametrize('vm_state, task_state, status', [
    (vm_states.ACTIVE, None, 'ACTIVE'),
    (vm_states.ACTIVE, 'deleting', 'ACTIVE'),
    (vm_states.BUILDING, 'scheduling', 'BUILD'),
    (vm_states.BUILDING, None, 'BUILD'),
    (vm_states.STOPPED, None, 'SHUTOFF'),
    (vm_states.PAUSED, None, 'PAUSED'),
    (vm_states.SUSPENDED, None, 'SUSPENDED'),
    (vm_states.ERROR, None, 'ERROR'),
    (vm_states.DELETED, None, 'DELETED'),
    (vm_states.SOFT_DELETED, None, 'SOFT_DELETED'),
    (vm_states.RESCUED, None, 'UNKNOWN'),
    ('no-such-state', None, 'UNKNOWN'),
    (None, None, 'UNKNOWN'),
])
def test_status_from_state(vm_state, task_state, status):
    assert common.status_from_state(vm_state, task_state) == status


@pytest.mark.parametrize('status, states', [
    ('ACTIVE', [vm_states.ACTIVE]),
    ('active', [vm_states.ACTIVE]),
    ('BUILD', [vm_states.BUILDING]),
    ('Shutoff', [vm_states.STOPPED]),
    ('ERROR', [vm_states.ERROR]),
    ('SOFT_DELETED', [vm_states.SOFT_DELETED]),
    ('UNKNOWN', []),
    ('nonsense', []),
])
def test_vm_states_from_status(status, states):
    assert common.vm_states_from_status(status) == states


@pytest.mark.parametrize('vm_state', [
    vm_states.ACTIVE, vm_states.BUILDING, vm_states.STOPPED,
    vm_states.PAUSED, vm_states.SUSPENDED, vm_states.ERROR,
    vm_states.DELETED, vm_states.SOFT_DELETED,
])
def test_status_filter_selects_the_state_it_came_from(vm_state):
    status = common.status_from_state(vm_state)

    assert vm_state in common.vm_states_from_status(status)


def _request(query=''):
    return webob.Request.blank('/v2.1/servers' + query)


@pytest.mark.parametrize('query, max_limit, expected', [
    ('', 1000, (1000, None)),
    ('?limit=5', 1000, (5, None)),
    ('?limit=0', 1000, (0, None)),
    ('?limit=5000', 1000, (1000, None)),
    ('?limit=10', 10, (10, None)),
    ('?marker=abc', 50, (50, 'abc')),
    ('?limit=3&marker=abc', 50, (3, 'abc')),
])
def test_limit_and_marker(query, max_limit, expected):
    assert common.get_limit_and_marker(_request(query), max_limit) == \
        expected


@pytest.mark.parametrize('value, reason', [
    ('-1', '-1 is less than the minimum of 0'),
    ('-100', '-100 is less than the minimum of 0'),
    ('abc', "'abc' is not an integer"),
    ('1.5', "'1.5' is not an integer"),
    ('', "'' is not an integer"),
])
def test_bad_limit_is_a_validation_error(value, reason):
    request = _request('?' + urllib.parse.urlencode({'limit': value}))

    with pytest.raises(exception.ValidationError) as raised:
        common.get_limit_and_marker(request, 1000)

    assert raised.value.code == 400
    assert str(raised.value) == (
        'Invalid input for query parameters limit. Value: %s. %s' % (
            value, reason))


def _script_request(path, query=''):
    request = webob.Request.blank(path + query,
                                  base_url='http://api.example:8774/v2.1')
    return request


def test_links_point_at_versioned_and_bookmark_urls():
    request = _script_request('/servers')

    assert common.links(request, 'servers', 'abc') == [
        {'rel': 'self',
         'href': 'http://api.example:8774/v2.1/servers/abc'},
        {'rel': 'bookmark',
         'href': 'http://api.example:8774/servers/abc'}]


@pytest.mark.parametrize('items, limit, has_next', [
    ([], 2, False),
    ([{'id': 'a'}], 2, False),
    ([{'id': 'a'}, {'id': 'b'}], 2, True),
])
def test_next_link_only_for_a_full_page(items, limit, has_next):
    request = _script_request('/servers', '?limit=2')

    result = common.collection_links(request, 'servers', items, limit)

    if has_next:
        assert result == [{
            'rel': 'next',
            'href': 'http://api.example:8774/v2.1/servers?limit=2&marker=b'}]
    else:
        assert result == []


def test_next_link_replaces_the_previous_marker():
    request = _script_request('/servers/detail', '?marker=old&limit=1')

    (link,) = common.collection_links(request, 'servers', [{'id': 'new'}],
                                      1)

    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link['href']).query)
    assert query == {'limit': ['1'], 'marker': ['new']}
    assert link['href'].startswith(
        'http://api.example:8774/v2.1/servers/detail?')


@pytest.mark.parametrize('name', ['a&b', 'a+b', '100%41'])
def test_next_link_keeps_filter_values_intact(name):
    query = '?' + urllib.parse.urlencode({'name': name, 'limit': 1})
    request = _script_request('/servers', query)

    (link,) = common.collection_links(request, 'servers', [{'id': 'm'}], 1)

    next_query = urllib.parse.parse_qs(
        urllib.parse.urlsplit(link['href']).query)
    assert next_query == {'name': [name], 'limit': ['1'], 'marker': ['m']}


def test_next_link_keeps_repeated_sort_parameters_in_order():
    request = _script_request('/servers', '?sort_key=name&sort_dir=asc'
                              '&sort_key=created_at&sort_dir=desc&limit=1')

    (link,) = common.collection_links(request, 'servers', [{'id': 'm'}], 1)

    next_query = urllib.parse.parse_qs(
        urllib.parse.urlsplit(link['href']).query)
    assert next_query['sort_key'] == ['name', 'created_at']
    assert next_query['sort_dir'] == ['asc', 'desc']
    assert next_query['marker'] == ['m']
