"""ComputeFilter: only hosts whose compute service is up and enabled."""
import logging as std_logging

from oslo_log import log as logging

from minicompute.scheduler import filters

LOG = logging.getLogger(__name__)


class ComputeFilter(filters.BaseHostFilter):
    run_filter_once_per_request = True

    def host_passes(self, host_state, spec_obj) -> bool:
        if host_state.service_disabled:
            LOG.debug('%s is disabled', host_state)
            return False
        if not host_state.service_up:
            LOG.debug('%s has not been heard from recently', host_state)
            return False
        return True

    def filter_all(self, host_states, spec_obj):
        # Why each host failed is worth a line only when debugging.
        if LOG.isEnabledFor(std_logging.DEBUG):
            return super().filter_all(host_states, spec_obj)
        return [host for host in host_states
                if host.service_up and not host.service_disabled]
