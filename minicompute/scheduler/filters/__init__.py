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

    def host_passes(self, host_state, spec_obj) -> bool:
        raise NotImplementedError()

    def filter_all(self, host_states, spec_obj):
        return [host for host in host_states
                if self.host_passes(host, spec_obj)]


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
        before = len(hosts)
        hosts = host_filter.filter_all(hosts, spec_obj)
        steps.append(FilterStep(host_filter.name, before, len(hosts)))
        if not hosts:
            break
    return hosts, steps
