"""RPC version caps from ``[upgrade_levels]``, and the client-side base
class every ``rpcapi.py`` builds on.

A client is made on first use, not at import or service start, so that
``auto`` can read the oldest running service's version from the
``services`` table (through the conductor on a compute) once the
deployment is up. Usage::

    class SchedulerAPI(rpc_versions.RPCAPI):
        TOPIC = 'scheduler'
        VERSION = '1.1'
        UPGRADE_LEVEL = 'scheduler'

        def select_destinations(self, ctxt, ...):
            version = '1.1' if self.client.can_send_version('1.1') \
                else '1.0'
            ...
"""
from __future__ import annotations

from oslo_log import log as logging
import oslo_messaging as messaging

from minicompute import rpc

LOG = logging.getLogger(__name__)

#: [upgrade_levels] option -> (SERVICE_VERSION_HISTORY key, binary).
LEVELS = {
    'compute': ('compute_rpc', 'minicompute-compute'),
    'conductor': ('conductor_rpc', 'minicompute-conductor'),
    'compute_task': ('compute_task_rpc', 'minicompute-conductor'),
    'scheduler': ('scheduler_rpc', 'minicompute-scheduler'),
}


def version_cap(conf, level: str) -> str | None:
    """The cap for the API named ``level`` (a key of LEVELS), or None.

    ``compute_task`` shares the ``conductor`` option: both are the
    conductor's.
    """
    from minicompute import context as mc_context
    from minicompute import objects, release_mappings
    from minicompute.objects import service as service_obj
    history_key, binary = LEVELS[level]
    option = 'conductor' if level == 'compute_task' else level
    value = conf.upgrade_levels[option]
    if not value:
        return None
    if value == 'auto':
        oldest = objects.Service.get_minimum_version(
            mc_context.get_admin_context(), binary)
        if oldest is None or oldest >= service_obj.SERVICE_VERSION:
            return None
        cap = service_obj.SERVICE_VERSION_HISTORY[oldest][history_key]
        LOG.info('%s RPC capped at %s: the oldest %s runs service '
                 'version %s', level, cap, binary, oldest)
        return cap
    if value in release_mappings.RELEASE_MAPPING:
        return release_mappings.rpc_version(value, history_key)
    return value


class RPCAPI:
    """Client side of one RPC API; subclasses set the class attributes."""

    TOPIC: str
    NAMESPACE: str | None = None
    VERSION: str
    #: A key of LEVELS: which [upgrade_levels] option caps this API.
    UPGRADE_LEVEL: str

    def __init__(self, timeout: int | None = None):
        self._timeout = timeout
        self._client = None

    @property
    def client(self) -> messaging.RPCClient:
        if self._client is None:
            target = messaging.Target(topic=self.TOPIC,
                                      namespace=self.NAMESPACE,
                                      version=self.VERSION)
            self._client = rpc.get_client(
                target, timeout=self._timeout,
                version_cap=version_cap(rpc.get_conf(), self.UPGRADE_LEVEL))
        return self._client

    def can_send_version(self, version: str) -> bool:
        return self.client.can_send_version(version)
