"""Instance action and event bodies as Nova's API reference gives them
at 2.1."""

DATETIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'
ACTION_KEYS = ('action', 'instance_uuid', 'request_id', 'user_id',
               'project_id', 'message')
EVENT_KEYS = ('event', 'result', 'traceback')


def _time(value):
    return value.strftime(DATETIME_FORMAT) if value else None


def action(row) -> dict:
    body = {key: getattr(row, key) for key in ACTION_KEYS}
    body['start_time'] = _time(row.start_time)
    return body


def event(row) -> dict:
    body = {key: getattr(row, key) for key in EVENT_KEYS}
    body['start_time'] = _time(row.start_time)
    body['finish_time'] = _time(row.finish_time)
    return body
