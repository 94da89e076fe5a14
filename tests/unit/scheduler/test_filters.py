"""run_filters: the filter chain, its step record and once-per-request
filters (minicompute/scheduler/filters/__init__.py)."""
import pytest

from minicompute.scheduler import filters


class _Predicate(filters.BaseHostFilter):
    """Passes the hosts whose name is in ``allowed``; counts its calls."""

    def __init__(self, allowed, once=False):
        super().__init__(conf=None)
        self.allowed = set(allowed)
        self.run_filter_once_per_request = once
        self.calls = 0

    def host_passes(self, host_state, spec_obj):
        self.calls += 1
        return host_state in self.allowed


class OddFilter(_Predicate):
    pass


class EvenFilter(_Predicate):
    pass


HOSTS = ['h1', 'h2', 'h3', 'h4']


@pytest.mark.parametrize('allowed_a, allowed_b, passing, steps', [
    ('h1 h2 h3 h4', 'h1 h2 h3 h4', HOSTS,
     ['OddFilter: 4 -> 4', 'EvenFilter: 4 -> 4']),
    ('h1 h3', 'h3 h4', ['h3'],
     ['OddFilter: 4 -> 2', 'EvenFilter: 2 -> 1']),
    # The chain stops at the first filter that leaves nothing.
    ('', 'h1', [], ['OddFilter: 4 -> 0']),
    ('h2', 'h1', [], ['OddFilter: 4 -> 1', 'EvenFilter: 1 -> 0']),
])
def test_chain_narrows_and_records_steps(allowed_a, allowed_b, passing,
                                         steps):
    chain = [OddFilter(allowed_a.split()), EvenFilter(allowed_b.split())]

    hosts, taken = filters.run_filters(chain, HOSTS, spec_obj=None)

    assert hosts == passing
    assert [str(step) for step in taken] == steps


def test_later_filter_not_run_after_empty_result():
    second = EvenFilter(HOSTS)

    filters.run_filters([OddFilter([]), second], HOSTS, spec_obj=None)

    assert second.calls == 0


def test_empty_host_list_records_one_step():
    hosts, taken = filters.run_filters([OddFilter(HOSTS), EvenFilter(HOSTS)],
                                       [], spec_obj=None)

    assert hosts == []
    assert [str(step) for step in taken] == ['OddFilter: 0 -> 0']


def test_no_filters_pass_everything_without_steps():
    hosts, taken = filters.run_filters([], HOSTS, spec_obj=None)

    assert hosts == HOSTS
    assert taken == []


def test_input_list_is_not_modified():
    hosts = list(HOSTS)

    filters.run_filters([OddFilter(['h1'])], hosts, spec_obj=None)

    assert hosts == HOSTS


@pytest.mark.parametrize('index, once_runs, steps', [
    (0, True, ['OddFilter: 4 -> 2', 'EvenFilter: 2 -> 2']),
    (1, False, ['EvenFilter: 4 -> 3']),
    (5, False, ['EvenFilter: 4 -> 3']),
])
def test_once_per_request_filter_runs_only_for_first_instance(
        index, once_runs, steps):
    once = OddFilter(['h1', 'h3'], once=True)
    every = EvenFilter(['h1', 'h2', 'h3'])

    _hosts, taken = filters.run_filters([once, every], HOSTS, None, index)

    assert (once.calls > 0) is once_runs
    assert every.calls > 0
    assert [str(step) for step in taken] == steps


def test_filter_all_keeps_host_order():
    result = OddFilter(['h4', 'h1']).filter_all(HOSTS, None)

    assert result == ['h1', 'h4']


def test_step_fields_and_name_come_from_filter_class():
    _hosts, (step,) = filters.run_filters([EvenFilter(['h2'])], HOSTS, None)

    assert step == filters.FilterStep('EvenFilter', 4, 1)


def test_base_filter_must_be_subclassed():
    with pytest.raises(NotImplementedError):
        filters.BaseHostFilter(conf=None).host_passes('h1', None)
