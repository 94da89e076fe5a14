"""Aggregate bodies as Nova's API reference gives them; 2.41 adds the
aggregate's ``uuid`` to every one."""
AZ_KEY = 'availability_zone'
UUID_FIELD = '2.41'


def _time(value):
    # Nova serialises the object's datetimes: microseconds, no zone.
    return None if value is None else value.strftime('%Y-%m-%dT%H:%M:%S.%f')


def show(request, aggregate: dict, with_members: bool = True) -> dict:
    body = {
        'id': aggregate['id'],
        'name': aggregate['name'],
        'availability_zone': aggregate['metadata'].get(AZ_KEY),
        'created_at': _time(aggregate['created_at']),
        'updated_at': _time(aggregate['updated_at']),
        'deleted_at': _time(aggregate['deleted_at']),
        'deleted': aggregate['deleted'],
    }
    if request.is_at_least(UUID_FIELD):
        body['uuid'] = aggregate['uuid']
    if with_members:
        body['hosts'] = list(aggregate['hosts'])
        body['metadata'] = dict(aggregate['metadata'])
    return body
