"""Flavor: the size of a server."""
from minicompute.db import api as db_api
from minicompute.objects import base, fields


@base.MinicomputeObjectRegistry.register
class Flavor(base.MinicomputeTimestampObject, base.MinicomputeObject):
    VERSION = '1.0'
    fields = dict(base.MinicomputeTimestampObject.fields, **{
        'id': fields.IntegerField(),
        'flavorid': fields.StringField(),
        'name': fields.StringField(),
        'memory_mb': fields.IntegerField(),
        'vcpus': fields.IntegerField(),
        'root_gb': fields.IntegerField(),
        'ephemeral_gb': fields.IntegerField(default=0),
        'swap': fields.IntegerField(default=0),
        'rxtx_factor': fields.FloatField(default=1.0),
        'is_public': fields.BooleanField(default=True),
        'disabled': fields.BooleanField(default=False),
        'description': fields.StringField(nullable=True),
        'extra_specs': fields.DictOfStringsField(default={}),
    })

    @property
    def disk_gb(self) -> int:
        """Local disk an instance of this flavor claims: root, ephemeral
        and swap (MB, rounded up to whole GB)."""
        return self.root_gb + self.ephemeral_gb + (self.swap + 1023) // 1024

    @classmethod
    @base.remotable
    def get_by_flavor_id(cls, context, flavorid):
        row = db_api.flavor_get_by_flavorid(flavorid)
        return cls._from_db_object(context, cls(), row)

    @base.remotable
    def create(self):
        values = self.obj_get_changes()
        values.pop('id', None)
        row = db_api.flavor_create(values)
        base.from_db_row(self.__class__, self._context, self, row)


@base.MinicomputeObjectRegistry.register
class FlavorList(base.ObjectListBase, base.MinicomputeObject):
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('Flavor')}

    @classmethod
    @base.remotable
    def get_all(cls, context):
        return base.obj_make_list(context, cls(context),
                                  db_api.flavor_get_all())

    @classmethod
    @base.remotable
    def get_by_filters(cls, context, filters, sort_key='flavorid',
                       sort_dir='asc', limit=None, marker=None):
        return base.obj_make_list(
            context, cls(context), db_api.flavor_get_all_by_filters(
                filters, sort_key=sort_key, sort_dir=sort_dir, limit=limit,
                marker=marker))
