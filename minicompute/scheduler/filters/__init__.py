"""Host filters: each decides whether one host can take one instance.

A filter is a class with ``host_passes(host_state, spec_obj) -> bool``,
registered as an entry point in ``minicompute.scheduler.filters`` and
enabled by name in ``[filter_scheduler] enabled_filters``.
"""
from __future__ import annotations

import dataclasses


class BaseHostFilter:
    """Base of all host filters.

    ``run_filter_once_per_request`` lets a filter whose answer cannot change
    between the instances of one multi-create run only for the first.
    """

    run_filter_once_per_request = False

    def __init__(self, conf):
        self.conf = conf

    @property
    def name(self) -> str:
        return self.__class__.__name__

    def applies(self, spec_obj) -> bool:
        """False if this request asks nothing of this filter (no zone, no
        group, no hint ...): it is skipped and left out of the NoValidHost
        explanation, which then lists only the filters that mattered."""
        return True

    def host_passes(self, host_state, spec_obj) -> bool:
        raise NotImplementedError()

    def filter_all(self, host_states, spec_obj):
        return [host for host in host_states
                if self.host_passes(host, spec_obj)]


def spec_value(spec_obj, name: str, default=None):
    """A RequestSpec field, or ``default`` when it is unset or None."""
    is_set = getattr(spec_obj, 'obj_attr_is_set', None)
    if is_set is not None and not is_set(name):
        return default
    value = getattr(spec_obj, name, default)
    return default if value is None else value


def scheduler_hint(spec_obj, name: str, default=None):
    """A scheduler hint as Nova's RequestSpec.get_scheduler_hint returns it:
    a one-item list becomes its item."""
    hints = spec_value(spec_obj, 'scheduler_hints', {})
    value = hints.get(name)
    if value is None:
        return default
    if isinstance(value, list) and len(value) == 1:
        return value[0]
    return value


class RequirementsFilter(BaseHostFilter):
    """A filter whose requirements are read from the request once and then
    checked against each host: subclasses give ``requirements(spec_obj)``
    and ``_passes(host_state, wanted)``; no requirements, no filtering."""

    run_filter_once_per_request = True

    def requirements(self, spec_obj) -> list:
        raise NotImplementedError()

    def _passes(self, host_state, wanted) -> bool:
        raise NotImplementedError()

    def applies(self, spec_obj) -> bool:
        return bool(self.requirements(spec_obj))

    def host_passes(self, host_state, spec_obj) -> bool:
        return self._passes(host_state, self.requirements(spec_obj))

    def filter_all(self, host_states, spec_obj):
        wanted = self.requirements(spec_obj)
        if not wanted:
            return list(host_states)
        return [host for host in host_states if self._passes(host, wanted)]


def host_attribute(host_state, path: list[str]):
    """``host_state.<path[0]>[path[1]]...``, or None where it stops."""
    value = getattr(host_state, path[0], None)
    for part in path[1:]:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def extra_specs(spec_obj) -> dict:
    flavor = spec_value(spec_obj, 'flavor')
    if flavor is None:
        return {}
    return spec_value(flavor, 'extra_specs', {}) or {}


@dataclasses.dataclass
class FilterStep:
    """How many hosts one filter saw and let through."""
    name: str
    before: int
    after: int

    def __str__(self) -> str:
        return '%s: %d -> %d' % (self.name, self.before, self.after)


def run_filters(filters, host_states, spec_obj, index: int = 0):
    """Apply ``filters`` in order; return (passing hosts, steps taken)."""
    hosts = list(host_states)
    steps = []
    for host_filter in filters:
        if index > 0 and host_filter.run_filter_once_per_request:
            continue
        if not host_filter.applies(spec_obj):
            continue
        before = len(hosts)
        hosts = host_filter.filter_all(hosts, spec_obj)
        steps.append(FilterStep(host_filter.name, before, len(hosts)))
        if not hosts:
            break
    return hosts, steps
