"""Building an instance on this host: claim, spawn, mark ACTIVE; on a
failure reschedule through the conductor, on a delete during the build
clean up and stop.
"""
from __future__ import annotations

from oslo_log import log as logging
from oslo_utils import excutils, timeutils

from minicompute import exception
from minicompute.compute import group_policy, task_states, vm_states
from minicompute.notifications import send as notify
from minicompute.objects import instance_action

LOG = logging.getLogger(__name__)

BUILD_EVENT = 'compute_build_and_run_instance'

# Errors that mean "the instance is being or was deleted": stop, clean up.
DELETED_DURING_BUILD = (exception.InstanceNotFound,
                        exception.UnexpectedDeletingTaskStateError)


class InstanceBuilder:
    def __init__(self, conf, host: str, driver, resource_tracker,
                 compute_task_api):
        self.conf = conf
        self.host = host
        self.driver = driver
        self.rt = resource_tracker
        self.compute_task_api = compute_task_api

    def build(self, context, instance, node: str, request_spec,
              host_list) -> None:
        """Run the whole build; never raises (the outcome is recorded)."""
        try:
            with instance_action.EventReporter(context, BUILD_EVENT,
                                               self.host, instance.uuid):
                # Outcomes that are not this host's failure end the event
                # as a success, so BuildFailureWeigher does not hold them
                # against the host (as in Nova).
                try:
                    self._notified_build_and_run(context, instance, node,
                                                 request_spec)
                except DELETED_DURING_BUILD:
                    LOG.info('Instance %s was deleted during its build',
                             instance.uuid)
                    self._cleanup(context, instance)
                except (exception.UnexpectedTaskStateError,
                        exception.InstanceInvalidState) as e:
                    # Not ours to build any more (e.g. start-up recovery
                    # failed it while this cast waited in the queue).
                    LOG.warning('Not building %s: %s', instance.uuid,
                                e.format_message())
        except exception.RescheduledException as e:
            LOG.warning('Build of %s on %s failed: %s', instance.uuid,
                        self.host, e.format_message())
            self._reschedule(context, instance, request_spec, host_list,
                             e.kwargs.get('reason', e.format_message()))
        except Exception as e:
            LOG.exception('Build of %s failed', instance.uuid)
            self._cleanup(context, instance)
            self._set_error(context, instance, e)

    def _notified_build_and_run(self, context, instance, node,
                                request_spec) -> None:
        """_build_and_run between instance.create.start and .end, and
        instance.create.error on any failure (a reschedule too), as
        Nova's _build_and_run_instance sends them."""
        notify.instance_create(context, instance, self.host, notify.START)
        try:
            self._build_and_run(context, instance, node, request_spec)
        except Exception as e:
            with excutils.save_and_reraise_exception():
                notify.instance_create(context, instance, self.host,
                                       notify.ERROR, exception=e)
        notify.instance_create(context, instance, self.host, notify.END)

    def _build_and_run(self, context, instance, node, request_spec) -> None:
        check_trusted_certs(self.driver, instance)
        instance.root_device_name = self.driver.default_root_device_name(
            instance, request_spec.image)
        instance.task_state = task_states.SPAWNING
        instance.save(expected_task_state=[task_states.SCHEDULING, None],
                      expected_vm_state=[vm_states.BUILDING])
        group_policy.validate(context, self.host, instance, request_spec)
        try:
            with self.rt.instance_claim(context, instance, node):
                try:
                    self.driver.spawn(context, instance, request_spec.image,
                                      instance.networks)
                except Exception as e:
                    self.driver.destroy(context, instance)
                    raise exception.RescheduledException(
                        instance_uuid=instance.uuid,
                        reason=_reason(e))
        except exception.ClaimFailed as e:
            raise exception.RescheduledException(
                instance_uuid=instance.uuid, reason=e.format_message())
        instance.power_state = self.driver.get_info(instance).state
        instance.vm_state = vm_states.ACTIVE
        instance.task_state = None
        instance.launched_at = timeutils.utcnow()
        instance.save(expected_task_state=task_states.SPAWNING)
        LOG.info('Instance %s is ACTIVE on %s', instance.uuid, self.host)

    def _reschedule(self, context, instance, request_spec, host_list,
                    reason: str) -> None:
        self.rt.release(context, instance)
        instance.host = None
        instance.node = None
        instance.task_state = task_states.SCHEDULING
        try:
            instance.save(expected_task_state=task_states.SPAWNING)
        except DELETED_DURING_BUILD:
            self._cleanup(context, instance)
            return
        self.compute_task_api.build_instances(context, instance,
                                              request_spec, host_list or [],
                                              reason)

    def _cleanup(self, context, instance) -> None:
        try:
            self.driver.destroy(context, instance)
        except Exception:
            LOG.exception('Could not clean up instance %s', instance.uuid)
        self.rt.release(context, instance)

    def _set_error(self, context, instance, error) -> None:
        instance.vm_state = vm_states.ERROR
        instance.task_state = None
        try:
            # The fault first: whoever sees ERROR also sees why.
            instance.add_fault(error, host=self.host)
            instance.save()
        except exception.InstanceNotFound:
            pass


def check_trusted_certs(driver, instance) -> None:
    """Nova's check: trusted image certificates need a driver that
    validates image signatures (BuildAbortException: no reschedule)."""
    certs = (instance.trusted_certs
             if instance.obj_attr_is_set('trusted_certs') else None)
    if certs and not driver.capabilities.get('supports_trusted_certs',
                                             False):
        raise exception.BuildAbortException(
            instance_uuid=instance.uuid,
            reason='Trusted image certificates provided on host that does '
                   'not support certificate validation.')


def _reason(error: Exception) -> str:
    if isinstance(error, exception.MinicomputeException):
        return error.format_message()
    return '%s: %s' % (error.__class__.__name__, error)
