"""InstanceAction: the audit trail of what was done to a server."""
from oslo_utils import timeutils

from minicompute.db import actions_api
from minicompute.objects import base, fields

CREATE = 'create'
DELETE = 'delete'
REBOOT = 'reboot'
STOP = 'stop'
START = 'start'
PAUSE = 'pause'
UNPAUSE = 'unpause'
SUSPEND = 'suspend'
RESUME = 'resume'
LOCK = 'lock'
UNLOCK = 'unlock'
TRIGGER_CRASH_DUMP = 'trigger_crash_dump'
REBUILD = 'rebuild'


@base.MinicomputeObjectRegistry.register
class InstanceAction(base.MinicomputeTimestampObject, base.MinicomputeObject):
    VERSION = '1.0'
    fields = dict(base.MinicomputeTimestampObject.fields, **{
        'id': fields.IntegerField(),
        'action': fields.StringField(),
        'instance_uuid': fields.UUIDField(),
        'request_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'start_time': fields.DateTimeField(nullable=True),
        'finish_time': fields.DateTimeField(nullable=True),
        'message': fields.StringField(nullable=True),
    })

    @classmethod
    @base.remotable
    def action_start(cls, context, instance_uuid, action):
        row = actions_api.action_start({
            'action': action, 'instance_uuid': instance_uuid,
            'request_id': context.request_id, 'user_id': context.user_id,
            'project_id': context.project_id,
            'start_time': timeutils.utcnow()})
        return cls._from_db_object(context, cls(), row)

    @classmethod
    @base.remotable
    def event_start(cls, context, instance_uuid, event, host=None):
        actions_api.action_event_start(instance_uuid, context.request_id,
                                       event, host)

    @classmethod
    @base.remotable
    def event_finish(cls, context, instance_uuid, event, result='Success',
                     traceback=None):
        actions_api.action_event_finish(instance_uuid, context.request_id,
                                        event, result, traceback)


class EventReporter:
    """Records a compute event (start, then Success or Error) on the action
    of the request being served.

    Usage::

        with EventReporter(ctx, 'compute_build_and_run_instance', host, uuid):
            ...
    """

    def __init__(self, context, event, host, instance_uuid):
        self.context = context
        self.event = event
        self.host = host
        self.instance_uuid = instance_uuid

    def __enter__(self):
        InstanceAction.event_start(self.context, self.instance_uuid,
                                   self.event, host=self.host)
        return self

    def __exit__(self, exc_type, exc, tb):
        result = 'Success' if exc is None else 'Error'
        detail = None if exc is None else repr(exc)
        InstanceAction.event_finish(self.context, self.instance_uuid,
                                    self.event, result=result,
                                    traceback=detail)
        return False
