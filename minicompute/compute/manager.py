"""The compute service's RPC endpoint. It stays thin: builds, deletes,
resource reports and start-up recovery live in their own modules.

Builds run in worker threads so the RPC thread returns at once; each holds
the instance's lock (so a delete waits for the build step it races) and a
slot of the ``[compute] max_concurrent_builds`` semaphore.
"""
import contextlib
import threading

from oslo_concurrency import lockutils
from oslo_log import log as logging
import oslo_messaging as messaging
from oslo_service import periodic_task

from minicompute import context as mc_context
from minicompute import manager, objects
from minicompute.compute import build, recovery, resource_tracker, terminate
from minicompute.conductor import api as conductor_api
from minicompute.virt import driver as virt_driver

LOG = logging.getLogger(__name__)


class ComputeManager(manager.Manager):
    target = messaging.Target(version='1.0')

    def __init__(self, conf, host: str, driver=None):
        super().__init__(conf, host, 'compute')
        self.driver = driver or virt_driver.load_compute_driver(conf)
        self.rt = resource_tracker.ResourceTracker(conf, host, self.driver)
        self.builder = build.InstanceBuilder(
            conf, host, self.driver, self.rt,
            conductor_api.ComputeTaskAPI())
        self.terminator = terminate.InstanceTerminator(host, self.driver,
                                                       self.rt)
        limit = conf.compute.max_concurrent_builds
        self._build_slots = (threading.BoundedSemaphore(limit) if limit
                             else contextlib.nullcontext())
        self._build_threads: set[threading.Thread] = set()

    # ------------------------------------------------------------ lifecycle
    def init_host(self) -> None:
        self.driver.init_host(self.host)
        ctxt = mc_context.get_admin_context()
        self.rt.update_available_resource(ctxt)
        recovery.recover_instances(
            ctxt, objects.InstanceList.get_by_host(ctxt, self.host),
            self.builder, self.terminator)

    def cleanup_host(self) -> None:
        for thread in list(self._build_threads):
            thread.join(timeout=self.conf.libvirt.wait_for_running_timeout)
        self.driver.cleanup_host(self.host)

    # ------------------------------------------------------------------ RPC
    def build_and_run_instance(self, context, instance, node, request_spec,
                               host_list):
        thread = threading.Thread(
            target=self._locked_build,
            args=(context, instance, node, request_spec, host_list),
            name='build-%s' % instance.uuid, daemon=True)
        self._build_threads.add(thread)
        thread.start()

    def _locked_build(self, context, instance, node, request_spec,
                      host_list):
        try:
            with self._build_slots, lockutils.lock(instance.uuid):
                self.builder.build(context, instance, node, request_spec,
                                   host_list)
        finally:
            self._build_threads.discard(threading.current_thread())

    def terminate_instance(self, context, instance):
        with lockutils.lock(instance.uuid):
            self.terminator.terminate(context, instance)

    # ------------------------------------------------------------- periodic
    # spacing=0: every [DEFAULT] periodic_interval.
    @periodic_task.periodic_task(spacing=0, run_immediately=False)
    def update_available_resource(self, context):
        self.rt.update_available_resource(context)

    @periodic_task.periodic_task(spacing=0, run_immediately=False)
    def check_instance_build_time(self, context):
        timeout = self.conf.instance_build_timeout
        if timeout:
            recovery.fail_timed_out_builds(
                context, objects.InstanceList.get_by_host(context,
                                                          self.host),
                timeout, self.builder)
