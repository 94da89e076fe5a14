"""ComputeCapabilitiesFilter: flavor extra specs against host attributes.

Only unscoped keys and keys scoped ``capabilities:`` are checked; other
scopes (``hw:``, ``aggregate_instance_extra_specs:`` ...) belong to other
filters. ``capabilities:stats:foo`` walks into dict attributes. A host that
lacks the attribute does not pass, as in Nova.
"""
from minicompute.scheduler import filters
from minicompute.scheduler.filters import extra_specs_ops

SCOPE = 'capabilities'


def requirements(extra_specs: dict) -> list:
    """``[(attribute path, requirement)]`` this filter must check."""
    result = []
    for key, requirement in extra_specs.items():
        scope = key.split(':')
        if len(scope) > 1:
            if scope[0] != SCOPE:
                continue
            del scope[0]
        result.append((scope, requirement))
    return result


class ComputeCapabilitiesFilter(filters.RequirementsFilter):
    def requirements(self, spec_obj) -> list:
        return requirements(filters.extra_specs(spec_obj))

    @staticmethod
    def _passes(host_state, wanted) -> bool:
        for path, requirement in wanted:
            value = filters.host_attribute(host_state, path)
            if value is None or not extra_specs_ops.match(value,
                                                          requirement):
                return False
        return True
