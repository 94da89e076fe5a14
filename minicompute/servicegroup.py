"""Service liveness from database heartbeats (Nova's DB servicegroup)."""
from oslo_utils import timeutils


def last_heartbeat(service):
    return service.last_seen_up or service.updated_at or service.created_at


def service_is_up(service, service_down_time: int) -> bool:
    """Up if not forced down and heard from within ``service_down_time``."""
    if service.forced_down:
        return False
    heartbeat = last_heartbeat(service)
    if heartbeat is None:
        return False
    elapsed = timeutils.delta_seconds(heartbeat.replace(tzinfo=None),
                                      timeutils.utcnow())
    return abs(elapsed) <= service_down_time
