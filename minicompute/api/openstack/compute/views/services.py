"""Service bodies as Nova's API reference gives them, by microversion:
2.11 adds ``forced_down``; from 2.53 the ``id`` is the service's uuid."""
from __future__ import annotations

import datetime

from minicompute import servicegroup

FORCED_DOWN = '2.11'
UUID_IDS = '2.53'


def _time(value: datetime.datetime | None) -> str | None:
    # Nova serialises the naive UTC datetime with microseconds, no zone.
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value.strftime('%Y-%m-%dT%H:%M:%S.%f')


def show(request, service, zone: str, up: bool) -> dict:
    body = {
        'id': service.uuid if request.is_at_least(UUID_IDS) else service.id,
        'binary': service.binary,
        'host': service.host,
        'zone': zone,
        'status': 'disabled' if service.disabled else 'enabled',
        'state': 'up' if up else 'down',
        'updated_at': _time(servicegroup.last_heartbeat(service)),
        'disabled_reason': service.disabled_reason,
    }
    if request.is_at_least(FORCED_DOWN):
        body['forced_down'] = service.forced_down
    return body
