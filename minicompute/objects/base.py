"""Object base classes, registry and the RPC serializer.

A compute service sets ``MinicomputeObject.indirection_api`` to the conductor
RPC API, so every ``@remotable`` method it calls runs in the conductor, which
holds the database connection; elsewhere they run locally.
"""
from oslo_utils import versionutils
from oslo_versionedobjects import base as ovo_base
from oslo_versionedobjects import fields as ovo_fields

from minicompute import objects

remotable = ovo_base.remotable
obj_make_list = ovo_base.obj_make_list


class MinicomputeObjectRegistry(ovo_base.VersionedObjectRegistry):
    def registration_hook(self, cls, index):
        version = versionutils.convert_version_to_tuple(cls.VERSION)
        current = getattr(objects, cls.obj_name(), None)
        if current is None or version >= versionutils.\
                convert_version_to_tuple(current.VERSION):
            setattr(objects, cls.obj_name(), cls)


class MinicomputeObject(ovo_base.VersionedObject):
    OBJ_SERIAL_NAMESPACE = 'minicompute_object'
    OBJ_PROJECT_NAMESPACE = 'minicompute'

    @classmethod
    def _from_db_object(cls, context, obj, db_obj):
        """Fill ``obj`` from a DB row; ``obj_make_list`` calls this."""
        return from_db_row(cls, context, obj, db_obj)


class MinicomputeTimestampObject:
    fields = {
        'created_at': ovo_fields.DateTimeField(nullable=True),
        'updated_at': ovo_fields.DateTimeField(nullable=True),
    }


class MinicomputePersistentObject(MinicomputeTimestampObject):
    fields = dict(MinicomputeTimestampObject.fields, **{
        'deleted_at': ovo_fields.DateTimeField(nullable=True),
        'deleted': ovo_fields.BooleanField(default=False),
    })


class ObjectListBase(ovo_base.ObjectListBase):
    pass


class MinicomputeObjectSerializer(ovo_base.VersionedObjectSerializer):
    OBJ_BASE_CLASS = MinicomputeObject


def from_db_row(cls, context, obj, row, skip=()):
    """Copy the columns named by ``cls.fields`` from a DB row onto ``obj``."""
    for name, field in cls.fields.items():
        if name in skip or not hasattr(row, name):
            continue
        value = getattr(row, name)
        if name == 'deleted':
            value = bool(value)
        setattr(obj, name, value)
    obj._context = context
    obj.obj_reset_changes()
    return obj
