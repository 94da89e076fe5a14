"""Instance payloads, as Nova defines them (nova/notifications/objects/
instance.py): the same names, fields and versions.

What minicompute does not have is reported as Nova reports its absence:
no block devices and no shares (empty lists), no IP addresses until a
network gives the guest one, ``auto_disk_config`` MANUAL, ``os_type`` and
``architecture`` unset.
"""
from __future__ import annotations

from oslo_versionedobjects import fields

from minicompute.compute import power_state
from minicompute.notifications.objects import base, common

get_field = common.get_field


@base.define
class InstancePayload(base.NotificationPayloadBase):
    # Nova 1.9: shares added (1.8 locked_reason, 1.7 action_initiator_*,
    # 1.6 request_id, 1.5 updated_at, 1.4 block_devices, ...).
    VERSION = '1.9'
    fields = {
        'uuid': fields.UUIDField(),
        'user_id': fields.StringField(nullable=True),
        'tenant_id': fields.StringField(nullable=True),
        'reservation_id': fields.StringField(nullable=True),
        'display_name': fields.StringField(nullable=True),
        'display_description': fields.StringField(nullable=True),
        'host_name': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'node': fields.StringField(nullable=True),
        'os_type': fields.StringField(nullable=True),
        'architecture': fields.StringField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'flavor': fields.ObjectField('FlavorPayload'),
        'image_uuid': fields.StringField(nullable=True),
        'key_name': fields.StringField(nullable=True),
        'kernel_id': fields.StringField(nullable=True),
        'ramdisk_id': fields.StringField(nullable=True),
        'created_at': fields.DateTimeField(nullable=True),
        'launched_at': fields.DateTimeField(nullable=True),
        'terminated_at': fields.DateTimeField(nullable=True),
        'deleted_at': fields.DateTimeField(nullable=True),
        'updated_at': fields.DateTimeField(nullable=True),
        'state': fields.StringField(nullable=True),
        'power_state': fields.StringField(nullable=True),
        'task_state': fields.StringField(nullable=True),
        'progress': fields.IntegerField(nullable=True),
        'ip_addresses': fields.ListOfObjectsField('IpPayload'),
        'block_devices': fields.ListOfObjectsField('BlockDevicePayload',
                                                   nullable=True),
        'metadata': fields.DictOfStringsField(),
        'locked': fields.BooleanField(),
        'auto_disk_config': fields.StringField(),
        'request_id': fields.StringField(nullable=True),
        'action_initiator_user': fields.StringField(nullable=True),
        'action_initiator_project': fields.StringField(nullable=True),
        'locked_reason': fields.StringField(nullable=True),
        'shares': fields.ListOfObjectsField('SharePayload', nullable=True),
    }

    def __init__(self, context, instance):
        super().__init__()
        self.uuid = instance.uuid
        self.user_id = get_field(instance, 'user_id')
        self.tenant_id = get_field(instance, 'project_id')
        self.reservation_id = get_field(instance, 'reservation_id')
        self.display_name = get_field(instance, 'display_name')
        self.display_description = get_field(instance, 'display_description')
        self.host_name = get_field(instance, 'hostname')
        self.host = get_field(instance, 'host')
        self.node = get_field(instance, 'node')
        self.os_type = None
        self.architecture = None
        self.availability_zone = get_field(instance, 'availability_zone')
        self.flavor = common.FlavorPayload(get_field(instance, 'flavor'))
        self.image_uuid = get_field(instance, 'image_ref')
        self.key_name = get_field(instance, 'key_name')
        self.kernel_id = get_field(instance, 'kernel_id')
        self.ramdisk_id = get_field(instance, 'ramdisk_id')
        for name in ('created_at', 'launched_at', 'terminated_at',
                     'deleted_at', 'updated_at'):
            setattr(self, name, get_field(instance, name))
        self.state = get_field(instance, 'vm_state')
        self.power_state = power_state.STATE_MAP.get(
            get_field(instance, 'power_state', power_state.NOSTATE),
            power_state.STATE_MAP[power_state.NOSTATE])
        self.task_state = get_field(instance, 'task_state')
        self.progress = get_field(instance, 'progress')
        # User-mode NICs have no address the control plane knows.
        self.ip_addresses = []
        self.block_devices = []
        self.metadata = dict(get_field(instance, 'metadata', {}) or {})
        self.locked = bool(get_field(instance, 'locked', False))
        self.auto_disk_config = 'MANUAL'
        # Periodic tasks run as a bare admin context: no request to name
        # (Nova leaves request_id out then as well).
        self.request_id = (context.request_id
                           if context.project_id and context.user_id
                           else None)
        self.action_initiator_user = context.user_id
        self.action_initiator_project = context.project_id
        self.locked_reason = get_field(instance, 'locked_reason')
        self.shares = []


@base.define
class InstanceActionPayload(InstancePayload):
    # Nova 1.9, in step with InstancePayload.
    VERSION = '1.9'
    fields = {
        'fault': fields.ObjectField('ExceptionPayload', nullable=True),
        'request_id': fields.StringField(nullable=True),
    }

    def __init__(self, context, instance, fault=None):
        super().__init__(context, instance)
        self.fault = fault


@base.define
class InstanceCreatePayload(InstanceActionPayload):
    # Nova 1.13: shares in InstancePayload (1.11 instance_name, 1.9
    # trusted_image_certificates, 1.6 tags, 1.3 keypairs).
    VERSION = '1.13'
    fields = {
        'keypairs': fields.ListOfObjectsField('KeypairPayload'),
        'tags': fields.ListOfStringsField(),
        'trusted_image_certificates': fields.ListOfStringsField(
            nullable=True),
        'instance_name': fields.StringField(nullable=True),
    }

    def __init__(self, context, instance, fault=None, tags=(),
                 keypairs=()):
        super().__init__(context, instance, fault)
        self.keypairs = [common.KeypairPayload(keypair)
                         for keypair in keypairs]
        self.tags = list(tags)
        self.trusted_image_certificates = (
            list(get_field(instance, 'trusted_certs') or []) or None)
        self.instance_name = instance.name


@base.define
class InstanceActionRebuildPayload(InstanceActionPayload):
    # Nova 1.10: shares in InstancePayload (started at 1.7).
    VERSION = '1.10'
    fields = {
        'trusted_image_certificates': fields.ListOfStringsField(
            nullable=True),
    }

    def __init__(self, context, instance, fault=None):
        super().__init__(context, instance, fault)
        self.trusted_image_certificates = (
            list(get_field(instance, 'trusted_certs') or []) or None)


@base.define
class InstanceStateUpdatePayload(base.NotificationPayloadBase):
    VERSION = '1.0'
    fields = {
        'old_state': fields.StringField(nullable=True),
        'state': fields.StringField(nullable=True),
        'old_task_state': fields.StringField(nullable=True),
        'new_task_state': fields.StringField(nullable=True),
    }

    def __init__(self, old_state, state, old_task_state, new_task_state):
        super().__init__()
        self.old_state = old_state
        self.state = state
        self.old_task_state = old_task_state
        self.new_task_state = new_task_state


@base.define
class AuditPeriodPayload(base.NotificationPayloadBase):
    VERSION = '1.0'
    fields = {
        'audit_period_beginning': fields.DateTimeField(),
        'audit_period_ending': fields.DateTimeField(),
    }

    def __init__(self, audit_period_beginning, audit_period_ending):
        super().__init__()
        self.audit_period_beginning = audit_period_beginning
        self.audit_period_ending = audit_period_ending


@base.define
class InstanceUpdatePayload(InstancePayload):
    # Nova 2.1: shares in InstancePayload (2.0 dropped bandwidth).
    VERSION = '2.1'
    fields = {
        'state_update': fields.ObjectField('InstanceStateUpdatePayload'),
        'audit_period': fields.ObjectField('AuditPeriodPayload'),
        'old_display_name': fields.StringField(nullable=True),
        'tags': fields.ListOfStringsField(),
    }

    def __init__(self, context, instance, state_update, audit_period,
                 old_display_name=None, tags=()):
        super().__init__(context, instance)
        self.state_update = state_update
        self.audit_period = audit_period
        self.old_display_name = old_display_name
        self.tags = list(tags)
