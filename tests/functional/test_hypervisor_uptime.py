"""GET /os-hypervisors/{id}/uptime: the API asks the node's compute service
over RPC, which runs ``uptime`` on its host (Nova's, until 2.88)."""
import re

import pytest

from minicompute import compute
from tests.functional import client as api_client

UPTIME_RE = re.compile(r'^ ?\d\d:\d\d:\d\d up .*load average')
KEYS = {'id', 'hypervisor_hostname', 'state', 'status', 'uptime'}


def _at(aio, version, token='admin:admin'):
    return api_client.at_version(aio.endpoint, version, token)


_fault = api_client.fault_message


@pytest.fixture
def compute_service(aio):
    """The first compute host's service at 2.53 (uuid ids); forced up
    again afterwards if a test forced it down."""
    client = _at(aio, '2.53')
    services = client.get('/os-services?binary=%s' % compute.BINARY).json()
    service = sorted(services['services'], key=lambda s: s['host'])[0]
    yield client, service
    client.request('PUT', '/os-services/%s' % service['id'],
                   json={'forced_down': False}, expect=200)


def test_uptime_by_id_before_2_53_and_by_uuid_from_2_53(aio):
    old = _at(aio, '2.52')
    listed = old.get('/os-hypervisors').json()['hypervisors']
    for hypervisor in listed:
        body = old.get('/os-hypervisors/%s/uptime' % hypervisor['id']).json()
        shown = body['hypervisor']
        assert set(body) == {'hypervisor'} and set(shown) == KEYS
        assert shown['id'] == hypervisor['id']
        assert shown['hypervisor_hostname'] == \
            hypervisor['hypervisor_hostname']
        assert (shown['state'], shown['status']) == ('up', 'enabled')
        assert UPTIME_RE.match(shown['uptime']), shown['uptime']

    new = _at(aio, '2.53')
    by_uuid = new.get('/os-hypervisors').json()['hypervisors'][0]
    shown = new.get('/os-hypervisors/%s/uptime' % by_uuid['id']).json()[
        'hypervisor']
    assert shown['id'] == by_uuid['id'] and UPTIME_RE.match(shown['uptime'])
    assert _fault(new.get('/os-hypervisors/%s/uptime' % listed[0]['id'],
                          expect=None), 400) == \
        'Invalid uuid %s' % listed[0]['id']


def test_uptime_faults(aio):
    admin = _at(aio, '2.1')
    assert _fault(admin.get('/os-hypervisors/999999/uptime', expect=None),
                  404) == "Hypervisor with ID '999999' could not be found."
    assert _fault(admin.get('/os-hypervisors/abc/uptime', expect=None),
                  404) == "Hypervisor with ID 'abc' could not be found."
    some_id = admin.get('/os-hypervisors').json()['hypervisors'][0]['id']
    member = _at(aio, '2.1', token='demo:demo')
    assert _fault(member.get('/os-hypervisors/%s/uptime' % some_id,
                             expect=None), 403) == \
        "Policy doesn't allow os_compute_api:os-hypervisors:uptime to be " \
        "performed."


def test_uptime_of_a_down_compute_is_400_without_waiting(aio,
                                                        compute_service):
    client, service = compute_service
    client.request('PUT', '/os-services/%s' % service['id'],
                   json={'forced_down': True}, expect=200)
    hypervisor = next(
        h for h in client.get('/os-hypervisors').json()['hypervisors']
        if h['hypervisor_hostname'] == service['host'])
    assert hypervisor['state'] == 'down'
    assert _fault(client.get('/os-hypervisors/%s/uptime' % hypervisor['id'],
                             expect=None), 400) == \
        'Compute service of %s is unavailable at this time.' % \
        service['host']
