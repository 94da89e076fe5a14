"""/os-simple-tenant-usage: server hours and the vCPU, RAM and disk hours
they add up to, per project, for a period.

``start`` and ``end`` default to now, and an end in the future is taken
as now (Nova's); a server counts from when it was launched (or the
period's start) until it was terminated (or the period's end), with the
sizes of the flavor it was built with.

Servers are taken in Nova's order (project, then uuid), at most
``[api] max_limit`` of them: silently below microversion 2.40, and from
2.40 paged with ``limit`` and ``marker`` (a server's uuid), with a
``tenant_usages_links`` / ``tenant_usage_links`` next link when a page is
full. From 2.75 unknown query parameters are a 400.
"""
from __future__ import annotations

import datetime

from oslo_utils import timeutils

from minicompute import exception, policy
from minicompute.api import validation
from minicompute.api.openstack import common
from minicompute.api.openstack.compute.schemas import (
    simple_tenant_usage as schema,
)
from minicompute.db import usage_api

RULE = 'os_compute_api:os-simple-tenant-usage:%s'
PAGING = '2.40'
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


def _first(request, name: str, default=None):
    values = request.GET.getall(name)
    return values[0] if values else default


def _period(request):
    """(start, stop, detailed); a stop after now is now, as in Nova."""
    start = _parse_time(_first(request, 'start'))
    stop = _parse_time(_first(request, 'end'))
    if not start < stop:
        raise exception.ValidationError(
            detail='Invalid start time. The start time cannot occur after '
                   'the end time.')
    stop = min(stop, timeutils.utcnow())
    return start, stop, _first(request, 'detailed', '0') == '1'


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
        'flavor': flavor.get('name') or '',
        'started_at': _time(row.launched_at),
        'ended_at': _time(ended),
        'state': 'terminated' if ended else row.vm_state,
        'uptime': int(((ended or now) - row.launched_at).total_seconds()),
    }


def usages_for_period(start, stop, detailed: bool,
                      project_id: str | None = None,
                      limit: int | None = None,
                      marker: str | None = None) -> tuple[list, list]:
    """(per-project summaries, every server usage) for the servers of
    the period, ``limit`` of them after ``marker``."""
    now = timeutils.utcnow()
    summaries: dict = {}
    server_usages = []
    for row in usage_api.instance_get_active_by_window(
            start, stop, project_id, limit=limit, marker=marker):
        usage = _server_usage(row, start, stop, now)
        server_usages.append(usage)
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
    return list(summaries.values()), server_usages


class SimpleTenantUsageController:
    def __init__(self, conf):
        self.conf = conf

    def _limit_and_marker(self, request):
        if not request.is_at_least(PAGING):
            return self.conf.api.max_limit, None
        return common.get_limit_and_marker(request, self.conf.api.max_limit)

    @staticmethod
    def _links(request, server_usages, limit) -> list:
        if not request.is_at_least(PAGING):
            return []
        return common.collection_links(request, 'os-simple-tenant-usage',
                                       server_usages, limit,
                                       key='instance_id')

    def index(self, request):
        validation.validate_query(request.GET,
                                  request.for_version(schema.INDEX_QUERY))
        policy.authorize(request.context, RULE % 'list')
        start, stop, detailed = _period(request)
        limit, marker = self._limit_and_marker(request)
        usages, server_usages = usages_for_period(
            start, stop, detailed, limit=limit, marker=marker)
        body = {'tenant_usages': usages}
        links = self._links(request, server_usages, limit)
        if links:
            body['tenant_usages_links'] = links
        return body

    def show(self, request, id):
        validation.validate_query(request.GET,
                                  request.for_version(schema.SHOW_QUERY))
        policy.authorize(request.context, RULE % 'show',
                         {'project_id': id})
        start, stop, _detailed = _period(request)
        limit, marker = self._limit_and_marker(request)
        usages, server_usages = usages_for_period(
            start, stop, True, project_id=id, limit=limit, marker=marker)
        body = {'tenant_usage': usages[0] if usages else {}}
        links = self._links(request, server_usages, limit)
        if links:
            body['tenant_usage_links'] = links
        return body
