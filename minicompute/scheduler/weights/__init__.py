"""Host weighers: each scores hosts; scores are normalised to [0, 1],
multiplied by the weigher's multiplier and summed, as Nova does.

A weigher has ``weight_multiplier(host_state)`` and
``_weigh_object(host_state, spec_obj)``; it is registered in
``minicompute.scheduler.weighers`` and enabled in
``[filter_scheduler] weight_classes``.
"""
from __future__ import annotations


class BaseHostWeigher:
    minval: float | None = None
    maxval: float | None = None

    def __init__(self, conf):
        self.conf = conf

    def weight_multiplier(self, host_state) -> float:
        return 1.0

    def _weigh_object(self, host_state, spec_obj) -> float:
        raise NotImplementedError()

    def weigh_objects(self, host_states, spec_obj) -> list[float]:
        return [self._weigh_object(host, spec_obj) for host in host_states]


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
    """Return ``[(total_weight, host_state)]``, best first."""
    totals = [0.0] * len(host_states)
    for weigher in weighers:
        raw = weigher.weigh_objects(host_states, spec_obj)
        for index, value in enumerate(normalize(raw, weigher.minval,
                                                weigher.maxval)):
            totals[index] += value * weigher.weight_multiplier(
                host_states[index])
    ranked = sorted(zip(totals, range(len(host_states))),
                    key=lambda item: item[0], reverse=True)
    return [(weight, host_states[index]) for weight, index in ranked]
