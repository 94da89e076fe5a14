"""AggregateInstanceExtraSpecsFilter: flavor extra specs against the
metadata of the host's aggregates.

Unscoped keys and keys scoped ``aggregate_instance_extra_specs:`` are
checked; a host passes a key if any of its aggregates' values for it
matches (Nova's extra-spec operators apply).
"""
from minicompute.scheduler import filters
from minicompute.scheduler.filters import extra_specs_ops

SCOPE = 'aggregate_instance_extra_specs'


def requirements(extra_specs: dict) -> list:
    result = []
    for key, requirement in extra_specs.items():
        scope = key.split(':', 1)
        if len(scope) > 1:
            if scope[0] != SCOPE:
                continue
            key = scope[1]
        result.append((key, requirement))
    return result


class AggregateInstanceExtraSpecsFilter(filters.RequirementsFilter):
    def requirements(self, spec_obj) -> list:
        return requirements(filters.extra_specs(spec_obj))

    @staticmethod
    def _passes(host_state, wanted) -> bool:
        metadata = host_state.aggregate_metadata
        for key, requirement in wanted:
            values = metadata.get(key)
            if not values or not any(extra_specs_ops.match(value,
                                                           requirement)
                                     for value in values):
                return False
        return True

    def filter_all(self, host_states, spec_obj):
        hosts = list(host_states)
        for key, requirement in self.requirements(spec_obj):
            # Aggregates share few distinct values: match each once.
            matches: dict = {}

            def ok(values, requirement=requirement, matches=matches):
                for value in values:
                    found = matches.get(value)
                    if found is None:
                        found = matches[value] = extra_specs_ops.match(
                            value, requirement)
                    if found:
                        return True
                return False
            hosts = [host for host in hosts
                     if ok(host.aggregate_metadata.get(key, ()))]
        return hosts
