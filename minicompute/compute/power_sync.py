"""Keeping power_state true: Nova's power-state sync rules, run for one
instance on a lifecycle event and for every instance periodically; and the
reconciliation of domains that have no live instance.

The hypervisor is the truth for power; the database is the truth for what
the user asked for. An instance with a task in progress is left alone (the
task owns its state); otherwise:

* ACTIVE but shut down, crashed, suspended or gone   -> STOPPED
* PAUSED but shut down or crashed                    -> STOPPED
* STOPPED but running                                -> powered off again
"""
from __future__ import annotations

from oslo_log import log as logging

from minicompute import exception, objects
from minicompute.compute import power_state, vm_states

LOG = logging.getLogger(__name__)

_OFF = (power_state.SHUTDOWN, power_state.CRASHED, power_state.NOSTATE)
_IGNORED_VM_STATES = (vm_states.BUILDING, vm_states.DELETED,
                      vm_states.SOFT_DELETED, vm_states.ERROR)


def driver_power_state(driver, instance) -> int:
    try:
        return driver.get_info(instance).state
    except exception.InstanceNotFound:
        return power_state.NOSTATE


def sync_instance(context, instance, driver, host: str) -> None:
    """Apply the sync rules to one instance (already loaded)."""
    if instance.host != host or instance.task_state is not None or \
            instance.vm_state in _IGNORED_VM_STATES:
        return
    current = driver_power_state(driver, instance)
    vm_state = instance.vm_state
    if current != instance.power_state:
        LOG.info('Instance %s power state is %s, was %s', instance.uuid,
                 current, instance.power_state)
        instance.power_state = current
    stop = ((vm_state == vm_states.ACTIVE and
             (current in _OFF or current == power_state.SUSPENDED)) or
            (vm_state == vm_states.PAUSED and current in _OFF))
    if stop:
        LOG.warning('Instance %s is %s but its guest is not running: '
                    'marking it stopped', instance.uuid, vm_state)
        instance.vm_state = vm_states.STOPPED
    try:
        instance.save(expected_task_state=[None],
                      expected_vm_state=[vm_state])
    except (exception.UnexpectedTaskStateError,
            exception.InstanceInvalidState, exception.InstanceNotFound):
        LOG.info('Instance %s changed while its power state was synced; '
                 'the next sync looks again', instance.uuid)
        return
    if vm_state == vm_states.STOPPED and current == power_state.RUNNING:
        LOG.warning('Instance %s is stopped but its guest runs: powering '
                    'it off', instance.uuid)
        try:
            driver.power_off(instance)
        except NotImplementedError:
            LOG.warning('Driver cannot power off %s', instance.uuid)


def sync_all(context, instances, driver, host: str) -> None:
    for instance in instances:
        try:
            sync_instance(context, instance, driver, host)
        except Exception:
            LOG.exception('Power state sync of %s failed', instance.uuid)


def reconcile_orphans(context, driver, host: str, action: str,
                      instance_getter) -> list[str]:
    """Domains of this host whose instance is deleted or elsewhere:
    ``log`` them, or ``reap`` (destroy and remove their files)."""
    orphans = []
    for uuid in driver.list_managed_instance_uuids():
        try:
            instance = instance_getter(context, uuid)
        except exception.InstanceNotFound:
            instance = None
        if instance is not None and instance.host == host:
            continue
        orphans.append(uuid)
        if action == 'noop':
            continue
        LOG.warning('Domain %s has no instance on %s%s', uuid, host,
                    '; destroying it' if action == 'reap' else '')
        if action == 'reap':
            driver.destroy_orphan(uuid)
            if instance is None:
                # Deleted without its claim freed (a lost delete); an
                # instance that moved keeps its claim on the other host.
                objects.Allocation.release(context, uuid)
    return orphans
