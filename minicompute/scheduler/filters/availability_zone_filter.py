"""AvailabilityZoneFilter: hosts in the requested availability zone.

A host's zones come from the ``availability_zone`` metadata of its
aggregates, or ``[DEFAULT] default_availability_zone`` if none names one.
A request without a zone passes everywhere.
"""
from minicompute.scheduler import filters


class AvailabilityZoneFilter(filters.BaseHostFilter):
    run_filter_once_per_request = True

    def applies(self, spec_obj) -> bool:
        return bool(filters.spec_value(spec_obj, 'availability_zone'))

    def host_passes(self, host_state, spec_obj) -> bool:
        zone = filters.spec_value(spec_obj, 'availability_zone')
        return not zone or zone in host_state.availability_zones

    def filter_all(self, host_states, spec_obj):
        zone = filters.spec_value(spec_obj, 'availability_zone')
        if not zone:
            return list(host_states)
        return [host for host in host_states
                if zone in host.availability_zones]
