"""Host weighers: each scores hosts; scores are normalised to [0, 1],
multiplied by the weigher's multiplier and summed, as Nova does.

A weigher has ``_weigh_object(host_state, spec_obj)`` (or a faster
``weigh_objects`` over all hosts) and names its ``[filter_scheduler]``
multiplier option in ``multiplier_option``. As in Nova, an aggregate's
metadata may override the multiplier for its hosts (key = option name; the
smallest value wins when several aggregates set it). The multiplier is
looked up once per request, and per host only for hosts whose aggregates
override it. Weighers are registered in ``minicompute.scheduler.weighers``
and enabled in ``[filter_scheduler] weight_classes``.
"""
from __future__ import annotations

import heapq

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class BaseHostWeigher:
    minval: float | None = None
    maxval: float | None = None
    #: the ``[filter_scheduler]`` option holding the multiplier
    multiplier_option: str | None = None

    def __init__(self, conf):
        self.conf = conf

    def _configured_multiplier(self) -> float:
        if self.multiplier_option is None:
            return 1.0
        return getattr(self.conf.filter_scheduler, self.multiplier_option)

    def weight_multiplier(self, host_state) -> float:
        """The multiplier for one host (Nova's per-host semantics)."""
        return _aggregate_override(host_state, self.multiplier_option,
                                   self._configured_multiplier())

    def multipliers(self, host_states, metadata_keys=None):
        """One float for all hosts, or a list with one per host when an
        aggregate overrides the multiplier for some of them.

        ``metadata_keys``: every aggregate metadata key of these hosts
        (``metadata_keys_of``), computed once per request by the caller.
        """
        if type(self).weight_multiplier is not \
                BaseHostWeigher.weight_multiplier:
            return [self.weight_multiplier(host) for host in host_states]
        default = self._configured_multiplier()
        name = self.multiplier_option
        if metadata_keys is None:
            metadata_keys = metadata_keys_of(host_states)
        if name is None or name not in metadata_keys:
            return default
        return [_aggregate_override(host, name, default)
                for host in host_states]

    def _weigh_object(self, host_state, spec_obj) -> float:
        raise NotImplementedError()

    def weigh_objects(self, host_states, spec_obj) -> list[float]:
        return [self._weigh_object(host, spec_obj) for host in host_states]


def metadata_keys_of(host_states) -> set:
    """The aggregate metadata keys found on any of ``host_states``."""
    keys = set()
    try:
        for host in host_states:
            keys.update(host.aggregate_metadata)
    except AttributeError:      # stand-ins without aggregates
        return set()
    return keys


def _aggregate_override(host_state, name, default) -> float:
    values = (getattr(host_state, 'aggregate_metadata', {}).get(name)
              if name else None)
    if not values:
        return default
    try:
        return min(float(value) for value in values)
    except ValueError:
        LOG.warning('Could not parse %s=%s of %s; using %s', name, values,
                    host_state.host, default)
        return default


def normalize(weights: list[float], minval=None, maxval=None) -> list[float]:
    """Scale to [0, 1]; all-equal weights become 0 (Nova's rule)."""
    if not weights:
        return []
    low = min(weights) if minval is None else minval
    high = max(weights) if maxval is None else maxval
    if low == high:
        return [0.0] * len(weights)
    span = float(high - low)
    return [(w - low) / span for w in weights]


def weigh_hosts(weighers, host_states, spec_obj) -> list[tuple]:
    """Return ``[(total_weight, host_state)]``, best first (stable: equal
    weights keep the hosts' order, as Nova's sort does)."""
    totals = total_weights(weighers, host_states, spec_obj)
    order = sorted(range(len(host_states)), key=totals.__getitem__,
                   reverse=True)
    return [(totals[index], host_states[index]) for index in order]


def clamp(raw: list, minval=None, maxval=None) -> list:
    """Keep raw weights within the weigher's bounds (Nova's weigh_objects
    does this per object); a pass over the list only when one is out."""
    if minval is not None and raw and min(raw) < minval:
        raw = [value if value > minval else minval for value in raw]
    if maxval is not None and raw and max(raw) > maxval:
        raw = [value if value < maxval else maxval for value in raw]
    return raw


def best(totals: list[float], count: int) -> list[int]:
    """Indexes of the ``count`` highest totals, best first; ties keep
    their order (the same as the head of a stable descending sort)."""
    if count >= len(totals):
        return sorted(range(len(totals)), key=totals.__getitem__,
                      reverse=True)
    return heapq.nlargest(count, range(len(totals)),
                          key=totals.__getitem__)


def total_weights(weighers, host_states, spec_obj,
                  metadata_keys=None) -> list[float]:
    """Each host's summed, normalised, multiplied weight (Nova's sum),
    in the order of ``host_states``."""
    count = len(host_states)
    totals = [0.0] * count
    if not count:
        return totals
    if metadata_keys is None:
        metadata_keys = metadata_keys_of(host_states)
    for weigher in weighers:
        multiplier = weigher.multipliers(host_states, metadata_keys)
        if multiplier == 0.0:
            continue
        raw = clamp(weigher.weigh_objects(host_states, spec_obj),
                    weigher.minval, weigher.maxval)
        low = min(raw) if weigher.minval is None else weigher.minval
        high = max(raw) if weigher.maxval is None else weigher.maxval
        if low == high:
            continue
        if isinstance(multiplier, list):
            span = float(high - low)
            for index, value in enumerate(raw):
                totals[index] += (value - low) / span * multiplier[index]
        else:
            scale = multiplier / float(high - low)
            totals = [total + (value - low) * scale
                      for total, value in zip(totals, raw)]
    return totals
