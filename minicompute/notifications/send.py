"""The calls the services make at each event (Nova's compute/utils.py
``notify_about_*`` and notifications/base.py ``send_update``).

Every function returns at once when versioned notifications are off, so
callers need no check of their own, and never raises: a notification
cannot fail the work it reports.

Usage::

    send.instance_action(context, instance, self.host, 'pause', 'start')
    ...
    send.instance_action(context, instance, self.host, 'pause', 'end')
"""
from __future__ import annotations

import datetime

from oslo_log import log as logging
from oslo_utils import timeutils

from minicompute import rpc
from minicompute.exception import RescheduledException
from minicompute.notifications.objects import base, common
from minicompute.notifications.objects import instance as instance_payloads
from minicompute.notifications.objects import service as service_payloads

LOG = logging.getLogger(__name__)

COMPUTE = 'minicompute-compute'
API = 'minicompute-api'

START, END, ERROR = 'start', 'end', 'error'


def _fault(exception):
    """The fault of an error notification: for a build this host gives up
    on (RescheduledException), the error that made it, as Nova reports
    the spawn's own exception."""
    if exception is None:
        return None
    if isinstance(exception, RescheduledException) and \
            exception.__context__ is not None:
        exception = exception.__context__
    return common.ExceptionPayload.from_exception(exception)


def _priority(exception) -> str:
    return base.ERROR if exception is not None else base.INFO


def _send(context, event_type, publisher, make_payload, priority) -> None:
    if not base.enabled():
        return
    try:
        payload = make_payload()
    except Exception:
        LOG.exception('Could not build the %s notification', event_type)
        return
    base.emit(context, event_type, publisher, payload, priority)


def instance_action(context, instance, host: str, action: str,
                    phase: str | None = None, exception=None,
                    source: str = COMPUTE) -> None:
    """``instance.<action>[.<phase>]`` with an InstanceActionPayload
    (pause, reboot, delete, lock, ...); ``exception`` makes it an error
    notification carrying the fault."""
    _send(context, base.EventType('instance', action, phase),
          base.Publisher(source, host),
          lambda: instance_payloads.InstanceActionPayload(
              context, instance, _fault(exception)),
          _priority(exception))


def instance_create(context, instance, host: str, phase: str,
                    exception=None) -> None:
    """``instance.create.<phase>`` with an InstanceCreatePayload; its tags
    and key pair are looked up (through the conductor on a compute)."""
    def payload():
        extras = instance.get_notification_extras()
        return instance_payloads.InstanceCreatePayload(
            context, instance, _fault(exception), tags=extras['tags'],
            keypairs=extras['keypairs'])
    _send(context, base.EventType('instance', 'create', phase),
          base.Publisher(COMPUTE, host), payload, _priority(exception))


def instance_rebuild(context, instance, host: str, phase: str,
                     exception=None) -> None:
    """``instance.rebuild.<phase>`` with an InstanceActionRebuildPayload."""
    _send(context, base.EventType('instance', 'rebuild', phase),
          base.Publisher(COMPUTE, host),
          lambda: instance_payloads.InstanceActionRebuildPayload(
              context, instance, _fault(exception)),
          _priority(exception))


def _audit_period_beginning(now: datetime.datetime) -> datetime.datetime:
    # Nova's default [DEFAULT] instance_usage_audit_period is a month; the
    # current period began at the start of this one.
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def instance_updates_wanted() -> bool:
    """Whether a save should send instance.update (callers then look up
    what the payload needs)."""
    return base.enabled() and bool(
        rpc.notification_settings().notify_on_state_change)


def instance_update(context, instance, old_vm_state: str | None,
                    old_task_state: str | None,
                    old_display_name: str | None, tags) -> None:
    """``instance.update`` after a save, as Nova's ``send_update``: with
    ``notify_on_state_change`` set, every save sends one; its
    ``state_update`` shows the transition (the task_state's only with
    ``vm_and_task_state``). Sent from the process that saved (the
    conductor, for a compute's saves), as Nova does."""
    settings = rpc.notification_settings()
    mode = settings.notify_on_state_change
    if not mode:
        return
    new_vm_state, new_task_state = instance.vm_state, instance.task_state
    changed = (old_vm_state != new_vm_state or
               (mode == 'vm_and_task_state' and
                old_task_state != new_task_state))
    if not changed:
        old_vm_state, old_task_state = new_vm_state, new_task_state
    if old_display_name == instance.display_name:
        old_display_name = None

    def payload():
        now = timeutils.utcnow()
        return instance_payloads.InstanceUpdatePayload(
            context, instance,
            instance_payloads.InstanceStateUpdatePayload(
                old_state=old_vm_state, state=new_vm_state,
                old_task_state=old_task_state,
                new_task_state=new_task_state),
            instance_payloads.AuditPeriodPayload(
                audit_period_beginning=_audit_period_beginning(now),
                audit_period_ending=now),
            old_display_name=old_display_name, tags=tags)
    _send(context, base.EventType('instance', 'update'),
          base.Publisher(COMPUTE, settings.host), payload, base.INFO)


def service_status(context, service, action: str) -> None:
    """``service.<create|update|delete>`` with a ServiceStatusPayload,
    published as the service itself (``<binary>:<host>``)."""
    _send(context, base.EventType('service', action),
          base.Publisher(service.binary, service.host),
          lambda: service_payloads.ServiceStatusPayload(service), base.INFO)
