"""Small helpers with no better home."""
from __future__ import annotations

import datetime


def isotime(value: datetime.datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, as Nova's API prints times."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return value.strftime('%Y-%m-%dT%H:%M:%SZ')
