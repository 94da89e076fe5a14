"""Quota checks counted from usage at request time, as Nova counts them.

A limit is the project's override (``quotas`` table, set through
os-quota-sets) or else the ``[quota]`` default; -1 means unlimited.
key_pairs are counted per user, server_group_members per group, the rest
per project.
"""
from __future__ import annotations

from minicompute import exception
from minicompute.db import api as db_api
from minicompute.db import keypairs_api, quotas_api

# The resources os-quota-sets shows at 2.1. The injected_file* ones limit
# personality files (checked by compute.api.check_injected_files below
# 2.57, though minicompute injects nothing); the network ones belong to a
# network service there is none of (-1, as Nova with Neutron reports
# them): kept and shown, never enforced.
RESOURCES = ('instances', 'cores', 'ram', 'metadata_items', 'key_pairs',
             'server_groups', 'server_group_members', 'injected_files',
             'injected_file_content_bytes', 'injected_file_path_bytes',
             'fixed_ips', 'floating_ips', 'security_groups',
             'security_group_rules')
_CONF_NAMES = {'injected_file_path_bytes': 'injected_file_path_length'}
_NETWORK_RESOURCES = ('fixed_ips', 'floating_ips', 'security_groups',
                      'security_group_rules')


def get_defaults(conf) -> dict:
    defaults = {resource: -1 for resource in _NETWORK_RESOURCES}
    for resource in RESOURCES:
        if resource not in defaults:
            defaults[resource] = getattr(
                conf.quota, _CONF_NAMES.get(resource, resource))
    return {resource: defaults[resource] for resource in RESOURCES}


def get_limits(conf, project_id: str) -> dict:
    """The effective limits of a project: overrides over defaults."""
    limits = get_defaults(conf)
    overrides = quotas_api.quota_get_all_by_project(project_id)
    limits.update({resource: limit for resource, limit in overrides.items()
                   if resource in limits})
    return limits


def get_usages(project_id: str, user_id: str | None = None) -> dict:
    """What the project uses now. key_pairs are counted for ``user_id``
    (0 without one); per-server and per-group resources show 0."""
    usages = dict(db_api.instance_count_by_project(project_id))
    usages['server_groups'] = quotas_api.server_group_count_by_project(
        project_id)
    if user_id is not None:
        usages['key_pairs'] = keypairs_api.key_pair_count_by_user(user_id)
    return {resource: usages.get(resource, 0) for resource in RESOURCES}


def check_metadata(conf, metadata: dict, project_id: str | None = None
                   ) -> None:
    limit = (get_limits(conf, project_id)['metadata_items']
             if project_id else conf.quota.metadata_items)
    if limit >= 0 and len(metadata) > limit:
        raise exception.Forbidden(
            message='Quota exceeded for metadata_items: Requested %d, but '
                    'the limit is %d' % (len(metadata), limit))


def check_instances(conf, context, flavor, min_count: int,
                    max_count: int) -> int:
    """How many of ``max_count`` instances fit the project's quota.

    Raises TooManyInstances when not even ``min_count`` fit.
    """
    limits = get_limits(conf, context.project_id)
    used = db_api.instance_count_by_project(context.project_id)
    per_instance = {'instances': 1, 'cores': flavor.vcpus,
                    'ram': flavor.memory_mb}
    allowed = max_count
    overs = []
    for resource, size in per_instance.items():
        limit = limits[resource]
        if limit < 0 or size == 0:
            continue
        fits = max(0, (limit - used[resource]) // size)
        if fits < min_count:
            overs.append((resource, size, limit))
        allowed = min(allowed, fits)
    if overs:
        resource, size, limit = overs[0]
        raise exception.TooManyInstances(
            overs=resource, req=size * min_count, used=used[resource],
            allowed=limit)
    return allowed


def check_key_pairs(conf, context, delta: int = 1,
                    user_id: str | None = None) -> None:
    """Before ``delta`` more key pairs for ``user_id`` (the caller unless
    an admin names another user, microversion 2.10), counted per user;
    ``delta=0`` rechecks after a create."""
    limit = get_limits(conf, context.project_id)['key_pairs']
    if limit >= 0 and keypairs_api.key_pair_count_by_user(
            user_id or context.user_id) + delta > limit:
        raise exception.KeypairLimitExceeded()


def recheck_key_pairs(conf, context, user_id: str | None = None) -> None:
    check_key_pairs(conf, context, delta=0, user_id=user_id)


def check_server_groups(conf, context, delta: int = 1) -> None:
    """Before ``delta`` more server groups in the caller's project;
    ``delta=0`` rechecks after a create (two racing creates)."""
    limit = get_limits(conf, context.project_id)['server_groups']
    if limit >= 0 and quotas_api.server_group_count_by_project(
            context.project_id) + delta > limit:
        raise exception.OverQuota(
            message='Quota exceeded, too many server groups.')


def check_server_group_members(conf, context, group, count: int) -> None:
    """Before ``count`` new servers join ``group``."""
    limit = get_limits(conf, context.project_id)['server_group_members']
    if limit >= 0 and len(group.members) + count > limit:
        raise exception.OverQuota(
            message='Quota exceeded, too many servers in group')
