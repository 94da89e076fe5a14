"""A minicompute RPC service: manager endpoints on a topic, a heartbeat in
the database and periodic tasks, started and stopped by oslo.service.

Usage::

    server = service.Service.create(conf, binary='minicompute-scheduler',
                                    topic='scheduler',
                                    manager=SchedulerManager(conf, host))
    service.serve(conf, server)     # or server.start() in one process
"""
from __future__ import annotations

import threading

from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_service import service as os_service
from oslo_utils import timeutils

from minicompute import concurrency, exception, objects, rpc
from minicompute import context as mc_context
from minicompute.objects import base as objects_base
from minicompute.objects import service as service_obj

LOG = logging.getLogger(__name__)


class Service(os_service.Service):

    def __init__(self, conf, host: str, binary: str, topic: str, manager,
                 server_name: str | None = None):
        super().__init__()
        self.conf = conf
        self.host = host
        self.binary = binary
        self.topic = topic
        self.manager = manager
        self.server_name = server_name
        self.rpcserver = None
        self.service_ref = None
        self._stopping = threading.Event()
        self._timers: list[threading.Thread] = []

    @classmethod
    def create(cls, conf, binary: str, topic: str, manager,
               host: str | None = None, server_name: str | None = None):
        return cls(conf, host or conf.host, binary, topic, manager,
                   server_name=server_name)

    # --------------------------------------------------------------- start
    def start(self) -> None:
        LOG.info('Starting %s on %s (topic %s, %s concurrency backend)',
                 self.binary, self.host, self.topic, concurrency.init())
        ctxt = mc_context.get_admin_context()
        if objects_base.MinicomputeObject.indirection_api is not None:
            # Objects go through the conductor: wait for one to listen.
            from minicompute.conductor import api as conductor_api
            if not conductor_api.ConductorAPI().wait_until_ready(
                    ctxt, stop=self._stopping):
                return
        self._register(ctxt)
        self.manager.init_host()
        target = messaging.Target(topic=self.topic,
                                  server=self.server_name or self.host)
        endpoints = [self.manager] + list(
            getattr(self.manager, 'additional_endpoints', []))
        self.rpcserver = rpc.get_server(target, endpoints)
        self.rpcserver.start()
        self.manager.post_start_hook()
        self._start_timer('heartbeat', self.conf.report_interval,
                          self.report_state)
        self._start_timer('periodic', self.conf.periodic_interval,
                          self._run_periodic_tasks)

    def _register(self, ctxt) -> None:
        try:
            ref = objects.Service.get_by_host_and_binary(ctxt, self.host,
                                                         self.binary)
        except exception.NotFound:
            ref = objects.Service(ctxt, host=self.host, binary=self.binary,
                                  topic=self.topic, report_count=0,
                                  version=service_obj.SERVICE_VERSION,
                                  last_seen_up=timeutils.utcnow())
            try:
                ref.create()
            except exception.Conflict:
                ref = objects.Service.get_by_host_and_binary(
                    ctxt, self.host, self.binary)
        # What this code speaks, for [upgrade_levels] ... = auto elsewhere;
        # the heartbeat below saves it.
        ref.version = service_obj.SERVICE_VERSION
        self.service_ref = ref
        self.report_state()

    def _start_timer(self, name, interval, func) -> None:
        def loop():
            while not self._stopping.wait(interval):
                try:
                    func()
                except Exception:
                    LOG.exception('%s of %s failed', name, self.binary)
        thread = threading.Thread(target=loop, daemon=True,
                                  name='%s-%s' % (self.binary, name))
        thread.start()
        self._timers.append(thread)

    # ------------------------------------------------------------ heartbeat
    def report_state(self) -> None:
        """Write the heartbeat; a lost database is logged, not fatal."""
        ref = self.service_ref
        if ref is None:
            return
        try:
            ref.report_count += 1
            ref.last_seen_up = timeutils.utcnow()
            ref.save()
        except exception.ServiceNotFound:
            LOG.warning('Service record of %s was deleted; recreating',
                        self.binary)
            self.service_ref = None
            self._register(mc_context.get_admin_context())
        except messaging.MessagingTimeout:
            LOG.warning('Heartbeat of %s timed out', self.binary)

    def _run_periodic_tasks(self) -> None:
        self.manager.periodic_tasks(mc_context.get_admin_context())

    # ----------------------------------------------------------------- stop
    def stop(self, graceful: bool = True) -> None:
        LOG.info('Stopping %s on %s', self.binary, self.host)
        self._stopping.set()
        if self.rpcserver is not None:
            try:
                self.rpcserver.stop()
                if graceful:
                    self.rpcserver.wait()
            except Exception:
                LOG.exception('Error stopping the RPC server')
        try:
            self.manager.cleanup_host()
        except Exception:
            LOG.exception('Error cleaning up %s', self.binary)
        super().stop(graceful=graceful)

    def wait(self) -> None:
        self._stopping.wait()

    def reset(self) -> None:
        pass


def serve(conf, server: Service) -> None:
    """Run one service under oslo.service's launcher until SIGTERM."""
    launcher = os_service.launch(conf, server, restart_method='mutate')
    launcher.wait()
