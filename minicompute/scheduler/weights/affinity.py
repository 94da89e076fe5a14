"""ServerGroupSoftAffinityWeigher and ServerGroupSoftAntiAffinityWeigher:
the soft group policies, as a preference instead of a filter. A host scores
the number of the group's members it already runs (negated for
anti-affinity)."""
from minicompute.scheduler import filters, weights


class _SoftAffinityWeigherBase(weights.BaseHostWeigher):
    policy_name: str = ''

    def _members(self, spec_obj):
        group = filters.spec_value(spec_obj, 'instance_group')
        if group is None or group.policy != self.policy_name:
            return None
        return set(group.members)

    def _weigh_object(self, host_state, spec_obj) -> float:
        members = self._members(spec_obj)
        if not members:
            return 0
        return len(host_state.instances & members)

    def weigh_objects(self, host_states, spec_obj):
        members = self._members(spec_obj)
        if not members:
            return [0] * len(host_states)
        return [len(host.instances & members) for host in host_states]


class ServerGroupSoftAffinityWeigher(_SoftAffinityWeigherBase):
    policy_name = 'soft-affinity'
    multiplier_option = 'soft_affinity_weight_multiplier'


class ServerGroupSoftAntiAffinityWeigher(_SoftAffinityWeigherBase):
    policy_name = 'soft-anti-affinity'
    multiplier_option = 'soft_anti_affinity_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj) -> float:
        return -1 * super()._weigh_object(host_state, spec_obj)

    def weigh_objects(self, host_states, spec_obj):
        return [-1 * value for value in super().weigh_objects(host_states,
                                                               spec_obj)]
