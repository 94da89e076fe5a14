"""oslo.messaging plumbing: one transport per process, context-carrying
serializer, and factories for RPC clients, servers and the notifier.
"""
from __future__ import annotations

import oslo_messaging as messaging
from oslo_serialization import jsonutils

from minicompute import context as mc_context
from minicompute.objects import base as objects_base

CONTROL_EXCHANGE = 'minicompute'
ALLOWED_EXMODS = ['minicompute.exception']

_TRANSPORT = None
_NOTIFIER = None
_CONF = None


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
    """Create the process's transport from ``[DEFAULT] transport_url``."""
    global _TRANSPORT, _NOTIFIER, _CONF
    messaging.set_transport_defaults(control_exchange=CONTROL_EXCHANGE)
    _register_library_opts(conf)
    if _TRANSPORT is not None:
        return
    _CONF = conf
    _TRANSPORT = messaging.get_rpc_transport(
        conf, allowed_remote_exmods=ALLOWED_EXMODS)
    notification_transport = messaging.get_notification_transport(
        conf, allowed_remote_exmods=ALLOWED_EXMODS)
    _NOTIFIER = messaging.Notifier(
        notification_transport, serializer=RequestContextSerializer(
            JsonPayloadSerializer()))


def cleanup() -> None:
    global _TRANSPORT, _NOTIFIER, _CONF
    if _TRANSPORT is not None:
        _TRANSPORT.cleanup()
    _TRANSPORT = _NOTIFIER = _CONF = None


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
    if _NOTIFIER is None:
        raise RuntimeError('minicompute.rpc.init() was not called')
    return _NOTIFIER.prepare(publisher_id=publisher_id)
