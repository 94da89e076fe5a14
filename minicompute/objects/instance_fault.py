"""InstanceFault: why an instance went to ERROR, as the API shows it."""
import traceback

from minicompute import exception
from minicompute.db import api as db_api
from minicompute.objects import base, fields


@base.MinicomputeObjectRegistry.register
class InstanceFault(base.MinicomputeTimestampObject, base.MinicomputeObject):
    VERSION = '1.0'
    fields = dict(base.MinicomputeTimestampObject.fields, **{
        'id': fields.IntegerField(),
        'instance_uuid': fields.UUIDField(),
        'code': fields.IntegerField(),
        'message': fields.StringField(nullable=True),
        'details': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
    })

    @base.remotable
    def create(self):
        values = self.obj_get_changes()
        values.pop('id', None)
        row = db_api.instance_fault_create(values)
        self._from_db_object(self._context, self, row)

    @classmethod
    @base.remotable
    def get_latest_for_instances(cls, context, instance_uuids):
        rows = db_api.instance_fault_get_latest(list(instance_uuids))
        return {uuid: cls._from_db_object(context, cls(), row)
                for uuid, row in rows.items()}

    @classmethod
    def from_exception(cls, context, instance_uuid, error, host=None):
        """Build (not save) a fault the way Nova records one."""
        code = getattr(error, 'code', 500)
        if isinstance(error, exception.MinicomputeException):
            message = error.format_message()
        else:
            message = error.__class__.__name__
        explanation = getattr(error, 'kwargs', {}).get('explanation')
        if explanation:
            details = explanation
        elif code == 500 and error.__traceback__ is not None:
            details = ''.join(traceback.format_exception(error))
        else:
            details = message
        return cls(context, instance_uuid=instance_uuid, code=code,
                   message=message[:255], details=details, host=host)
