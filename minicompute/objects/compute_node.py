"""ComputeNode: a hypervisor's capacity, and the claims made against it."""
from minicompute.db import api as db_api
from minicompute.objects import base, fields


@base.MinicomputeObjectRegistry.register
class ComputeNode(base.MinicomputePersistentObject, base.MinicomputeObject):
    # 1.0: initial version
    # 1.1: cpu_arch
    VERSION = '1.1'
    fields = dict(base.MinicomputePersistentObject.fields, **{
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'host': fields.StringField(),
        'hypervisor_hostname': fields.StringField(),
        'hypervisor_type': fields.StringField(),
        'hypervisor_version': fields.IntegerField(default=0),
        'host_ip': fields.StringField(nullable=True),
        'vcpus': fields.IntegerField(),
        'memory_mb': fields.IntegerField(),
        'local_gb': fields.IntegerField(),
        'vcpus_used': fields.IntegerField(default=0),
        'memory_mb_used': fields.IntegerField(default=0),
        'local_gb_used': fields.IntegerField(default=0),
        'free_ram_mb': fields.IntegerField(nullable=True),
        'free_disk_gb': fields.IntegerField(nullable=True),
        'running_vms': fields.IntegerField(default=0),
        'cpu_allocation_ratio': fields.FloatField(),
        'ram_allocation_ratio': fields.FloatField(),
        'disk_allocation_ratio': fields.FloatField(),
        'reserved_host_memory_mb': fields.IntegerField(default=0),
        'reserved_host_disk_mb': fields.IntegerField(default=0),
        'reserved_host_cpus': fields.IntegerField(default=0),
        'cpu_arch': fields.StringField(nullable=True),
    })

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if target_version == '1.0':
            primitive.pop('cpu_arch', None)

    @base.remotable
    def report(self):
        """Create or update this node's reported capacity."""
        values = self.obj_get_changes()
        values.pop('id', None)
        for key in ('created_at', 'updated_at', 'deleted', 'deleted_at'):
            values.pop(key, None)
        self._from_db_object(self._context, self,
                             db_api.compute_node_report(values))


@base.MinicomputeObjectRegistry.register
class ComputeNodeList(base.ObjectListBase, base.MinicomputeObject):
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('ComputeNode')}

    @classmethod
    @base.remotable
    def get_all(cls, context, host=None):
        return base.obj_make_list(context, cls(context),
                                  db_api.compute_node_get_all(host=host))


@base.MinicomputeObjectRegistry.register
class Allocation(base.MinicomputeObject):
    """An instance's claim of vCPUs, RAM and disk on one compute node."""
    VERSION = '1.0'
    fields = {
        'instance_uuid': fields.UUIDField(),
        'compute_node_id': fields.IntegerField(),
        'vcpus': fields.IntegerField(),
        'memory_mb': fields.IntegerField(),
        'disk_gb': fields.IntegerField(),
    }

    @classmethod
    @base.remotable
    def claim(cls, context, instance_uuid, compute_node_id, vcpus,
              memory_mb, disk_gb):
        """True if the claim was made; False if it does not fit."""
        return db_api.allocation_claim(instance_uuid, compute_node_id,
                                       vcpus, memory_mb, disk_gb)

    @classmethod
    @base.remotable
    def release(cls, context, instance_uuid):
        return db_api.allocation_release(instance_uuid)

    @classmethod
    @base.remotable
    def get_by_instance(cls, context, instance_uuid):
        row = db_api.allocation_get(instance_uuid)
        return None if row is None else cls._from_db_object(context, cls(),
                                                            row)
