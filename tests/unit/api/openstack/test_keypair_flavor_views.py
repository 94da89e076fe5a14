"""Key pair and flavor bodies by microversion (views/keypairs.py,
views/flavors.py) and the 2.75 query-string rule (strict_query.py)."""
import datetime

import pytest

from minicompute import exception, objects
from minicompute.api.openstack import api_version_request as avr
from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute import strict_query
from minicompute.api.openstack.compute.views import flavors as flavor_views
from minicompute.api.openstack.compute.views import keypairs as kp_views


def _request(version: str, query: str = '') -> wsgi.Request:
    request = wsgi.Request.blank('/os-keypairs' + query,
                                 base_url='http://h:8774/v2.1')
    request.environ['minicompute.api_version'] = avr.APIVersionRequest(
        version)
    return request


KEYPAIR = {'id': 7, 'name': 'k', 'user_id': 'alice', 'type': 'x509',
           'public_key': 'PEM', 'fingerprint': 'aa:bb',
           'created_at': datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
           'updated_at': None}
ITEM = {'name', 'public_key', 'fingerprint'}
SHOW = ITEM | {'user_id', 'id', 'created_at', 'updated_at', 'deleted',
               'deleted_at'}


@pytest.mark.parametrize('version, typed', [('2.1', False), ('2.2', True),
                                            ('2.10', True), ('2.79', True)])
def test_keypair_bodies(version, typed):
    request = _request(version)
    extra = {'type'} if typed else set()
    listed = kp_views.index(request, [KEYPAIR])
    assert set(listed) == {'keypairs'}
    assert set(listed['keypairs'][0]['keypair']) == ITEM | extra
    assert set(kp_views.show(request, KEYPAIR)['keypair']) == SHOW | extra
    created = kp_views.create(request, KEYPAIR, 'PRIVATE')['keypair']
    assert set(created) == ITEM | {'user_id', 'private_key'} | extra
    assert 'private_key' not in kp_views.create(request, KEYPAIR)['keypair']
    shown = kp_views.show(request, KEYPAIR)['keypair']
    assert shown['created_at'] == '2024-01-02T03:04:05.000006'
    assert shown['deleted'] is False and shown['deleted_at'] is None


def test_keypairs_links_when_a_page_is_full():
    request = _request('2.35', '?limit=1&user_id=bob')
    body = kp_views.index(request, [KEYPAIR], limit=1)
    assert body['keypairs_links'] == [{
        'rel': 'next',
        'href': 'http://h:8774/v2.1/os-keypairs?limit=1&marker=k&'
                'user_id=bob'}]
    assert 'keypairs_links' not in kp_views.index(request, [KEYPAIR],
                                                  limit=2)
    assert 'keypairs_links' not in kp_views.index(request, [KEYPAIR])


def _flavor(**values):
    fields = dict(id=1, flavorid='7', name='m1', memory_mb=64, vcpus=1,
                  root_gb=1, ephemeral_gb=0, swap=0, rxtx_factor=1.0,
                  is_public=True, disabled=False, description=None,
                  extra_specs={'k': 'v'})
    fields.update(values)
    return objects.Flavor(None, **fields)


DETAIL = {'id', 'name', 'links', 'ram', 'vcpus', 'disk',
          'OS-FLV-EXT-DATA:ephemeral', 'OS-FLV-DISABLED:disabled', 'swap',
          'rxtx_factor', 'os-flavor-access:is_public'}


@pytest.mark.parametrize('version, extra', [
    ('2.1', set()), ('2.54', set()), ('2.55', {'description'}),
    ('2.61', {'description'}), ('2.79', {'description'})])
def test_flavor_bodies(version, extra):
    request = _request(version)
    flavor = _flavor()
    assert set(flavor_views.basic(request, flavor)) == \
        {'id', 'name', 'links'} | extra
    assert set(flavor_views.detail(request, flavor)) == DETAIL | extra
    with_specs = flavor_views.detail(request, flavor, extra_specs=True)
    assert set(with_specs) == DETAIL | extra | {'extra_specs'}
    assert with_specs['extra_specs'] == {'k': 'v'}


@pytest.mark.parametrize('version, swap, shown', [
    ('2.1', 0, ''), ('2.74', 0, ''), ('2.74', 512, 512),
    ('2.75', 0, 0), ('2.75', 512, 512)])
def test_flavor_swap(version, swap, shown):
    body = flavor_views.detail(_request(version), _flavor(swap=swap))
    assert body['swap'] == shown and type(body['swap']) is type(shown)


@pytest.mark.parametrize('version, query, refused', [
    ('2.74', '?bogus=1', False),
    ('2.75', '?user_id=u&limit=1', False),
    ('2.75', '?bogus=1', True),
    ('2.79', '?user_id=u&bogus=1', True),
])
def test_strict_query(version, query, refused):
    request = _request(version, query)
    if not refused:
        strict_query.check(request, ('user_id', 'limit'))
        return
    with pytest.raises(exception.ValidationError) as raised:
        strict_query.check(request, ('user_id', 'limit'))
    assert str(raised.value) == \
        "Additional properties are not allowed ('bogus' was unexpected)"
