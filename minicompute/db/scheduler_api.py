"""The scheduler's bulk reads: everything HostManager needs beyond nodes and
services, each in one query for all hosts (never one query per host).
"""
from __future__ import annotations

import datetime

from oslo_utils import timeutils
import sqlalchemy as sa

from minicompute.db import api as db_api
from minicompute.db import models

BUILD_EVENT = 'compute_build_and_run_instance'
# How EventReporter records the late group check's reschedule (repr).
GROUP_POLICY_ERROR = 'GroupAffinityViolation('


def instances_by_host() -> dict:
    """``{host: [(uuid, vm_state, task_state), ...]}`` of live instances."""
    table = models.Instance
    query = sa.select(table.host, table.uuid, table.vm_state,
                      table.task_state).where(table.deleted == 0,
                                              table.host.isnot(None))
    result: dict[str, list] = {}
    with db_api.reader() as session:
        for host, uuid, vm_state, task_state in session.execute(query):
            result.setdefault(host, []).append((uuid, vm_state, task_state))
    return result


def failed_builds_by_host(window_seconds: int) -> dict:
    """``{host: n}``: builds that failed on a host since its last successful
    build, counted from the compute's own build events (instance action
    events ``compute_build_and_run_instance``) within the window; a success
    resets the count, as Nova's compute resets its failed_builds counter.
    A reschedule for a server group policy violation (GroupAffinityViolation,
    recorded as the event's error) is not the host's failure and is skipped.
    """
    event = models.InstanceActionEvent
    since = timeutils.utcnow() - datetime.timedelta(seconds=window_seconds)
    query = sa.select(event.host, event.result, event.traceback).where(
        event.event == BUILD_EVENT, event.finish_time >= since,
        event.host.isnot(None)).order_by(event.finish_time, event.id)
    failed: dict[str, int] = {}
    with db_api.reader() as session:
        for host, result, error in session.execute(query):
            if result == 'Error' and (error or '').startswith(
                    GROUP_POLICY_ERROR):
                continue
            if result == 'Error':
                failed[host] = failed.get(host, 0) + 1
            else:
                failed.pop(host, None)
    return failed
