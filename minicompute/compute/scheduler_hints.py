"""The placement part of a create request: scheduler hints (validated and
in RequestSpec form), the server group, the availability zone and the
admin-only forced host/node. compute/api.py calls ``build()`` once per
create request.
"""
from __future__ import annotations

import dataclasses

from oslo_serialization import jsonutils
from oslo_utils import uuidutils

from minicompute import availability_zones, exception, objects

UUID_LIST_HINTS = ('same_host', 'different_host')


@dataclasses.dataclass
class Placement:
    availability_zone: str | None = None
    force_hosts: list | None = None
    force_nodes: list | None = None
    scheduler_hints: dict = dataclasses.field(default_factory=dict)
    group: object = None


def _bad(reason: str):
    return exception.ValidationError(detail=reason)


def normalize_hints(hints: dict | None) -> dict:
    """``{name: [str, ...]}`` as RequestSpec stores them; the hints the
    filters read are checked (uuids where uuids are expected)."""
    result = {}
    for name, value in (hints or {}).items():
        if name == 'group':
            if not isinstance(value, str) or not uuidutils.is_uuid_like(
                    value):
                raise _bad("Invalid input for field/attribute group. "
                           "Value: %s. '%s' is not a 'uuid'" % (value,
                                                                 value))
            result[name] = [value]
        elif name in UUID_LIST_HINTS:
            values = value if isinstance(value, list) else [value]
            for item in values:
                if not isinstance(item, str) or \
                        not uuidutils.is_uuid_like(item):
                    raise _bad("Invalid input for field/attribute %s. "
                               "Value: %s. '%s' is not a 'uuid'" % (
                                   name, value, item))
            result[name] = list(values)
        elif name == 'query':
            result[name] = [value if isinstance(value, str)
                            else jsonutils.dumps(value)]
        else:
            values = value if isinstance(value, list) else [value]
            result[name] = [v if isinstance(v, str) else jsonutils.dumps(v)
                            for v in values]
    return result


def get_group(context, hints: dict):
    """The server group named by the ``group`` hint (400 if unknown)."""
    uuids = hints.get('group')
    if not uuids:
        return None
    try:
        group = objects.InstanceGroup.get_by_uuid(context, uuids[0])
    except exception.InstanceGroupNotFound:
        raise _bad('Invalid server group %s' % uuids[0])
    if not context.is_admin and group.project_id != context.project_id:
        raise _bad('Invalid server group %s' % uuids[0])
    return group


def build(conf, context, availability_zone: str | None,
          hints: dict | None) -> Placement:
    """Parse and check everything placement-related of one request.

    Forcing a host or node is admin only; the REST layer checks the
    ``os_compute_api:servers:create:forced_host`` policy before this.
    """
    zone, forced_host, forced_node = availability_zones.parse_requested(
        conf, availability_zone)
    availability_zones.validate(conf, context, zone)
    normalized = normalize_hints(hints)
    return Placement(
        availability_zone=zone,
        force_hosts=[forced_host] if forced_host else None,
        force_nodes=[forced_node] if forced_node else None,
        scheduler_hints=normalized,
        group=get_group(context, normalized))
