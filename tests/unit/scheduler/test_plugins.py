"""Loading filters and weighers by entry point name (the installed
package's own entry points, through stevedore)."""
import pytest

from minicompute import exception
from minicompute.scheduler import plugins
from minicompute.scheduler.filters import compute_filter, resource_filters
from minicompute.scheduler.weights import ram

ALL_FILTERS = ', '.join(sorted([
    'AggregateInstanceExtraSpecsFilter', 'AggregateMultiTenancyIsolation',
    'AvailabilityZoneFilter', 'ComputeCapabilitiesFilter', 'ComputeFilter',
    'CoreFilter', 'DifferentHostFilter', 'DiskFilter',
    'ImagePropertiesFilter', 'IoOpsFilter', 'JsonFilter',
    'NumInstancesFilter', 'RamFilter', 'SameHostFilter',
    'ServerGroupAffinityFilter', 'ServerGroupAntiAffinityFilter']))
DEFAULT_WEIGHERS = [
    'RAMWeigher', 'DiskWeigher', 'CPUWeigher', 'NumInstancesWeigher',
    'IoOpsWeigher', 'ServerGroupSoftAffinityWeigher',
    'ServerGroupSoftAntiAffinityWeigher', 'BuildFailureWeigher']


@pytest.mark.parametrize('names, classes', [
    (['RamFilter'], [resource_filters.RamFilter]),
    (['CoreFilter', 'ComputeFilter', 'DiskFilter'],
     [resource_filters.CoreFilter, compute_filter.ComputeFilter,
      resource_filters.DiskFilter]),
    ([], []),
])
def test_filters_loaded_in_configured_order(conf, names, classes):
    conf.set_override('enabled_filters', names, group='filter_scheduler')

    loaded = plugins.load_filters(conf)

    assert [type(p) for p in loaded] == classes
    assert all(p.conf is conf for p in loaded)


def test_default_filters_and_weighers(conf):
    # Nova's default list, plus the AZ and resource filters that Nova's
    # placement service stands in for.
    assert [p.name for p in plugins.load_filters(conf)] == [
        'ComputeFilter', 'ComputeCapabilitiesFilter',
        'ImagePropertiesFilter', 'ServerGroupAntiAffinityFilter',
        'ServerGroupAffinityFilter', 'AvailabilityZoneFilter', 'RamFilter',
        'DiskFilter', 'CoreFilter', 'SameHostFilter', 'DifferentHostFilter']
    weighers = plugins.load_weighers(conf)
    assert [type(p).__name__ for p in weighers] == DEFAULT_WEIGHERS
    assert type(weighers[0]) is ram.RAMWeigher


@pytest.mark.parametrize('loader, option, names, kind, bad, available', [
    (plugins.load_filters, 'enabled_filters', ['RamFilter', 'NoSuch'],
     'filter', 'NoSuch', ALL_FILTERS),
    (plugins.load_filters, 'enabled_filters', ['ramfilter'],
     'filter', 'ramfilter', ALL_FILTERS),
    # A weigher's name is not a filter's.
    (plugins.load_filters, 'enabled_filters', ['RAMWeigher'],
     'filter', 'RAMWeigher', ALL_FILTERS),
    (plugins.load_weighers, 'weight_classes', ['RamFilter'],
     'weigher', 'RamFilter', ', '.join(sorted(DEFAULT_WEIGHERS))),
])
def test_wrong_name_lists_available(conf, loader, option, names, kind, bad,
                                    available):
    conf.set_override(option, names, group='filter_scheduler')

    with pytest.raises(exception.SchedulerPluginLoadError) as raised:
        loader(conf)

    message = str(raised.value)
    assert message.startswith('Could not load scheduler %s %s: ' %
                              (kind, bad))
    assert message.endswith('Available: %s' % available)
