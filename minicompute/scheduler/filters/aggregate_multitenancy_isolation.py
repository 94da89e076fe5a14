"""AggregateMultiTenancyIsolation: a host in an aggregate with
``filter_tenant_id`` metadata (also ``filter_tenant_id2`` ...; values may be
comma-separated) takes instances of those projects only. Other projects'
hosts are not restricted.
"""
from minicompute.scheduler import filters

KEY_PREFIX = 'filter_tenant_id'


def allowed_projects(host_state) -> set:
    allowed = set()
    for key, values in host_state.aggregate_metadata.items():
        if key.startswith(KEY_PREFIX):
            for value in values:
                allowed.update(v.strip() for v in value.split(',')
                               if v.strip())
    return allowed


class AggregateMultiTenancyIsolation(filters.BaseHostFilter):
    run_filter_once_per_request = True

    def host_passes(self, host_state, spec_obj) -> bool:
        if not host_state.aggregate_metadata:
            return True
        allowed = allowed_projects(host_state)
        return not allowed or filters.spec_value(
            spec_obj, 'project_id') in allowed
