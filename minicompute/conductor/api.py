"""What other services call on the conductor."""
from __future__ import annotations

import threading

from oslo_log import log as logging
import oslo_messaging as messaging

from minicompute.conductor import rpcapi

LOG = logging.getLogger(__name__)


class ConductorAPI:
    """What a service without database access asks of the conductor."""

    def __init__(self):
        self.conductor_rpcapi = rpcapi.ConductorAPI()

    def wait_until_ready(self, context, stop: threading.Event | None = None,
                         attempt_timeout: float = 5) -> bool:
        """Block until a conductor answers a ping (or ``stop`` is set).

        A call to a topic no conductor has declared yet is dropped by the
        broker, so a compute that registered before any conductor was up
        would wait out a whole RPC timeout, and then fail its start; Nova's
        compute waits for the conductor the same way.

        :returns: True once a conductor answered, False if stopped first
        """
        attempt = 0
        while stop is None or not stop.is_set():
            attempt += 1
            try:
                self.conductor_rpcapi.ping(context, 'ready',
                                           timeout=attempt_timeout)
            except messaging.RPCVersionCapError:
                # Capped below 1.1: the conductors predate ping.
                return True
            except messaging.MessagingTimeout:
                LOG.warning('No conductor has answered yet (attempt %d); '
                            'waiting for one to start', attempt)
                continue
            if attempt > 1:
                LOG.info('A conductor answered after %d attempts', attempt)
            return True
        return False


class ComputeTaskAPI:
    def __init__(self):
        self.conductor_compute_rpcapi = rpcapi.ComputeTaskAPI()

    def schedule_and_build_instances(self, context, request_spec,
                                     instance_uuids) -> None:
        self.conductor_compute_rpcapi.schedule_and_build_instances(
            context, request_spec, instance_uuids)

    def build_instances(self, context, instance, request_spec, host_list,
                        reason) -> None:
        self.conductor_compute_rpcapi.build_instances(
            context, instance, request_spec, host_list, reason)
