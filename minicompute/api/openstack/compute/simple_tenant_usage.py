"""/os-simple-tenant-usage: server hours and the vCPU, RAM and disk hours
they add up to, per project, for a period (Nova's 2.1 bodies, no paging).

``start`` and ``end`` default to now; a server counts from when it was
launched (or the period's start) until it was terminated (or the period's
end), with the sizes of the flavor it was built with.
"""
from __future__ import annotations

import datetime

from oslo_utils import timeutils

from minicompute import exception, policy
from minicompute.db import usage_api

RULE = 'os_compute_api:os-simple-tenant-usage:%s'
TIME_FORMATS = ('%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f',
                '%Y-%m-%d %H:%M:%S.%f')


def _time(value: datetime.datetime | None) -> str | None:
    """As Nova's JSON renders a naive UTC datetime."""
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f') if value else None


def _parse_time(text: str | None) -> datetime.datetime:
    if not text:
        return timeutils.utcnow()
    for fmt in TIME_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise exception.ValidationError(
        detail='Invalid datetime string: Datetime is in invalid format')


def _period(request):
    start = _parse_time(request.GET.get('start'))
    stop = _parse_time(request.GET.get('end'))
    if not start < stop:
        raise exception.ValidationError(
            detail='Invalid start time. The start time cannot occur after '
                   'the end time.')
    return start, stop, request.GET.get('detailed', '0') == '1'


def _hours(row, start, stop) -> float:
    if not row.launched_at or row.launched_at > stop:
        return 0
    if row.terminated_at and row.terminated_at < start:
        return 0
    begin = max(row.launched_at, start)
    end = min(stop, row.terminated_at) if row.terminated_at else stop
    return (end - begin).total_seconds() / 3600.0


def _server_usage(row, start, stop, now) -> dict:
    flavor = row.flavor or {}
    ended = row.terminated_at
    return {
        'instance_id': row.uuid,
        'name': row.display_name,
        'tenant_id': row.project_id,
        'hours': _hours(row, start, stop),
        'memory_mb': flavor.get('memory_mb', row.memory_mb),
        'local_gb': (flavor.get('root_gb', row.root_gb or 0) +
                     flavor.get('ephemeral_gb', row.ephemeral_gb or 0)),
        'vcpus': flavor.get('vcpus', row.vcpus),
        'flavor': flavor.get('name'),
        'started_at': _time(row.launched_at),
        'ended_at': _time(ended),
        'state': 'terminated' if ended else row.vm_state,
        'uptime': int(((ended or now) - row.launched_at).total_seconds()),
    }


def usages_for_period(start, stop, detailed: bool,
                      project_id: str | None = None) -> list[dict]:
    now = timeutils.utcnow()
    summaries: dict = {}
    for row in usage_api.instance_get_active_by_window(start, stop,
                                                       project_id):
        usage = _server_usage(row, start, stop, now)
        summary = summaries.get(row.project_id)
        if summary is None:
            summary = summaries[row.project_id] = {
                'tenant_id': row.project_id, 'start': _time(start),
                'stop': _time(stop), 'total_hours': 0,
                'total_local_gb_usage': 0, 'total_vcpus_usage': 0,
                'total_memory_mb_usage': 0}
            if detailed:
                summary['server_usages'] = []
        hours = usage['hours']
        summary['total_hours'] += hours
        summary['total_local_gb_usage'] += usage['local_gb'] * hours
        summary['total_vcpus_usage'] += usage['vcpus'] * hours
        summary['total_memory_mb_usage'] += usage['memory_mb'] * hours
        if detailed:
            summary['server_usages'].append(usage)
    return list(summaries.values())


class SimpleTenantUsageController:
    def __init__(self, conf):
        self.conf = conf

    def index(self, request):
        policy.authorize(request.context, RULE % 'list')
        start, stop, detailed = _period(request)
        return {'tenant_usages': usages_for_period(start, stop, detailed)}

    def show(self, request, id):
        policy.authorize(request.context, RULE % 'show',
                         {'project_id': id})
        start, stop, _detailed = _period(request)
        usages = usages_for_period(start, stop, True, project_id=id)
        return {'tenant_usage': usages[0] if usages else {}}
