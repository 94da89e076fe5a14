"""Quota checks counted from usage at request time, as Nova counts them."""
from minicompute import exception
from minicompute.db import api as db_api


def check_metadata(conf, metadata: dict) -> None:
    limit = conf.quota.metadata_items
    if limit >= 0 and len(metadata) > limit:
        raise exception.Forbidden(
            message='Quota exceeded for metadata_items: Requested %d, but '
                    'the limit is %d' % (len(metadata), limit))


def check_instances(conf, context, flavor, min_count: int,
                    max_count: int) -> int:
    """How many of ``max_count`` instances fit the project's quota.

    Raises TooManyInstances when not even ``min_count`` fit.
    """
    used = db_api.instance_count_by_project(context.project_id)
    per_instance = {'instances': 1, 'cores': flavor.vcpus,
                    'ram': flavor.memory_mb}
    allowed = max_count
    overs = []
    for resource, size in per_instance.items():
        limit = getattr(conf.quota, resource)
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
