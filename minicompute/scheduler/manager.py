"""The scheduler service's RPC endpoint; the work is in scheduling.py."""
import oslo_messaging as messaging

from minicompute import exception, manager, rpc
from minicompute.scheduler import scheduling


class SchedulerManager(manager.Manager):
    target = messaging.Target(version='1.0')

    def __init__(self, conf, host: str):
        super().__init__(conf, host, 'scheduler')
        self.scheduler = scheduling.Scheduler(conf)
        self.notifier = None

    def init_host(self) -> None:
        self.notifier = rpc.get_notifier('scheduler.%s' % self.host)

    @messaging.expected_exceptions(exception.NoValidHost)
    def select_destinations(self, context, spec_obj, instance_uuids,
                            return_alternates=True):
        payload = {'request_spec': {'instance_uuids': instance_uuids,
                                    'flavor': spec_obj.flavor.name,
                                    'num_instances': len(instance_uuids)}}
        if self.notifier:
            self.notifier.info(context, 'scheduler.select_destinations.start',
                               payload)
        selections = self.scheduler.select_destinations(
            context, spec_obj, instance_uuids,
            return_alternates=return_alternates)
        if self.notifier:
            self.notifier.info(context, 'scheduler.select_destinations.end',
                               payload)
        return selections
