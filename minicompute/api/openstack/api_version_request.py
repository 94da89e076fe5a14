"""Compute API microversions: the list of what minicompute implements.

Each entry adds one line saying what the version brought; a version is only
listed once every behaviour it brings works for minicompute's resources.
The history document is doc/api_version_history.md.
"""
from __future__ import annotations

import functools
import re

from minicompute import exception

# Each microversion, with what it brought. Keep one line per version.
_VERSIONS = [
    ('2.1', 'Initial version: servers, flavors, images (Nova v2.1 base).'),
]

MIN_VERSION = _VERSIONS[0][0]
MAX_VERSION = _VERSIONS[-1][0]

_VERSION_RE = re.compile(r'^([1-9]\d*)\.([1-9]\d*|0)$')


class InvalidMicroversionFormat(exception.Invalid):
    msg_fmt = ('API Version String %(version)s is of invalid format. Must '
               'be of format MajorNum.MinorNum.')


class MicroversionNotAcceptable(exception.MinicomputeException):
    msg_fmt = 'Version %(version)s is not supported by the API. ' \
              'Minimum is %(min)s and maximum is %(max)s.'
    code = 406


@functools.total_ordering
class APIVersionRequest:
    """A parsed ``MAJOR.MINOR`` version that compares numerically."""

    def __init__(self, version: str):
        match = _VERSION_RE.match(version or '')
        if not match:
            raise InvalidMicroversionFormat(version=version)
        self.major, self.minor = int(match.group(1)), int(match.group(2))

    def __eq__(self, other) -> bool:
        return (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other) -> bool:
        return (self.major, self.minor) < (other.major, other.minor)

    def __hash__(self) -> int:
        return hash((self.major, self.minor))

    def matches(self, min_version: str | None = None,
                max_version: str | None = None) -> bool:
        if min_version and self < APIVersionRequest(min_version):
            return False
        if max_version and self > APIVersionRequest(max_version):
            return False
        return True

    def __str__(self) -> str:
        return '%d.%d' % (self.major, self.minor)


def min_api_version() -> APIVersionRequest:
    return APIVersionRequest(MIN_VERSION)


def max_api_version() -> APIVersionRequest:
    return APIVersionRequest(MAX_VERSION)


def from_headers(headers) -> APIVersionRequest:
    """The version a request asks for: ``OpenStack-API-Version: compute X``
    or the legacy ``X-OpenStack-Nova-API-Version``; none means the minimum.
    """
    requested = None
    for header in headers.getall('OpenStack-API-Version') \
            if hasattr(headers, 'getall') else \
            [headers.get('OpenStack-API-Version')]:
        for item in (header or '').split(','):
            parts = item.strip().split(None, 1)
            if len(parts) == 2 and parts[0].lower() == 'compute':
                requested = parts[1].strip()
    if requested is None:
        requested = headers.get('X-OpenStack-Nova-API-Version')
    if not requested:
        return min_api_version()
    if requested.strip().lower() == 'latest':
        return max_api_version()
    version = APIVersionRequest(requested.strip())
    if not version.matches(MIN_VERSION, MAX_VERSION):
        raise MicroversionNotAcceptable(version=requested, min=MIN_VERSION,
                                        max=MAX_VERSION)
    return version
