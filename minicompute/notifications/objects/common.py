"""Payloads that instance and other payloads embed: the flavor, the
exception of an ``.error`` notification, a key pair. Nova's names, fields
and versions (nova/notifications/objects/{flavor,exception,keypair}.py).
"""
from __future__ import annotations

import inspect
import traceback

from oslo_versionedobjects import fields

from minicompute.notifications.objects import base


def get_field(obj, name: str, default=None):
    """A field of a versioned object, or ``default`` while it is unset."""
    if obj is None or not obj.obj_attr_is_set(name):
        return default
    return getattr(obj, name)


@base.define
class FlavorPayload(base.NotificationPayloadBase):
    # Nova 1.4: description added (1.3 made projects and extra_specs
    # nullable, 1.2 added them).
    VERSION = '1.4'
    fields = {
        'flavorid': fields.StringField(nullable=True),
        'memory_mb': fields.IntegerField(nullable=True),
        'vcpus': fields.IntegerField(nullable=True),
        'root_gb': fields.IntegerField(nullable=True),
        'ephemeral_gb': fields.IntegerField(nullable=True),
        'name': fields.StringField(),
        'swap': fields.IntegerField(),
        'rxtx_factor': fields.FloatField(nullable=True),
        'vcpu_weight': fields.IntegerField(nullable=True),
        'disabled': fields.BooleanField(),
        'is_public': fields.BooleanField(),
        'extra_specs': fields.DictOfStringsField(nullable=True),
        'projects': fields.ListOfStringsField(nullable=True),
        'description': fields.StringField(nullable=True),
    }

    def __init__(self, flavor):
        super().__init__()
        self.flavorid = get_field(flavor, 'flavorid')
        self.memory_mb = get_field(flavor, 'memory_mb')
        self.vcpus = get_field(flavor, 'vcpus')
        self.root_gb = get_field(flavor, 'root_gb')
        self.ephemeral_gb = get_field(flavor, 'ephemeral_gb', 0)
        self.name = get_field(flavor, 'name', '')
        self.swap = get_field(flavor, 'swap', 0)
        self.rxtx_factor = get_field(flavor, 'rxtx_factor', 1.0)
        # minicompute has no CPU weights; Nova's flavors default to 0.
        self.vcpu_weight = 0
        self.disabled = get_field(flavor, 'disabled', False)
        self.is_public = get_field(flavor, 'is_public', True)
        self.extra_specs = dict(get_field(flavor, 'extra_specs', {}) or {})
        # An instance's flavor does not carry its access list (Nova: None).
        self.projects = None
        self.description = get_field(flavor, 'description')


@base.define
class ExceptionPayload(base.NotificationPayloadBase):
    # Nova 1.1: traceback added.
    VERSION = '1.1'
    fields = {
        'module_name': fields.StringField(),
        'function_name': fields.StringField(),
        'exception': fields.StringField(),
        'exception_message': fields.StringField(),
        'traceback': fields.StringField(),
    }

    @classmethod
    def from_exception(cls, error: BaseException) -> ExceptionPayload:
        """Where ``error`` was raised (the innermost frame of its
        traceback), what it is and what it says."""
        tb = error.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        frame = tb.tb_frame if tb is not None else None
        module = inspect.getmodule(frame) if frame is not None else None
        payload = cls()
        payload.module_name = module.__name__ if module else 'unknown'
        payload.function_name = (frame.f_code.co_name if frame is not None
                                 else 'unknown')
        payload.exception = type(error).__name__
        payload.exception_message = str(error)
        payload.traceback = ''.join(traceback.format_exception(
            type(error), error, error.__traceback__))
        return payload


@base.define
class KeypairPayload(base.NotificationPayloadBase):
    VERSION = '1.0'
    fields = {
        'user_id': fields.StringField(nullable=True),
        'name': fields.StringField(nullable=False),
        'fingerprint': fields.StringField(nullable=True),
        'public_key': fields.StringField(nullable=True),
        'type': fields.StringField(nullable=False),
    }

    def __init__(self, keypair: dict):
        super().__init__()
        self.user_id = keypair.get('user_id')
        self.name = keypair['name']
        self.fingerprint = keypair.get('fingerprint')
        self.public_key = keypair.get('public_key')
        self.type = keypair.get('type') or 'ssh'
