"""RequestSpec: what the scheduler needs to know to place instances."""
from minicompute.objects import base, fields


@base.MinicomputeObjectRegistry.register
class RequestSpec(base.MinicomputeObject):
    # 1.0: initial version
    # 1.1: instance_group
    VERSION = '1.1'
    fields = {
        'instance_uuid': fields.UUIDField(),
        'num_instances': fields.IntegerField(default=1),
        'min_count': fields.IntegerField(default=1),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'flavor': fields.ObjectField('Flavor'),
        'image': fields.ObjectField('ImageMeta'),
        'availability_zone': fields.StringField(nullable=True),
        'scheduler_hints': fields.DictOfListOfStringsField(default={}),
        'ignore_hosts': fields.ListOfStringsField(nullable=True),
        'force_hosts': fields.ListOfStringsField(nullable=True),
        'force_nodes': fields.ListOfStringsField(nullable=True),
        'networks': fields.StringField(nullable=True),
        'instance_group': fields.ObjectField('InstanceGroup',
                                             nullable=True),
    }

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if target_version == '1.0':
            primitive.pop('instance_group', None)

    @property
    def vcpus(self) -> int:
        return self.flavor.vcpus

    @property
    def memory_mb(self) -> int:
        return self.flavor.memory_mb

    @property
    def disk_gb(self) -> int:
        return self.flavor.disk_gb
