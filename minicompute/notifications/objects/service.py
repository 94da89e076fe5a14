"""The service payload (nova/notifications/objects/service.py):
service.create, service.update (its disabled state or forced_down
changed) and service.delete."""
from __future__ import annotations

from oslo_versionedobjects import fields

from minicompute.notifications.objects import base, common


@base.define
class ServiceStatusPayload(base.NotificationPayloadBase):
    # Nova 1.1: uuid added.
    VERSION = '1.1'
    fields = {
        'host': fields.StringField(nullable=True),
        'binary': fields.StringField(nullable=True),
        'topic': fields.StringField(nullable=True),
        'report_count': fields.IntegerField(),
        'disabled': fields.BooleanField(),
        'disabled_reason': fields.StringField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'last_seen_up': fields.DateTimeField(nullable=True),
        'forced_down': fields.BooleanField(),
        'version': fields.IntegerField(),
        'uuid': fields.UUIDField(),
    }

    def __init__(self, service):
        super().__init__()
        for name in ('host', 'binary', 'topic', 'disabled_reason',
                     'last_seen_up'):
            setattr(self, name, common.get_field(service, name))
        self.report_count = common.get_field(service, 'report_count', 0)
        self.disabled = bool(common.get_field(service, 'disabled', False))
        self.forced_down = bool(common.get_field(service, 'forced_down',
                                                 False))
        self.version = common.get_field(service, 'version', 0) or 0
        self.uuid = service.uuid
        # As Nova's Service object outside the os-services API: not looked
        # up from the aggregates.
        self.availability_zone = None
