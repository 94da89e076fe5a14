"""Server group and instance affinity filters.

ServerGroupAffinityFilter / ServerGroupAntiAffinityFilter enforce the hard
policies of the request's server group (``scheduler_hints: {group: uuid}``);
SameHostFilter / DifferentHostFilter the ``same_host`` / ``different_host``
hints (lists of instance uuids). The scheduler fills the group's ``hosts``
and ``members`` from the database at the start of each request and adds
each chosen host, so a multi-create honours the policy too; the compute
host re-checks before spawning (compute/build.py) to close the race
between parallel requests.
"""
from minicompute.scheduler import filters


def _group(spec_obj, policy):
    group = filters.spec_value(spec_obj, 'instance_group')
    if group is None or group.policy != policy:
        return None
    return group


class ServerGroupAffinityFilter(filters.BaseHostFilter):
    """Every member on one host: once a member has a host, only that host
    (Nova's rule: the first member may go anywhere)."""

    def applies(self, spec_obj) -> bool:
        return _group(spec_obj, 'affinity') is not None

    def host_passes(self, host_state, spec_obj) -> bool:
        group = _group(spec_obj, 'affinity')
        if group is None:
            return True
        return not group.hosts or host_state.host in group.hosts

    def filter_all(self, host_states, spec_obj):
        group = _group(spec_obj, 'affinity')
        if group is None or not group.hosts:
            return list(host_states)
        hosts = set(group.hosts)
        return [host for host in host_states if host.host in hosts]


class ServerGroupAntiAffinityFilter(filters.BaseHostFilter):
    """At most ``rules.max_server_per_host`` members (default 1) per host."""

    def applies(self, spec_obj) -> bool:
        return _group(spec_obj, 'anti-affinity') is not None

    @staticmethod
    def _passes(host_state, members, limit, instance_uuid) -> bool:
        if instance_uuid in host_state.instances:
            return True
        return len(host_state.instances & members) < limit

    def host_passes(self, host_state, spec_obj) -> bool:
        group = _group(spec_obj, 'anti-affinity')
        if group is None:
            return True
        return self._passes(host_state, set(group.members),
                            group.max_server_per_host,
                            filters.spec_value(spec_obj, 'instance_uuid'))

    def filter_all(self, host_states, spec_obj):
        group = _group(spec_obj, 'anti-affinity')
        if group is None:
            return list(host_states)
        members = set(group.members)
        limit = group.max_server_per_host
        instance_uuid = filters.spec_value(spec_obj, 'instance_uuid')
        if limit == 1:
            # The common case, without a call per host.
            return [host for host in host_states
                    if members.isdisjoint(host.instances) or
                    instance_uuid in host.instances]
        return [host for host in host_states
                if self._passes(host, members, limit, instance_uuid)]


def _uuids(spec_obj, hint):
    value = filters.scheduler_hint(spec_obj, hint)
    if not value:
        return None
    return {value} if isinstance(value, str) else set(value)


class SameHostFilter(filters.BaseHostFilter):
    """Only hosts running one of the ``same_host`` instances."""
    run_filter_once_per_request = True

    def applies(self, spec_obj) -> bool:
        return bool(_uuids(spec_obj, 'same_host'))

    def host_passes(self, host_state, spec_obj) -> bool:
        uuids = _uuids(spec_obj, 'same_host')
        return not uuids or bool(host_state.instances & uuids)

    def filter_all(self, host_states, spec_obj):
        uuids = _uuids(spec_obj, 'same_host')
        if not uuids:
            return list(host_states)
        return [host for host in host_states
                if not uuids.isdisjoint(host.instances)]


class DifferentHostFilter(filters.BaseHostFilter):
    """Only hosts running none of the ``different_host`` instances."""
    run_filter_once_per_request = True

    def applies(self, spec_obj) -> bool:
        return bool(_uuids(spec_obj, 'different_host'))

    def host_passes(self, host_state, spec_obj) -> bool:
        uuids = _uuids(spec_obj, 'different_host')
        return not uuids or not (host_state.instances & uuids)

    def filter_all(self, host_states, spec_obj):
        uuids = _uuids(spec_obj, 'different_host')
        if not uuids:
            return list(host_states)
        return [host for host in host_states
                if uuids.isdisjoint(host.instances)]
