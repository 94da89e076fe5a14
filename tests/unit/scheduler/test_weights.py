"""normalize and weigh_hosts (minicompute/scheduler/weights/__init__.py)."""
import pytest

from minicompute.scheduler import weights


@pytest.mark.parametrize('raw, minval, maxval, expected', [
    ([], None, None, []),
    ([7], None, None, [0.0]),
    ([1, 2, 3], None, None, [0.0, 0.5, 1.0]),
    ([3, 1, 2], None, None, [1.0, 0.0, 0.5]),
    ([-10, 0, 10], None, None, [0.0, 0.5, 1.0]),
    # All equal: no host is preferred (Nova's rule), not a division by 0.
    ([5, 5, 5], None, None, [0.0, 0.0, 0.0]),
    # Fixed bounds replace the observed ones.
    ([5], 0, 10, [0.5]),
    ([2, 4], 0, None, [0.5, 1.0]),
    ([2, 4], None, 10, [0.0, 0.25]),
    ([5, 5], 0, 10, [0.5, 0.5]),
    ([1, 9], 4, 4, [0.0, 0.0]),
])
def test_normalize(raw, minval, maxval, expected):
    assert weights.normalize(raw, minval, maxval) == pytest.approx(expected)


class _Weigher(weights.BaseHostWeigher):
    """Weighs a host by a number looked up in ``values``."""

    def __init__(self, values, multiplier=1.0, minval=None, maxval=None):
        super().__init__(conf=None)
        self.values = values
        self.multiplier = multiplier
        self.minval = minval
        self.maxval = maxval

    def weight_multiplier(self, host_state):
        return self.multiplier

    def _weigh_object(self, host_state, spec_obj):
        return self.values[host_state]


HOSTS = ['a', 'b', 'c']


@pytest.mark.parametrize('values, multiplier, order, totals', [
    ({'a': 1, 'b': 3, 'c': 2}, 1.0, 'bca', [1.0, 0.5, 0.0]),
    ({'a': 1, 'b': 3, 'c': 2}, 2.5, 'bca', [2.5, 1.25, 0.0]),
    # A negative multiplier reverses the preference (stacking).
    ({'a': 1, 'b': 3, 'c': 2}, -1.0, 'acb', [0.0, -0.5, -1.0]),
    # Zero switches the weigher off: input order is kept.
    ({'a': 1, 'b': 3, 'c': 2}, 0.0, 'abc', [0.0, 0.0, 0.0]),
    # Ties keep input order.
    ({'a': 2, 'b': 2, 'c': 2}, 1.0, 'abc', [0.0, 0.0, 0.0]),
    ({'a': 1, 'b': 3, 'c': 3}, 1.0, 'bca', [1.0, 1.0, 0.0]),
])
def test_single_weigher(values, multiplier, order, totals):
    ranked = weights.weigh_hosts([_Weigher(values, multiplier)], HOSTS,
                                 None)

    assert ''.join(host for _w, host in ranked) == order
    assert [w for w, _h in ranked] == pytest.approx(totals)


def test_weighers_are_summed_after_normalising():
    # Raw scales differ wildly; normalised, 'b' wins on the sum.
    big = _Weigher({'a': 1000, 'b': 900, 'c': 0})
    small = _Weigher({'a': 0, 'b': 1, 'c': 0.5}, multiplier=2.0)

    ranked = weights.weigh_hosts([big, small], HOSTS, None)

    assert [(round(w, 6), h) for w, h in ranked] == [
        (2.9, 'b'), (1.0, 'a'), (1.0, 'c')]


def test_weigher_bounds_are_used_for_normalising():
    bounded = _Weigher({'a': 25, 'b': 50, 'c': 75}, minval=0, maxval=100)

    ranked = weights.weigh_hosts([bounded], HOSTS, None)

    assert ranked == [(0.75, 'c'), (0.5, 'b'), (0.25, 'a')]


def test_multiplier_may_differ_per_host():
    class PerHost(_Weigher):
        def weight_multiplier(self, host_state):
            return {'a': 10.0, 'b': 1.0, 'c': 1.0}[host_state]

    ranked = weights.weigh_hosts([PerHost({'a': 2, 'b': 3, 'c': 1})],
                                 HOSTS, None)

    # Normalised a=0.5, b=1, c=0; a's multiplier of 10 puts it first.
    assert ranked == [(5.0, 'a'), (1.0, 'b'), (0.0, 'c')]


def test_no_hosts_or_no_weighers():
    assert weights.weigh_hosts([_Weigher({})], [], None) == []
    assert weights.weigh_hosts([], HOSTS, None) == [
        (0.0, 'a'), (0.0, 'b'), (0.0, 'c')]
