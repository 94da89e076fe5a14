"""DiskWeigher and CPUWeigher: free disk and free vCPUs (after allocation
ratios); positive multipliers spread, negative stack. As in Nova both
normalise from 0 (``minval``)."""
from minicompute.scheduler import weights


class DiskWeigher(weights.BaseHostWeigher):
    minval = 0
    multiplier_option = 'disk_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj) -> float:
        return host_state.free_disk_gb

    def weigh_objects(self, host_states, spec_obj):
        return [host.disk_limit_gb - host.disk_gb_used
                for host in host_states]


class CPUWeigher(weights.BaseHostWeigher):
    minval = 0
    multiplier_option = 'cpu_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj) -> float:
        return host_state.free_vcpus

    def weigh_objects(self, host_states, spec_obj):
        return [host.vcpus_limit - host.vcpus_used for host in host_states]
