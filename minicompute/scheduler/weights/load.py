"""NumInstancesWeigher, IoOpsWeigher and BuildFailureWeigher: weigh hosts
by how busy or how unreliable they have been."""
from minicompute.scheduler import weights


class NumInstancesWeigher(weights.BaseHostWeigher):
    """Instances on the host; the default multiplier 0.0 disables it, a
    negative one prefers emptier hosts."""
    multiplier_option = 'num_instances_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj) -> float:
        return host_state.num_instances

    def weigh_objects(self, host_states, spec_obj):
        return [host.num_instances for host in host_states]


class IoOpsWeigher(weights.BaseHostWeigher):
    """Builds and other I/O heavy tasks in progress; the default negative
    multiplier prefers quiet hosts."""
    minval = 0
    multiplier_option = 'io_ops_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj) -> float:
        return host_state.num_io_ops

    def weigh_objects(self, host_states, spec_obj):
        return [host.num_io_ops for host in host_states]


class BuildFailureWeigher(weights.BaseHostWeigher):
    """Recent build failures (since the host's last successful build)
    weigh a host down, with a large default multiplier."""
    multiplier_option = 'build_failure_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj) -> float:
        return -1 * host_state.failed_builds

    def weigh_objects(self, host_states, spec_obj):
        return [-host.failed_builds for host in host_states]
