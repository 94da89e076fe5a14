"""ComputeFilter: only hosts whose compute service is enabled and up."""
import datetime

from oslo_utils import timeutils
import pytest

from minicompute import servicegroup
from minicompute.scheduler import host_manager
from minicompute.scheduler.filters import compute_filter
from tests.unit.scheduler import fakes

DOWN_TIME = 60


@pytest.fixture
def host_filter():
    return compute_filter.ComputeFilter(conf=None)


@pytest.mark.parametrize('disabled, up, passes', [
    (False, True, True),
    (True, True, False),
    (False, False, False),
    (True, False, False),
])
def test_disabled_or_down_host_rejected(host_filter, disabled, up, passes):
    state = fakes.host_state(disabled=disabled, up=up)

    assert host_filter.host_passes(state, fakes.spec()) is passes


def test_host_without_service_row_is_not_disabled_but_still_down(
        host_filter):
    state = host_manager.HostState(fakes.node(), None, service_up=False)

    assert state.service_disabled is False
    assert host_filter.host_passes(state, fakes.spec()) is False


def _ago(seconds):
    return timeutils.utcnow() - datetime.timedelta(seconds=seconds)


# Heartbeat ages in seconds (None: never heard from), turned into times
# when the test runs: times taken at collection would age while the rest
# of the suite runs first (a loaded machine made 'fresh' stale).
@pytest.mark.parametrize('age, values, passes', [
    pytest.param(1, {}, True, id='fresh'),
    pytest.param(1, {'forced_down': True}, False, id='forced-down'),
    pytest.param(10 * DOWN_TIME, {}, False, id='stale-heartbeat'),
    pytest.param(None, {}, False, id='never-heard-from'),
    pytest.param(1, {'disabled': True}, False, id='disabled'),
])
def test_liveness_from_servicegroup(host_filter, age, values, passes):
    service = fakes.service(
        last_seen_up=None if age is None else _ago(age), **values)
    up = servicegroup.service_is_up(service, DOWN_TIME)
    state = host_manager.HostState(fakes.node(), service, up)

    assert host_filter.host_passes(state, fakes.spec()) is passes


def test_runs_once_per_request():
    assert compute_filter.ComputeFilter.run_filter_once_per_request is True
