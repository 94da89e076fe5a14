"""What other services call on the conductor."""
from minicompute.conductor import rpcapi


class ComputeTaskAPI:
    def __init__(self):
        self.conductor_compute_rpcapi = rpcapi.ComputeTaskAPI()

    def schedule_and_build_instances(self, context, request_spec,
                                     instance_uuids) -> None:
        self.conductor_compute_rpcapi.schedule_and_build_instances(
            context, request_spec, instance_uuids)

    def build_instances(self, context, instance, request_spec, host_list,
                        reason) -> None:
        self.conductor_compute_rpcapi.build_instances(
            context, instance, request_spec, host_list, reason)
