"""The hours a server is charged for within a usage period, the period
itself, and paging by microversion."""
import datetime
import types

import pytest

from minicompute.api.openstack import api_version_request as avr
from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute import simple_tenant_usage as usage

T0 = datetime.datetime(2024, 1, 1)
START, STOP = T0 + datetime.timedelta(hours=10), T0 + datetime.timedelta(
    hours=20)


def _at(hours):
    return None if hours is None else T0 + datetime.timedelta(hours=hours)


@pytest.mark.parametrize('launched, terminated, hours', [
    (None, None, 0),        # never launched
    (5, None, 10),          # running through the whole period
    (12, None, 8),          # launched during it
    (12, 15, 3),            # launched and terminated during it
    (5, 15, 5),             # terminated during it
    (1, 9, 0),              # gone before it started
    (21, None, 0),          # launched after it ended
])
def test_hours_within_the_period(launched, terminated, hours):
    row = types.SimpleNamespace(launched_at=_at(launched),
                                terminated_at=_at(terminated))
    assert usage._hours(row, START, STOP) == hours


def _request(version, query=''):
    request = wsgi.Request.blank('/os-simple-tenant-usage' + query)
    request.environ['minicompute.api_version'] = avr.APIVersionRequest(
        version)
    return request


def _controller(max_limit=1000):
    conf = types.SimpleNamespace(api=types.SimpleNamespace(
        max_limit=max_limit))
    return usage.SimpleTenantUsageController(conf)


def test_max_limit_is_applied_silently_before_2_40():
    controller = _controller(max_limit=50)
    request = _request('2.39', '?limit=1&marker=m')
    assert controller._limit_and_marker(request) == (50, None)
    assert controller._links(request, [{'instance_id': 'a'}], 1) == []


def test_limit_and_marker_from_2_40():
    controller = _controller(max_limit=50)
    assert controller._limit_and_marker(
        _request('2.40', '?limit=1&marker=m')) == (1, 'm')
    assert controller._limit_and_marker(
        _request('2.40', '?limit=500')) == (50, None)
    assert controller._limit_and_marker(_request('2.40')) == (50, None)


def test_a_future_end_is_now():
    end = (datetime.datetime.utcnow() + datetime.timedelta(days=1)).strftime(
        '%Y-%m-%dT%H:%M:%S')
    start, stop, detailed = usage._period(_request(
        '2.1', '?start=2024-01-01T00:00:00&end=%s&detailed=1' % end))
    assert start == datetime.datetime(2024, 1, 1)
    assert abs((stop - datetime.datetime.utcnow()).total_seconds()) < 5
    assert detailed is True


def test_the_first_value_of_a_repeated_parameter_counts():
    start, _stop, detailed = usage._period(_request(
        '2.1', '?start=2024-01-01T00:00:00&start=2024-02-01T00:00:00'
               '&detailed=0&detailed=1'))
    assert start == datetime.datetime(2024, 1, 1)
    assert detailed is False
