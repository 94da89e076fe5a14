"""What a compute service fixes when it starts (Nova's ``_init_instance``):
deletes interrupted by a restart are finished, builds interrupted by one
are failed with a fault and their claims freed, and interrupted lifecycle
actions are retried or undone (``actions.InstanceActions.recover``).
"""
from oslo_log import log as logging
from oslo_utils import timeutils

from minicompute import exception
from minicompute.compute import task_states, vm_states

LOG = logging.getLogger(__name__)

INTERRUPTED_BUILD = ('The compute service restarted while the instance '
                     'was being built.')


def recover_instances(context, instances, builder, terminator,
                      actions=None) -> None:
    for instance in instances:
        try:
            if instance.task_state == task_states.DELETING:
                LOG.info('Finishing the interrupted delete of %s',
                         instance.uuid)
                terminator.terminate(context, instance)
            elif instance.vm_state == vm_states.BUILDING:
                LOG.warning('Failing the interrupted build of %s',
                            instance.uuid)
                builder._cleanup(context, instance)
                builder._set_error(context, instance,
                                   exception.BuildAbortException(
                                       instance_uuid=instance.uuid,
                                       reason=INTERRUPTED_BUILD))
            elif actions is not None:
                actions.recover(context, instance)
        except Exception:
            LOG.exception('Could not recover instance %s', instance.uuid)


def fail_timed_out_builds(context, instances, timeout: int,
                          builder) -> None:
    """Nova's ``instance_build_timeout``: builds older than ``timeout``
    seconds go to ERROR with a fault and give back their claims."""
    now = timeutils.utcnow()
    for instance in instances:
        if instance.vm_state != vm_states.BUILDING or \
                instance.created_at is None:
            continue
        age = timeutils.delta_seconds(
            instance.created_at.replace(tzinfo=None), now)
        if age <= timeout:
            continue
        LOG.warning('Instance %s has been building for %d s; failing it',
                    instance.uuid, age)
        builder._cleanup(context, instance)
        builder._set_error(context, instance, exception.BuildAbortException(
            instance_uuid=instance.uuid,
            reason='Instance build timed out after %d seconds.' % timeout))
