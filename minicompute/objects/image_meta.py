"""ImageMeta: an image of minicompute's registry as compute sees it."""
from minicompute.db import api as db_api
from minicompute.objects import base, fields


@base.MinicomputeObjectRegistry.register
class ImageMeta(base.MinicomputeTimestampObject, base.MinicomputeObject):
    VERSION = '1.0'
    fields = dict(base.MinicomputeTimestampObject.fields, **{
        'id': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'status': fields.StringField(),
        'visibility': fields.StringField(default='public'),
        'owner': fields.StringField(nullable=True),
        'disk_format': fields.StringField(nullable=True),
        'container_format': fields.StringField(nullable=True),
        'size': fields.IntegerField(nullable=True),
        'checksum': fields.StringField(nullable=True),
        'min_disk': fields.IntegerField(default=0),
        'min_ram': fields.IntegerField(default=0),
        'protected': fields.BooleanField(default=False),
        'properties': fields.DictOfNullableStringsField(default={}),
        'path': fields.StringField(nullable=True),
    })

    @classmethod
    @base.remotable
    def get_by_id(cls, context, image_id):
        return cls._from_db_object(context, cls(), db_api.image_get(image_id))


@base.MinicomputeObjectRegistry.register
class ImageMetaList(base.ObjectListBase, base.MinicomputeObject):
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('ImageMeta')}

    @classmethod
    @base.remotable
    def get_all(cls, context, name=None):
        return base.obj_make_list(context, cls(context),
                                  db_api.image_get_all(name=name))
