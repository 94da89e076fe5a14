"""RAMWeigher: prefer the hosts with the most free RAM (spread); a negative
``ram_weight_multiplier`` stacks instead.
"""
from minicompute.scheduler import weights


class RAMWeigher(weights.BaseHostWeigher):
    def weight_multiplier(self, host_state) -> float:
        return self.conf.filter_scheduler.ram_weight_multiplier

    def _weigh_object(self, host_state, spec_obj) -> float:
        return host_state.free_ram_mb
