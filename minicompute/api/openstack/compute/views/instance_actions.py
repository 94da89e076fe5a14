"""Instance action and event bodies as Nova's API reference gives them per
microversion.

- 2.1: an action's action, instance_uuid, request_id, user_id,
  project_id, start_time, message; events (event, start_time,
  finish_time, result, traceback) for those the events policy allows;
- 2.51: the server's owner sees events too, without traceback;
- 2.58: actions carry updated_at;
- 2.62: events carry hostId, and host where the events policy allows.
"""
import hashlib

DATETIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'
ACTION_KEYS = ('action', 'instance_uuid', 'request_id', 'user_id',
               'project_id', 'message')
EVENT_KEYS = ('event', 'result')


def _time(value):
    return value.strftime(DATETIME_FORMAT) if value else None


def host_id(host: str | None, project_id: str) -> str:
    """Nova's opaque per-project host id (as servers' hostId)."""
    if not host:
        return ''
    return hashlib.sha224((project_id + host).encode()).hexdigest()


def action(request, row) -> dict:
    body = {key: getattr(row, key) for key in ACTION_KEYS}
    body['start_time'] = _time(row.start_time)
    if request.is_at_least('2.58'):
        body['updated_at'] = _time(row.updated_at)
    return body


def event(request, row, project_id: str, privileged: bool) -> dict:
    """``privileged``: the events policy passed (admins by default), so
    the traceback (and from 2.62 the host's name) are shown."""
    body = {key: getattr(row, key) for key in EVENT_KEYS}
    body['start_time'] = _time(row.start_time)
    body['finish_time'] = _time(row.finish_time)
    if privileged:
        body['traceback'] = row.traceback
    if request.is_at_least('2.62'):
        if privileged:
            body['host'] = row.host
        body['hostId'] = host_id(row.host, project_id)
    return body
