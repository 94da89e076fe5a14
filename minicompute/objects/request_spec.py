"""RequestSpec: what the scheduler needs to know to place instances."""
from minicompute.objects import base, fields


@base.MinicomputeObjectRegistry.register
class Destination(base.MinicomputeObject):
    """Where a request asks to land (create's host and hypervisor_hostname,
    microversion 2.74): unlike a forced host, the filters still run on
    it, so a host that does not pass is a NoValidHost."""
    VERSION = '1.0'
    fields = {
        'host': fields.StringField(nullable=True),
        'node': fields.StringField(nullable=True),
    }


@base.MinicomputeObjectRegistry.register
class RequestSpec(base.MinicomputeObject):
    # 1.0: initial version
    # 1.1: instance_group
    # 1.2: requested_destination
    VERSION = '1.2'
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
        'requested_destination': fields.ObjectField('Destination',
                                                    nullable=True),
    }

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if target_version in ('1.0', '1.1'):
            primitive.pop('requested_destination', None)
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
