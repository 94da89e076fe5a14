"""Lifecycle actions on an instance on this host: reboot, stop, start,
pause, unpause, suspend, resume, rebuild, crash dump and console output.

The compute API has already checked the instance's state, set its
task_state and recorded the action; here the driver does the work and the
instance is moved to its new vm_state, as Nova's compute manager does.
Every action runs as a compute event of the request's action record
(``compute_<rpc method>``), under the instance's lock, which the manager
takes, and sends Nova's versioned notifications: ``instance.<action>.start``
before the driver acts, ``.end`` once the instance is saved in its new
state (``.error`` for a failed reboot of a guest that still runs and for a
failed rebuild, as in Nova).

On a driver error the fault is recorded and, depending on the action, the
task_state is reverted (stop, start, pause, unpause, a reboot that left the
guest running) or the instance goes to ERROR (suspend, resume, rebuild, a
reboot that left it dead) — Nova's choices.

Usage (from the manager)::

    actions = InstanceActions(conf, host, driver)
    with lockutils.lock(instance.uuid):
        actions.pause(context, instance)
"""
from __future__ import annotations

import contextlib

from oslo_log import log as logging
from oslo_utils import excutils, timeutils

from minicompute import exception
from minicompute.compute import build, power_state, task_states, vm_states
from minicompute.notifications import send as notify
from minicompute.objects import instance_action

LOG = logging.getLogger(__name__)

# Nova's retry interval between clean shutdown requests.
SHUTDOWN_RETRY_INTERVAL = 10

SOFT_REBOOT_STATES = (task_states.REBOOTING, task_states.REBOOT_PENDING,
                      task_states.REBOOT_STARTED)
HARD_REBOOT_STATES = (task_states.REBOOTING_HARD,
                      task_states.REBOOT_PENDING_HARD,
                      task_states.REBOOT_STARTED_HARD)

REBUILD_STATES = (task_states.REBUILDING,
                  task_states.REBUILD_BLOCK_DEVICE_MAPPING,
                  task_states.REBUILD_SPAWNING)


REVERT = 'revert'
ERROR = 'error'

# Outcomes that are no failure of the action (a delete or a newer request
# took over): no .error notification for them.
_TAKEN_OVER = (exception.UnexpectedTaskStateError,
               exception.InstanceNotFound)


class InstanceActions:
    def __init__(self, conf, host: str, driver):
        self.conf = conf
        self.host = host
        self.driver = driver

    # ------------------------------------------------------------ helpers
    @contextlib.contextmanager
    def _action(self, context, instance, event: str, states: tuple,
                on_error: str, notification: str | None = None):
        """Run an action as compute event ``event``; never raises.

        :param states: the task_states the action passes through (what a
            revert compares against, so a concurrent delete is kept)
        :param on_error: REVERT the task_state or set vm_state ERROR; a
            driver without the action (NotImplementedError) always reverts
        :param notification: Nova's action name: ``instance.<name>.start``
            is sent first, ``.end`` when the action completed
        """
        try:
            with instance_action.EventReporter(context, event, self.host,
                                               instance.uuid):
                if notification:
                    notify.instance_action(context, instance, self.host,
                                           notification, notify.START)
                yield
                if notification:
                    notify.instance_action(context, instance, self.host,
                                           notification, notify.END)
        except exception.UnexpectedDeletingTaskStateError:
            # A delete came in meanwhile: it wins, and will clean up.
            LOG.info('Instance %s is being deleted; %s stops',
                     instance.uuid, event)
        except exception.UnexpectedTaskStateError as e:
            LOG.warning('%s of %s abandoned: %s', event, instance.uuid,
                        e.format_message())
        except NotImplementedError as e:
            LOG.warning('%s is not supported by this driver', event)
            self._record_failure(instance, e, states, REVERT)
        except Exception as e:
            LOG.exception('%s of %s failed', event, instance.uuid)
            self._record_failure(instance, e, states, on_error)

    def _record_failure(self, instance, error, states: tuple,
                        on_error: str) -> None:
        if on_error == ERROR:
            instance.vm_state = vm_states.ERROR
        instance.task_state = None
        try:
            # The fault first: whoever sees ERROR also sees why.
            instance.add_fault(error, host=self.host)
            instance.save(expected_task_state=list(states))
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            # Deleted, or taken over by a newer request (a delete): its
            # outcome is the one to keep.
            return

    def _power_state(self, instance) -> int:
        try:
            return self.driver.get_info(instance).state
        except exception.InstanceNotFound:
            return power_state.NOSTATE

    def _finish(self, instance, vm_state: str, expected) -> None:
        instance.power_state = self._power_state(instance)
        instance.vm_state = vm_state
        instance.task_state = None
        instance.save(expected_task_state=expected)

    def _power_off(self, instance, clean_shutdown: bool) -> None:
        timeout = self.conf.shutdown_timeout if clean_shutdown else 0
        self.driver.power_off(instance, timeout, SHUTDOWN_RETRY_INTERVAL)

    # ------------------------------------------------------------- reboot
    def reboot(self, context, instance, reboot_type: str) -> None:
        hard = reboot_type == 'HARD'
        pending, started, expected = (
            (task_states.REBOOT_PENDING_HARD, task_states.REBOOT_STARTED_HARD,
             HARD_REBOOT_STATES) if hard else
            (task_states.REBOOT_PENDING, task_states.REBOOT_STARTED,
             SOFT_REBOOT_STATES))
        with self._action(context, instance, 'compute_reboot_instance',
                          expected + (pending, started), ERROR):
            instance.task_state = pending
            instance.save(expected_task_state=list(expected))
            notify.instance_action(context, instance, self.host, 'reboot',
                                   notify.START)
            instance.power_state = self._power_state(instance)
            instance.task_state = started
            instance.save(expected_task_state=[pending])
            try:
                self.driver.reboot(context, instance, reboot_type)
            except Exception as e:
                # Nova: a guest that still runs is not broken, only the
                # reboot failed; anything else is ERROR.
                if self._power_state(instance) != power_state.RUNNING:
                    raise
                LOG.warning('Reboot of %s failed but it is running: %s',
                            instance.uuid, e)
                instance.add_fault(e, host=self.host)
                notify.instance_action(context, instance, self.host,
                                       'reboot', notify.ERROR, exception=e)
            self._finish(instance, vm_states.ACTIVE, [started])
            notify.instance_action(context, instance, self.host, 'reboot',
                                   notify.END)

    # ---------------------------------------------------------- stop/start
    def stop(self, context, instance, clean_shutdown: bool = True) -> None:
        with self._action(context, instance, 'compute_stop_instance',
                          (task_states.POWERING_OFF,), REVERT,
                          notification='power_off'):
            expected = [task_states.POWERING_OFF]
            # A retried stop of a guest that is already off may find the
            # task_state cleared by a previous attempt.
            if self._power_state(instance) in (power_state.SHUTDOWN,
                                               power_state.CRASHED):
                expected.append(None)
            self._power_off(instance, clean_shutdown)
            self._finish(instance, vm_states.STOPPED, expected)

    def start(self, context, instance) -> None:
        with self._action(context, instance, 'compute_start_instance',
                          (task_states.POWERING_ON,), REVERT,
                          notification='power_on'):
            self.driver.power_on(context, instance)
            self._finish(instance, vm_states.ACTIVE,
                         [task_states.POWERING_ON])

    # ------------------------------------------------------ pause/suspend
    def pause(self, context, instance) -> None:
        with self._action(context, instance, 'compute_pause_instance',
                          (task_states.PAUSING,), REVERT,
                          notification='pause'):
            self.driver.pause(instance)
            self._finish(instance, vm_states.PAUSED, [task_states.PAUSING])

    def unpause(self, context, instance) -> None:
        with self._action(context, instance, 'compute_unpause_instance',
                          (task_states.UNPAUSING,), REVERT,
                          notification='unpause'):
            self.driver.unpause(instance)
            self._finish(instance, vm_states.ACTIVE,
                         [task_states.UNPAUSING])

    def suspend(self, context, instance) -> None:
        with self._action(context, instance, 'compute_suspend_instance',
                          (task_states.SUSPENDING,), ERROR,
                          notification='suspend'):
            self.driver.suspend(context, instance)
            self._finish(instance, vm_states.SUSPENDED,
                         [task_states.SUSPENDING])

    def resume(self, context, instance) -> None:
        with self._action(context, instance, 'compute_resume_instance',
                          (task_states.RESUMING,), ERROR,
                          notification='resume'):
            self.driver.resume(context, instance)
            self._finish(instance, vm_states.ACTIVE,
                         [task_states.RESUMING])

    # ------------------------------------------------------------ rebuild
    def rebuild(self, context, instance, image, orig_image_ref: str) -> None:
        """Destroy the domain and its disks and spawn again from ``image``
        on this host, keeping the uuid and the claim; a stopped instance
        is stopped again afterwards (Nova)."""
        orig_vm_state = instance.vm_state
        with self._action(context, instance, 'compute_rebuild_instance',
                          REBUILD_STATES, ERROR):
            LOG.info('Rebuilding %s from image %s (was %s)', instance.uuid,
                     image.id, orig_image_ref)
            notify.instance_rebuild(context, instance, self.host,
                                    notify.START)
            try:
                self._rebuild(context, instance, image)
            except Exception as e:
                with excutils.save_and_reraise_exception():
                    if not isinstance(e, _TAKEN_OVER):
                        notify.instance_rebuild(context, instance,
                                                self.host, notify.ERROR,
                                                exception=e)
            notify.instance_rebuild(context, instance, self.host,
                                    notify.END)
        if orig_vm_state == vm_states.STOPPED and \
                instance.vm_state == vm_states.ACTIVE:
            LOG.info('Restoring the stopped state of rebuilt %s',
                     instance.uuid)
            instance.task_state = task_states.POWERING_OFF
            try:
                instance.save(expected_task_state=[None])
            except (exception.InstanceNotFound,
                    exception.UnexpectedTaskStateError):
                return
            self.stop(context, instance, clean_shutdown=False)

    def _rebuild(self, context, instance, image) -> None:
        """The rebuild proper: power off, destroy, spawn from ``image``."""
        build.check_trusted_certs(self.driver, instance)
        instance.power_state = self._power_state(instance)
        instance.task_state = task_states.REBUILDING
        instance.save(expected_task_state=[task_states.REBUILDING])
        if instance.power_state == power_state.RUNNING:
            self._power_off(instance, clean_shutdown=True)
        self.driver.destroy(context, instance)
        instance.task_state = task_states.REBUILD_BLOCK_DEVICE_MAPPING
        instance.save(expected_task_state=[task_states.REBUILDING])
        instance.task_state = task_states.REBUILD_SPAWNING
        instance.save(expected_task_state=[
            task_states.REBUILD_BLOCK_DEVICE_MAPPING])
        self.driver.spawn(context, instance, image, instance.networks)
        instance.launched_at = timeutils.utcnow()
        self._finish(instance, vm_states.ACTIVE,
                     [task_states.REBUILD_SPAWNING])

    # ------------------------------------------------------------ recovery
    def recover(self, context, instance) -> bool:
        """Finish or undo an action a compute restart interrupted, as
        Nova's ``_init_instance`` does; False if ``instance`` has none.

        Reboots, stops and starts are retried (a reboot as HARD: whether
        the guest got the power button is unknown); a rebuild leaves the
        instance without a known disk, so it goes to ERROR; the quick
        actions (pause, suspend, ...) only drop their task_state, and the
        power-state sync takes the instance from there.
        """
        state = instance.task_state
        if state in SOFT_REBOOT_STATES + HARD_REBOOT_STATES:
            LOG.info('Retrying the interrupted reboot of %s', instance.uuid)
            instance.task_state = task_states.REBOOTING_HARD
            instance.save(expected_task_state=[state])
            self.reboot(context, instance, 'HARD')
        elif state == task_states.POWERING_OFF:
            LOG.info('Retrying the interrupted stop of %s', instance.uuid)
            self.stop(context, instance)
        elif state == task_states.POWERING_ON:
            LOG.info('Retrying the interrupted start of %s', instance.uuid)
            self.start(context, instance)
        elif state in REBUILD_STATES:
            LOG.warning('Failing the interrupted rebuild of %s',
                        instance.uuid)
            self._record_failure(instance, exception.InstanceInvalidState(
                method='rebuild', instance_uuid=instance.uuid,
                attr='task_state', state=state), REBUILD_STATES, ERROR)
        elif state in (task_states.PAUSING, task_states.UNPAUSING,
                       task_states.SUSPENDING, task_states.RESUMING):
            LOG.info('Clearing the interrupted %s of %s', state,
                     instance.uuid)
            instance.power_state = self._power_state(instance)
            instance.task_state = None
            instance.save(expected_task_state=[state])
        else:
            return False
        return True

    # ---------------------------------------------------------- crash dump
    def trigger_crash_dump(self, context, instance) -> None:
        """Inject an NMI into the guest (microversion 2.17); never raises.

        No state changes, as in Nova: what the guest does with the NMI is
        its own configuration. A failure (a driver or hypervisor without
        NMIs, a guest that is not running) is the event's Error result and
        an instance fault, as Nova's wrap_instance_event and
        wrap_instance_fault record it; the API answered 202 long ago.
        """
        try:
            with instance_action.EventReporter(
                    context, 'compute_trigger_crash_dump', self.host,
                    instance.uuid):
                notify.instance_action(context, instance, self.host,
                                       'trigger_crash_dump', notify.START)
                self.driver.trigger_crash_dump(instance)
                notify.instance_action(context, instance, self.host,
                                       'trigger_crash_dump', notify.END)
        except exception.InstanceNotFound:
            LOG.info('Instance %s is gone; no crash dump', instance.uuid)
        except Exception as e:
            LOG.warning('Crash dump of %s failed: %s', instance.uuid, e)
            try:
                instance.add_fault(e, host=self.host)
            except exception.InstanceNotFound:
                pass

    # ------------------------------------------------------------- console
    def get_console_output(self, context, instance,
                           tail_length: int | None) -> str:
        """The console log's tail, without control characters (Nova strips
        them so the JSON reply stays printable)."""
        output = self.driver.get_console_output(context, instance,
                                                tail_length)
        return _strip_control_characters(output)


_CONTROL = {code: None for code in range(0x20) if code not in (0x09, 0x0a)}


def _strip_control_characters(text: str) -> str:
    return text.translate(_CONTROL)
