"""RamFilter, DiskFilter and CoreFilter: capacity honouring the node's
allocation ratios, with usage as claimed so far (including the instances
already placed earlier in the same request).
"""
from minicompute.scheduler import filters


class RamFilter(filters.BaseHostFilter):
    def host_passes(self, host_state, spec_obj) -> bool:
        return spec_obj.memory_mb <= host_state.free_ram_mb


class DiskFilter(filters.BaseHostFilter):
    def host_passes(self, host_state, spec_obj) -> bool:
        return spec_obj.disk_gb <= host_state.free_disk_gb


class CoreFilter(filters.BaseHostFilter):
    def host_passes(self, host_state, spec_obj) -> bool:
        return spec_obj.vcpus <= host_state.free_vcpus
