"""Base class of the RPC endpoints that run a service's work."""
from oslo_service import periodic_task


class Manager(periodic_task.PeriodicTasks):
    """Holds the service's conf and host; subclasses add RPC methods.

    ``init_host`` runs before the RPC server starts consuming and
    ``post_start_hook`` after; periodic tasks run on the service's timer.
    """

    def __init__(self, conf, host: str, service_name: str):
        super().__init__(conf)
        self.conf = conf
        self.host = host
        self.service_name = service_name

    def init_host(self) -> None:
        pass

    def post_start_hook(self) -> None:
        pass

    def cleanup_host(self) -> None:
        pass

    def periodic_tasks(self, context, raise_on_error=False):
        return self.run_periodic_tasks(context, raise_on_error=raise_on_error)
