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
    ('2.2', 'Keypair type (ssh, x509); keypair create 201, delete 204.'),
    ('2.3', 'More OS-EXT-SRV-ATTR server attributes (reservation_id, '
            'launch_index, hostname, kernel/ramdisk ids, root device, '
            'user_data).'),
    ('2.4', 'os-fixed-ips reserved status (no nova-network here: n/a).'),
    ('2.5', 'The ip6 servers filter is honoured for non-admins.'),
    ('2.6', 'Remote consoles API (no consoles here: n/a).'),
    ('2.7', 'Adding access to a public flavor is a 409.'),
    ('2.8', 'MKS remote console (no consoles here: n/a).'),
    ('2.9', 'Servers show `locked`.'),
    ('2.10', 'Admins manage other users\' keypairs with user_id.'),
    ('2.11', 'Services show `forced_down`; PUT /os-services/force-down.'),
    ('2.12', 'os-virtual-interfaces net_id (no nova-network here: n/a).'),
    ('2.13', 'Server groups show project_id and user_id.'),
    ('2.14', 'Evacuate without onSharedStorage (no evacuate here: n/a).'),
    ('2.15', 'soft-affinity and soft-anti-affinity server group policies.'),
    ('2.16', 'Servers show host_status (admins by default).'),
    ('2.17', 'trigger_crash_dump server action (an NMI to the guest).'),
    ('2.18', 'project_id optional in URLs.'),
    ('2.19', 'Server description on create, rebuild and update.'),
    ('2.20', 'Volume attach on shelved servers (no volumes here: n/a).'),
    ('2.21', 'os-instance-actions of deleted servers.'),
    ('2.22', 'Force live migration complete (no migration here: n/a).'),
    ('2.23', 'Migrations list (no migration here: n/a).'),
    ('2.24', 'Abort live migration (no migration here: n/a).'),
    ('2.25', 'Live migration block_migration auto (n/a).'),
    ('2.26', 'Server tags: /servers/{id}/tags and the tags filters.'),
    ('2.27', 'The OpenStack-API-Version header (already honoured).'),
    ('2.28', 'Hypervisor cpu_info is a JSON object.'),
    ('2.29', 'Evacuate with force (no evacuate here: n/a).'),
    ('2.30', 'Live migrate with force (n/a).'),
    ('2.31', 'Console auth tokens (no consoles here: n/a).'),
    ('2.32', 'Device tags on networks and block devices at create.'),
    ('2.33', 'Hypervisors list paging with limit and marker.'),
    ('2.34', 'Asynchronous live-migration checks (n/a).'),
    ('2.35', 'Keypairs list paging with limit and marker.'),
    ('2.36', 'Proxy APIs (/images) are 404; network quotas and limits go.'),
    ('2.37', 'Server create requires networks; "auto" and "none".'),
    ('2.38', 'An invalid status filter is a 400.'),
    ('2.39', 'maxImageMeta leaves /limits.'),
    ('2.40', 'os-simple-tenant-usage paging with limit and marker.'),
    ('2.41', 'Aggregates show their uuid.'),
    ('2.42', 'Device tags on networks and block devices restored.'),
    ('2.43', 'os-hosts is gone (never here: n/a).'),
    ('2.44', 'Floating/fixed IP actions are gone (never here: n/a).'),
    ('2.45', 'createImage returns image_id (no snapshots here: n/a).'),
    ('2.46', 'X-OpenStack-Request-ID on every response (already sent).'),
    ('2.47', 'Servers embed their flavor.'),
    ('2.48', 'Standard server diagnostics (no diagnostics here: n/a).'),
    ('2.49', 'Tagged volume/interface attach (no volumes here: n/a).'),
    ('2.50', 'os-quota-class-sets changes (no quota classes here: n/a).'),
    ('2.51', 'Instance action events shown to their owners.'),
    ('2.52', 'Tags on server create.'),
    ('2.53', 'Service and hypervisor ids are uuids; PUT '
             '/os-services/{id}; hypervisor_hostname_pattern, '
             'with_servers.'),
    ('2.54', 'key_name on rebuild.'),
    ('2.55', 'Flavor description; PUT /flavors/{id}.'),
    ('2.56', 'Cold migrate to a host (no migration here: n/a).'),
    ('2.57', 'personality removed; user_data on rebuild; personality '
             'limits and quotas go.'),
    ('2.58', 'Instance actions paging and changes-since; updated_at.'),
    ('2.59', 'Migrations paging (no migration here: n/a).'),
    ('2.60', 'Multiattach volumes (no volumes here: n/a).'),
    ('2.61', 'Flavors show extra_specs.'),
    ('2.62', 'Instance action events show host and hostId.'),
    ('2.63', 'trusted_image_certificates on create and rebuild.'),
    ('2.64', 'Server groups: policy and rules (max_server_per_host).'),
    ('2.65', 'Abort queued live migration (n/a).'),
    ('2.66', 'changes-before filter on servers and instance actions.'),
    ('2.67', 'volume_type in block_device_mapping_v2 (no volumes here, '
             'so only validated).'),
    ('2.68', 'Forced evacuate and live migrate removed (n/a).'),
    ('2.69', 'Down-cell minimal constructs (no cells here: n/a).'),
    ('2.70', 'Device tags in volume attachments and interfaces (n/a).'),
    ('2.71', 'Servers show their server_groups.'),
    ('2.72', 'Ports with resource requests (no Neutron here: n/a).'),
    ('2.73', 'Lock with a reason; locked_reason; locked filter and sort.'),
    ('2.74', 'host and hypervisor_hostname on server create.'),
    ('2.75', 'API cleanups: unknown query parameters are 400, full '
             'server body on update and rebuild, flavor swap 0, '
             'hypervisors always show servers.'),
    ('2.76', 'power-update external event (no external events: n/a).'),
    ('2.77', 'Unshelve to an availability zone (no shelve here: n/a).'),
    ('2.78', 'GET /servers/{id}/topology.'),
    ('2.79', 'delete_on_termination on volume attach (no volumes: n/a).'),
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


def for_version(version: APIVersionRequest, choices: dict):
    """The entry of ``choices`` (keyed by the microversion each starts
    at) with the highest key not after ``version``."""
    best = None
    for start, value in choices.items():
        start = APIVersionRequest(start)
        if start <= version and (best is None or start > best[0]):
            best = (start, value)
    if best is None:
        raise ValueError('no choice applies to %s' % version)
    return best[1]


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
