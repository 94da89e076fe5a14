"""RamFilter, DiskFilter and CoreFilter: capacity honouring the node's
allocation ratios, with usage as claimed so far (including the instances
already placed earlier in the same request).
"""
from minicompute.scheduler import filters


class RamFilter(filters.BaseHostFilter):
    def host_passes(self, host_state, spec_obj) -> bool:
        return spec_obj.memory_mb <= host_state.free_ram_mb

    def filter_all(self, host_states, spec_obj):
        need = spec_obj.memory_mb
        return [host for host in host_states
                if need <= host.ram_limit_mb - host.memory_mb_used]


class DiskFilter(filters.BaseHostFilter):
    def host_passes(self, host_state, spec_obj) -> bool:
        return spec_obj.disk_gb <= host_state.free_disk_gb

    def filter_all(self, host_states, spec_obj):
        need = spec_obj.disk_gb
        return [host for host in host_states
                if need <= host.disk_limit_gb - host.disk_gb_used]


class CoreFilter(filters.BaseHostFilter):
    def host_passes(self, host_state, spec_obj) -> bool:
        return spec_obj.vcpus <= host_state.free_vcpus

    def filter_all(self, host_states, spec_obj):
        need = spec_obj.vcpus
        return [host for host in host_states
                if need <= host.vcpus_limit - host.vcpus_used]
