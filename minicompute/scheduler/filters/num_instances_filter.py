"""NumInstancesFilter and IoOpsFilter: cap the instances, and the busy
(building, resizing, snapshotting ...) instances, per host."""
from minicompute.scheduler import filters


class NumInstancesFilter(filters.BaseHostFilter):
    def host_passes(self, host_state, spec_obj) -> bool:
        return (host_state.num_instances <
                self.conf.filter_scheduler.max_instances_per_host)

    def filter_all(self, host_states, spec_obj):
        limit = self.conf.filter_scheduler.max_instances_per_host
        return [host for host in host_states if host.num_instances < limit]


class IoOpsFilter(filters.BaseHostFilter):
    def host_passes(self, host_state, spec_obj) -> bool:
        return (host_state.num_io_ops <
                self.conf.filter_scheduler.max_io_ops_per_host)

    def filter_all(self, host_states, spec_obj):
        limit = self.conf.filter_scheduler.max_io_ops_per_host
        return [host for host in host_states if host.num_io_ops < limit]
