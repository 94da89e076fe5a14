"""RAMWeigher: prefer the hosts with the most free RAM (spread); a negative
``ram_weight_multiplier`` stacks instead.
"""
from minicompute.scheduler import weights


class RAMWeigher(weights.BaseHostWeigher):
    # Nova's bound: normalise from 0 (a full host), not from the emptiest
    # host of the request; negative free RAM (overcommit) counts as 0.
    minval = 0
    multiplier_option = 'ram_weight_multiplier'

    def _weigh_object(self, host_state, spec_obj) -> float:
        return host_state.free_ram_mb

    def weigh_objects(self, host_states, spec_obj):
        return [host.ram_limit_mb - host.memory_mb_used
                for host in host_states]
