"""The display names and hostnames of the instances of one create request.

The hostname (OS-EXT-SRV-ATTR:hostname, microversion 2.3) is derived from
the display name as Nova derives it: an RFC 952/1123 label of at most 63
characters, ``Server-<uuid>`` when nothing usable is left. A multi-create
numbers both, ``web-1``, ``web-2``, ...

    display_name, hostname = instance_names.for_instance('web', 3, 0, uuid)
"""
from __future__ import annotations

import re

MAX_HOSTNAME_LENGTH = 63
MULTI_INSTANCE_NAME = '%(name)s-%(count)d'


def sanitize_hostname(name: str, default: str | None = None) -> str:
    """``name`` as a hostname: Latin-1 only, spaces and underscores as
    hyphens, nothing but word characters, dots and hyphens, lower case,
    no leading or trailing dots and hyphens; ``default`` if that leaves
    nothing."""
    hostname = name.encode('latin-1', 'ignore').decode('latin-1')
    hostname = hostname[:MAX_HOSTNAME_LENGTH]
    hostname = re.sub('[ _]', '-', hostname)
    hostname = re.sub(r'[^\w.-]+', '', hostname)
    hostname = hostname.lower().strip('.-')
    if not hostname and default is not None:
        return default[:MAX_HOSTNAME_LENGTH]
    return hostname


def for_instance(name: str, count: int, index: int,
                 instance_uuid: str) -> tuple[str, str]:
    """(display name, hostname) of instance ``index`` (0-based) of
    ``count``."""
    default = 'Server-%s' % instance_uuid
    if count == 1:
        return name, sanitize_hostname(name, default)
    display_name = MULTI_INSTANCE_NAME % {'name': name, 'count': index + 1}
    if not sanitize_hostname(name):
        return display_name, default
    return display_name, sanitize_hostname(display_name)
