"""oslo.messaging plumbing: one transport per process, context-carrying
serializer, and factories for RPC clients, servers and the notifiers.

Two notifiers, as in Nova: the legacy one on ``[oslo_messaging_notifications]
topics`` and the versioned one on ``[notifications]
versioned_notifications_topics``; ``[notifications] notification_format``
turns either into a no-op.
"""
from __future__ import annotations

import dataclasses

import oslo_messaging as messaging
from oslo_serialization import jsonutils

from minicompute import context as mc_context
from minicompute.objects import base as objects_base

CONTROL_EXCHANGE = 'minicompute'
ALLOWED_EXMODS = ['minicompute.exception']

_TRANSPORT = None
_NOTIFICATION_TRANSPORT = None
_NOTIFIER = None
_VERSIONED_NOTIFIER = None
_CONF = None


@dataclasses.dataclass(frozen=True)
class NotificationSettings:
    """What the notification senders need from this process's config."""
    versioned: bool = False          # versioned notifications are wanted
    notify_on_state_change: str | None = None
    host: str = ''                   # [DEFAULT] host, the default publisher


_SETTINGS = NotificationSettings()


class RequestContextSerializer(messaging.Serializer):
    """Serialises versioned objects and carries the RequestContext."""

    def __init__(self, base=None):
        self._base = base or objects_base.MinicomputeObjectSerializer()

    def serialize_entity(self, context, entity):
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        return context.to_dict()

    def deserialize_context(self, context):
        return mc_context.RequestContext.from_dict(context)


class JsonPayloadSerializer(messaging.NoOpSerializer):
    @staticmethod
    def serialize_entity(context, entity):
        return jsonutils.to_primitive(entity, convert_instances=True)


#: Options oslo.messaging registers only on the global ``cfg.CONF`` but
#: reads from the transport's conf: (module, list attribute, group).
_GLOBAL_ONLY_OPTS = (
    ('oslo_messaging._metrics.client', 'oslo_messaging_metrics',
     'oslo_messaging_metrics'),
    ('oslo_messaging._tracing.client', 'oslo_messaging_tracing',
     'oslo_messaging_tracing'),
    ('oslo_messaging.rpc.dispatcher', '_dispatcher_opts', None),
)


def _register_library_opts(conf) -> None:
    """Give ``conf`` the oslo.messaging options it reads but registers
    only globally.

    oslo.messaging 18.3 reads ``[oslo_messaging_tracing]`` and
    ``[oslo_messaging_metrics]`` from the transport's conf on every call
    and dispatch; with a conf object of our own (not ``cfg.CONF``) an RPC
    server's dispatch fails inside the library and the caller waits for
    a reply that never comes. Its own ConfFixture registers them the same
    way.
    """
    import importlib
    for module_name, attribute, group in _GLOBAL_ONLY_OPTS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # an older release without that module
            continue
        opts = getattr(module, attribute, None)
        if opts is not None:
            conf.register_opts(opts, group=group)


def init(conf) -> None:
    """Create the process's transports from ``[DEFAULT] transport_url`` and
    the notifiers ``[notifications]`` asks for."""
    global _TRANSPORT, _NOTIFICATION_TRANSPORT, _NOTIFIER, \
        _VERSIONED_NOTIFIER, _SETTINGS, _CONF
    messaging.set_transport_defaults(control_exchange=CONTROL_EXCHANGE)
    _register_library_opts(conf)
    if _TRANSPORT is not None:
        return
    _CONF = conf
    _TRANSPORT = messaging.get_rpc_transport(
        conf, allowed_remote_exmods=ALLOWED_EXMODS)
    _NOTIFICATION_TRANSPORT = messaging.get_notification_transport(
        conf, allowed_remote_exmods=ALLOWED_EXMODS)
    _NOTIFIER, _VERSIONED_NOTIFIER, _SETTINGS = make_notifiers(
        conf, _NOTIFICATION_TRANSPORT)


def make_notifiers(conf, transport):
    """(legacy notifier, versioned notifier, settings) on ``transport``
    as ``[notifications]`` asks: the format not chosen gets oslo's noop
    driver."""
    notification_format = conf.notifications.notification_format
    serializer = RequestContextSerializer(JsonPayloadSerializer())
    legacy = notification_format in ('both', 'unversioned')
    versioned = notification_format in ('both', 'versioned')
    legacy_notifier = messaging.Notifier(
        transport, serializer=serializer,
        **({} if legacy else {'driver': 'noop'}))
    versioned_notifier = messaging.Notifier(
        transport, serializer=serializer,
        topics=conf.notifications.versioned_notifications_topics,
        **({} if versioned else {'driver': 'noop'}))
    # oslo's Notifier.is_enabled() is true with no driver at all, which
    # sends nothing: look at the drivers themselves.
    drivers = [name for name in conf.oslo_messaging_notifications.driver
               if name != 'noop']
    settings = NotificationSettings(
        versioned=versioned and bool(drivers),
        notify_on_state_change=conf.notifications.notify_on_state_change,
        host=conf.host)
    return legacy_notifier, versioned_notifier, settings


def cleanup() -> None:
    global _TRANSPORT, _NOTIFICATION_TRANSPORT, _NOTIFIER, \
        _VERSIONED_NOTIFIER, _SETTINGS, _CONF
    for transport in (_TRANSPORT, _NOTIFICATION_TRANSPORT):
        if transport is not None:
            transport.cleanup()
    _TRANSPORT = _NOTIFICATION_TRANSPORT = _CONF = None
    _NOTIFIER = _VERSIONED_NOTIFIER = None
    _SETTINGS = NotificationSettings()


def get_conf():
    """The conf the transport was made from (RPC clients read their
    ``[upgrade_levels]`` cap from it)."""
    if _CONF is None:
        raise RuntimeError('minicompute.rpc.init() was not called')
    return _CONF


def get_transport():
    if _TRANSPORT is None:
        raise RuntimeError('minicompute.rpc.init() was not called')
    return _TRANSPORT


def get_client(target: messaging.Target, version_cap: str | None = None,
               timeout: int | None = None) -> messaging.RPCClient:
    return messaging.get_rpc_client(get_transport(), target,
                                    version_cap=version_cap,
                                    timeout=timeout,
                                    serializer=RequestContextSerializer())


def get_server(target: messaging.Target, endpoints: list):
    return messaging.get_rpc_server(get_transport(), target, endpoints,
                                    serializer=RequestContextSerializer(),
                                    access_policy=messaging.
                                    DefaultRPCAccessPolicy)


def get_notifier(publisher_id: str):
    """The legacy (unversioned) notifier."""
    if _NOTIFIER is None:
        raise RuntimeError('minicompute.rpc.init() was not called')
    return _NOTIFIER.prepare(publisher_id=publisher_id)


def get_versioned_notifier(publisher_id: str):
    if _VERSIONED_NOTIFIER is None:
        raise RuntimeError('minicompute.rpc.init() was not called')
    return _VERSIONED_NOTIFIER.prepare(publisher_id=publisher_id)


def notification_settings() -> NotificationSettings:
    """This process's notification settings; before init(), or with the
    versioned format off or no driver, ``versioned`` is False."""
    return _SETTINGS


def get_notification_transport():
    """The transport notifications go out on (tests listen on it)."""
    if _NOTIFICATION_TRANSPORT is None:
        raise RuntimeError('minicompute.rpc.init() was not called')
    return _NOTIFICATION_TRANSPORT
