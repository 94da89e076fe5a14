"""What other services call to ask the scheduler for hosts."""
from minicompute.scheduler import rpcapi


class SchedulerQueryClient:
    def __init__(self, timeout: int | None = None):
        self.scheduler_rpcapi = rpcapi.SchedulerAPI(timeout=timeout)

    def select_destinations(self, context, spec_obj, instance_uuids,
                            return_alternates: bool = True):
        return self.scheduler_rpcapi.select_destinations(
            context, spec_obj, instance_uuids,
            return_alternates=return_alternates)
