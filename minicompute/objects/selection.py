"""Selection: one host chosen by the scheduler for one instance."""
from minicompute.objects import base, fields


@base.MinicomputeObjectRegistry.register
class Selection(base.MinicomputeObject):
    VERSION = '1.0'
    fields = {
        'service_host': fields.StringField(),
        'nodename': fields.StringField(),
        'compute_node_uuid': fields.UUIDField(),
        'compute_node_id': fields.IntegerField(),
        'instance_uuid': fields.UUIDField(nullable=True),
        # True once the scheduler holds a claim on this node for the
        # instance; alternates are claimed by the conductor on reschedule.
        'claimed': fields.BooleanField(default=False),
    }

    @classmethod
    def from_host_state(cls, host_state, instance_uuid=None, claimed=False):
        return cls(service_host=host_state.host,
                   nodename=host_state.nodename,
                   compute_node_uuid=host_state.uuid,
                   compute_node_id=host_state.node_id,
                   instance_uuid=instance_uuid, claimed=claimed)
