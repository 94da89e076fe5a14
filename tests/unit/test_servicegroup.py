"""Service liveness from database heartbeats."""
import datetime
import types

from oslo_utils import timeutils
import pytest

from minicompute import servicegroup

NOW = datetime.datetime(2024, 3, 1, 12, 0, 0)
DOWN_TIME = 60


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    monkeypatch.setattr(timeutils, 'utcnow',
                        lambda with_timezone=False: NOW)


def _ago(seconds):
    return NOW - datetime.timedelta(seconds=seconds)


def _service(forced_down=False, last_seen_up=None, updated_at=None,
             created_at=None):
    return types.SimpleNamespace(forced_down=forced_down,
                                 last_seen_up=last_seen_up,
                                 updated_at=updated_at,
                                 created_at=created_at)


@pytest.mark.parametrize('service, up', [
    pytest.param(_service(last_seen_up=_ago(0)), True, id='just-now'),
    pytest.param(_service(last_seen_up=_ago(30)), True, id='fresh'),
    pytest.param(_service(last_seen_up=_ago(DOWN_TIME)), True,
                 id='exactly-at-limit'),
    pytest.param(_service(last_seen_up=_ago(DOWN_TIME + 0.001)), False,
                 id='just-past-limit'),
    pytest.param(_service(last_seen_up=_ago(3600)), False, id='stale'),
    pytest.param(_service(forced_down=True, last_seen_up=_ago(0)), False,
                 id='forced-down-despite-fresh-heartbeat'),
    pytest.param(_service(), False, id='never-heard-from'),
    # Clock skew: a heartbeat slightly in the future still counts.
    pytest.param(_service(last_seen_up=_ago(-5)), True, id='small-skew'),
    pytest.param(_service(last_seen_up=_ago(-3600)), False,
                 id='far-future'),
    # Without last_seen_up, updated_at and then created_at are used.
    pytest.param(_service(updated_at=_ago(10), created_at=_ago(3600)), True,
                 id='updated-at-fallback'),
    pytest.param(_service(updated_at=_ago(3600), created_at=_ago(10)),
                 False, id='updated-at-before-created-at'),
    pytest.param(_service(created_at=_ago(10)), True,
                 id='created-at-fallback'),
    pytest.param(_service(created_at=_ago(3600)), False,
                 id='created-long-ago'),
    # last_seen_up takes precedence over a fresher updated_at.
    pytest.param(_service(last_seen_up=_ago(3600), updated_at=_ago(1)),
                 False, id='last-seen-up-first'),
])
def test_service_is_up(service, up):
    assert servicegroup.service_is_up(service, DOWN_TIME) is up


@pytest.mark.parametrize('down_time, up', [(29, False), (30, True)])
def test_down_time_is_the_threshold(down_time, up):
    service = _service(last_seen_up=_ago(30))

    assert servicegroup.service_is_up(service, down_time) is up


def test_timezone_aware_utc_heartbeat():
    # Versioned objects hand back aware UTC datetimes.
    service = _service(last_seen_up=_ago(5).replace(
        tzinfo=datetime.timezone.utc))

    assert servicegroup.service_is_up(service, DOWN_TIME) is True


@pytest.mark.parametrize('service, expected', [
    (_service(last_seen_up=_ago(1), updated_at=_ago(2),
              created_at=_ago(3)), _ago(1)),
    (_service(updated_at=_ago(2), created_at=_ago(3)), _ago(2)),
    (_service(created_at=_ago(3)), _ago(3)),
    (_service(), None),
])
def test_last_heartbeat(service, expected):
    assert servicegroup.last_heartbeat(service) == expected
