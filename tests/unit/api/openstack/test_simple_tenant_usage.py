"""The hours a server is charged for within a usage period."""
import datetime
import types

import pytest

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
