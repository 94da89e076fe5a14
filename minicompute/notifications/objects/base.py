"""The envelope of a versioned notification, and the base of its payloads.

A payload is an oslo.versionedobjects object whose primitive is the
message's ``payload``; it serialises under Nova's keys
(``nova_object.name``, ``.namespace`` = ``nova``, ``.version``, ``.data``)
because the payloads are Nova's, field for field and version for version,
and consumers written for Nova read them by those keys. The envelope
(event type, publisher, priority) is what oslo.messaging's notifier puts
around it.

Usage::

    emit(context, EventType('instance', 'pause', 'start'),
         Publisher('minicompute-compute', host), payload)
"""
from __future__ import annotations

import dataclasses

from oslo_log import log as logging
from oslo_versionedobjects import base as ovo_base

from minicompute import rpc

LOG = logging.getLogger(__name__)

INFO = 'INFO'
ERROR = 'ERROR'


#: Makes a payload class (its fields, inherited ones too, as properties)
#: without registering it: payloads are only ever sent, never received, so
#: they stay out of the object registry, its fingerprints and the release
#: mapping of minicompute's remotable objects.
define = ovo_base.VersionedObjectRegistry.register_if(False)


@dataclasses.dataclass(frozen=True)
class EventType:
    """``<object>.<action>[.<phase>]``, e.g. ``instance.pause.start``."""
    object: str
    action: str
    phase: str | None = None

    def __str__(self) -> str:
        parts = [self.object, self.action] + ([self.phase] if self.phase
                                              else [])
        return '.'.join(parts)


@dataclasses.dataclass(frozen=True)
class Publisher:
    """Who sent it: ``minicompute-compute:<host>``, Nova's
    ``nova-compute:<host>``."""
    source: str
    host: str

    @property
    def publisher_id(self) -> str:
        return '%s:%s' % (self.source, self.host)


class NotificationPayloadBase(ovo_base.VersionedObject):
    """A payload: Nova's serialisation namespace, no change tracking on
    the wire (every field of a fresh payload would read as changed)."""
    OBJ_SERIAL_NAMESPACE = 'nova_object'
    OBJ_PROJECT_NAMESPACE = 'nova'
    VERSION = '1.0'


def _reset_changes(value) -> None:
    """Forget changes on a payload and every payload inside it, lists too
    (oslo's recursive reset skips lists of objects)."""
    if isinstance(value, list):
        for item in value:
            _reset_changes(item)
        return
    if not isinstance(value, ovo_base.VersionedObject):
        return
    for name in value.fields:
        if value.obj_attr_is_set(name):
            _reset_changes(getattr(value, name))
    value.obj_reset_changes(recursive=False)


def enabled() -> bool:
    """True when versioned notifications go anywhere (format and driver):
    callers skip building payloads otherwise."""
    return rpc.notification_settings().versioned


def emit(context, event_type: EventType, publisher: Publisher,
         payload: NotificationPayloadBase, priority: str = INFO) -> None:
    """Send one versioned notification. A failure to send is logged and
    swallowed: a notification never fails the work it reports."""
    if not enabled():
        return
    try:
        _reset_changes(payload)
        notifier = rpc.get_versioned_notifier(publisher.publisher_id)
        send = notifier.error if priority == ERROR else notifier.info
        send(context, str(event_type), payload.obj_to_primitive())
    except Exception:
        LOG.exception('Could not send the %s notification', event_type)
