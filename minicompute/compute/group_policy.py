"""The compute host's late check of a server group's hard policy (Nova's
``_validate_instance_group_policy``).

The scheduler places each request from what the database says at the time,
so two requests scheduled at once can both pick the same host for an
anti-affinity group. Just before spawning, the compute re-checks under a
per-group lock and, if the policy would be violated, raises
RescheduledException so the conductor moves the instance to an alternate.

For anti-affinity a member counts against this host if it is past its build
(not BUILDING) or already passed this check here; members still building
whose check has not run yet will see this one when theirs runs, so of two
racing builds exactly one stays. The set of members that passed is kept in
memory per (host, group) and pruned as they finish building.
"""
from __future__ import annotations

import threading

from oslo_concurrency import lockutils
from oslo_log import log as logging

from minicompute import exception, objects
from minicompute.compute import vm_states

LOG = logging.getLogger(__name__)

ANTI_AFFINITY_VIOLATED = 'Anti-affinity instance group policy was violated.'
AFFINITY_VIOLATED = 'Affinity instance group policy was violated.'

_PASSED: dict[tuple, set] = {}
_PASSED_LOCK = threading.Lock()


def _group_of(context, request_spec):
    """The request's group, read again now (members change)."""
    if request_spec is None:
        return None
    group_uuid = None
    if request_spec.obj_attr_is_set('instance_group') and \
            request_spec.instance_group is not None:
        group_uuid = request_spec.instance_group.uuid
    elif request_spec.obj_attr_is_set('scheduler_hints'):
        group_uuid = (request_spec.scheduler_hints.get('group') or
                      [None])[0]
    if not group_uuid:
        return None
    try:
        return objects.InstanceGroup.get_by_uuid(context, group_uuid)
    except exception.InstanceGroupNotFound:
        return None


def validate(context, host: str, instance, request_spec) -> None:
    """Raise RescheduledException if building ``instance`` on ``host``
    would break its group's affinity or anti-affinity policy."""
    group = _group_of(context, request_spec)
    if group is None or group.policy not in ('affinity', 'anti-affinity'):
        return
    with lockutils.lock('instance-group-%s-%s' % (host, group.uuid)):
        if group.policy == 'anti-affinity':
            _check_anti_affinity(context, host, instance, group)
        else:
            hosts = group.get_hosts(exclude=[instance.uuid])
            if hosts and host not in hosts:
                raise exception.GroupAffinityViolation(
                    instance_uuid=instance.uuid, reason=AFFINITY_VIOLATED)


def _check_anti_affinity(context, host, instance, group) -> None:
    on_host = group.get_members_on_host(host)
    key = (host, group.uuid)
    with _PASSED_LOCK:
        passed = _PASSED.setdefault(key, set())
        # Forget members that finished building or left the host.
        passed.intersection_update(
            uuid for uuid, state in on_host.items()
            if state == vm_states.BUILDING)
        counted = [uuid for uuid, state in on_host.items()
                   if uuid != instance.uuid and
                   (state != vm_states.BUILDING or uuid in passed)]
        limit = int(group.rules.get('max_server_per_host', 1))
        if len(counted) >= limit:
            if not passed:
                del _PASSED[key]
            LOG.info('Instance %s would break anti-affinity of group %s on '
                     '%s (members here: %s)', instance.uuid, group.uuid,
                     host, ', '.join(counted))
            raise exception.GroupAffinityViolation(
                instance_uuid=instance.uuid, reason=ANTI_AFFINITY_VIOLATED)
        passed.add(instance.uuid)
