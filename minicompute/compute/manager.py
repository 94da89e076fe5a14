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
from minicompute import exception, manager, objects
from minicompute.compute import (
    actions,
    build,
    host_health,
    power_sync,
    recovery,
    resource_tracker,
    terminate,
)
from minicompute.conductor import api as conductor_api
from minicompute.virt import driver as virt_driver

LOG = logging.getLogger(__name__)


class ComputeManager(manager.Manager):
    target = messaging.Target(version='1.3')

    def __init__(self, conf, host: str, driver=None):
        super().__init__(conf, host, 'compute')
        # Periodic spacings that come from config (a decorator's is fixed
        # at import).
        self._periodic_spacing = dict(self._periodic_spacing)
        for task, spacing in (
                ('_sync_power_states', conf.sync_power_state_interval),
                ('_cleanup_running_deleted_instances',
                 conf.running_deleted_instance_poll_interval or -1)):
            self._periodic_spacing[task] = spacing
        self.driver = driver or virt_driver.load_compute_driver(conf)
        self.rt = resource_tracker.ResourceTracker(conf, host, self.driver)
        self.builder = build.InstanceBuilder(
            conf, host, self.driver, self.rt,
            conductor_api.ComputeTaskAPI())
        self.terminator = terminate.InstanceTerminator(host, self.driver,
                                                       self.rt)
        self.actions = actions.InstanceActions(conf, host, self.driver)
        limit = conf.compute.max_concurrent_builds
        self._build_slots = (threading.BoundedSemaphore(limit) if limit
                             else contextlib.nullcontext())
        self._build_threads: set[threading.Thread] = set()
        self.health = host_health.HostHealth(host, self.driver)
        self._driver_started = False

    # ------------------------------------------------------------ lifecycle
    def init_host(self) -> None:
        """Start the driver, unless the host checks fail: then the service
        runs disabled (host_health) and the driver's start waits for
        check_host_health to pass."""
        ctxt = mc_context.get_admin_context()
        if self.health.check(ctxt):
            return
        self._start_driver(ctxt)

    def _start_driver(self, ctxt) -> None:
        self.driver.init_host(self.host)
        self.driver.register_event_listener(self._handle_lifecycle_event)
        self.rt.update_available_resource(ctxt)
        recovery.recover_instances(
            ctxt, objects.InstanceList.get_by_host(ctxt, self.host),
            self.builder, self.terminator, actions=self.actions)
        self._reconcile_orphans(ctxt)
        power_sync.sync_all(ctxt, objects.InstanceList.get_by_host(
            ctxt, self.host), self.driver, self.host)
        self._driver_started = True

    def _handle_lifecycle_event(self, instance_uuid: str) -> None:
        ctxt = mc_context.get_admin_context()
        try:
            instance = objects.Instance.get_by_uuid(ctxt, instance_uuid)
        except exception.InstanceNotFound:
            return      # an orphan: the periodic reconciliation's business
        power_sync.sync_instance(ctxt, instance, self.driver, self.host)

    def _reconcile_orphans(self, ctxt) -> None:
        power_sync.reconcile_orphans(
            ctxt, self.driver, self.host,
            self.conf.running_deleted_instance_action,
            objects.Instance.get_by_uuid)

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
        # This worker thread logs for the API request that started the
        # build: make its context current so log lines carry its id.
        context.update_store()
        try:
            with self._build_slots, lockutils.lock(instance.uuid):
                self.builder.build(context, instance, node, request_spec,
                                   host_list)
        finally:
            self._build_threads.discard(threading.current_thread())

    def terminate_instance(self, context, instance):
        with lockutils.lock(instance.uuid):
            self.terminator.terminate(context, instance)

    # Lifecycle actions (1.1): workflows in compute/actions.py, each under
    # the instance's lock so a delete or another action waits its turn.
    def reboot_instance(self, context, instance, reboot_type):
        with lockutils.lock(instance.uuid):
            self.actions.reboot(context, instance, reboot_type)

    def stop_instance(self, context, instance, clean_shutdown=True):
        with lockutils.lock(instance.uuid):
            self.actions.stop(context, instance, clean_shutdown)

    def start_instance(self, context, instance):
        with lockutils.lock(instance.uuid):
            self.actions.start(context, instance)

    def pause_instance(self, context, instance):
        with lockutils.lock(instance.uuid):
            self.actions.pause(context, instance)

    def unpause_instance(self, context, instance):
        with lockutils.lock(instance.uuid):
            self.actions.unpause(context, instance)

    def suspend_instance(self, context, instance):
        with lockutils.lock(instance.uuid):
            self.actions.suspend(context, instance)

    def resume_instance(self, context, instance):
        with lockutils.lock(instance.uuid):
            self.actions.resume(context, instance)

    def rebuild_instance(self, context, instance, image, orig_image_ref):
        with lockutils.lock(instance.uuid):
            self.actions.rebuild(context, instance, image, orig_image_ref)

    # 1.2: an NMI into the guest (microversion 2.17).
    def trigger_crash_dump(self, context, instance):
        with lockutils.lock(instance.uuid):
            self.actions.trigger_crash_dump(context, instance)

    # 1.3: the host's uptime line (GET /os-hypervisors/{id}/uptime).
    @messaging.expected_exceptions(NotImplementedError)
    def get_host_uptime(self, context):
        return self.driver.get_host_uptime()

    @messaging.expected_exceptions(exception.InstanceNotFound)
    def get_console_output(self, context, instance, tail_length):
        # A read: no lock, or it would wait out a long reboot.
        return self.actions.get_console_output(context, instance,
                                               tail_length)

    # ------------------------------------------------------------- periodic
    # spacing=0: every [DEFAULT] periodic_interval. Tasks that need the
    # driver wait until it has started.
    @periodic_task.periodic_task(spacing=0, run_immediately=False)
    def check_host_health(self, context):
        if not self.health.check(context) and not self._driver_started:
            self._start_driver(context)

    @periodic_task.periodic_task(spacing=0, run_immediately=False)
    def update_available_resource(self, context):
        if self._driver_started:
            self.rt.update_available_resource(context)

    @periodic_task.periodic_task(spacing=0, run_immediately=False)
    def check_instance_build_time(self, context):
        timeout = self.conf.instance_build_timeout
        if timeout:
            recovery.fail_timed_out_builds(
                context, objects.InstanceList.get_by_host(context,
                                                          self.host),
                timeout, self.builder)

    @periodic_task.periodic_task(spacing=600, run_immediately=False)
    def _sync_power_states(self, context):
        if not self._driver_started:
            return
        power_sync.sync_all(context, objects.InstanceList.get_by_host(
            context, self.host), self.driver, self.host)

    @periodic_task.periodic_task(spacing=1800, run_immediately=False)
    def _cleanup_running_deleted_instances(self, context):
        if self._driver_started:
            self._reconcile_orphans(context)
