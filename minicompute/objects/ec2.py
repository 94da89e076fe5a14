"""EC2Ids: the EC2-style ids the metadata service and the config drive
show a guest (``instance-id``, ``ami-id``, ``kernel-id``, ``ramdisk-id``),
as Nova derives them: ``i-%08x`` of the instance's integer id, and
``ami-``/``aki-``/``ari-%08x`` of an integer handed out once per image
uuid (Nova's s3_images)."""
from minicompute.db import ec2_api
from minicompute.objects import base, fields

EC2_ID_TEMPLATE = '%s-%08x'


def ec2_instance_id(instance_id: int) -> str:
    return EC2_ID_TEMPLATE % ('i', instance_id)


@base.MinicomputeObjectRegistry.register
class EC2Ids(base.MinicomputeObject):
    VERSION = '1.0'
    fields = {
        'instance_id': fields.StringField(),
        'ami_id': fields.StringField(nullable=True),
        'kernel_id': fields.StringField(nullable=True),
        'ramdisk_id': fields.StringField(nullable=True),
    }

    @staticmethod
    def _image_ec2_id(image_uuid, prefix: str):
        if not image_uuid:
            return None
        return EC2_ID_TEMPLATE % (prefix, ec2_api.s3_image_id(image_uuid))

    @classmethod
    @base.remotable
    def get_by_instance(cls, context, instance):
        """The ids of ``instance`` (an Instance with id, image_ref,
        kernel_id and ramdisk_id); images get their integer on first
        use."""
        ids = cls(context)
        ids.instance_id = ec2_instance_id(instance.id)
        ids.ami_id = cls._image_ec2_id(instance.image_ref, 'ami')
        ids.kernel_id = cls._image_ec2_id(instance.kernel_id, 'aki')
        ids.ramdisk_id = cls._image_ec2_id(instance.ramdisk_id, 'ari')
        ids.obj_reset_changes()
        return ids
