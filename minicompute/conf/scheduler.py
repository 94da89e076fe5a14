"""[scheduler] and [filter_scheduler] options."""
from oslo_config import cfg

from minicompute.conf import groups

scheduler_group = cfg.OptGroup('scheduler', title='Scheduler options',
                               help='General scheduler options.')

scheduler_opts = [
    cfg.IntOpt('max_attempts', default=3, min=1,
               help="""
How many hosts a build may be tried on: the chosen host plus up to
``max_attempts - 1`` alternates used when a build fails and is rescheduled.
"""),
]

filter_scheduler_group = cfg.OptGroup(
    'filter_scheduler', title='Filter scheduler options',
    help='Filters and weighers used to choose hosts.')

filter_scheduler_opts = [
    cfg.ListOpt('enabled_filters',
                default=['ComputeFilter', 'ComputeCapabilitiesFilter',
                         'ImagePropertiesFilter',
                         'ServerGroupAntiAffinityFilter',
                         'ServerGroupAffinityFilter',
                         'AvailabilityZoneFilter', 'RamFilter',
                         'DiskFilter', 'CoreFilter', 'SameHostFilter',
                         'DifferentHostFilter'],
                help="""
Filters, by entry point name in ``minicompute.scheduler.filters``, applied in
order; a host must pass all of them. The cheapest and most selective filters
should come first.

The default is Nova's default list plus AvailabilityZoneFilter, RamFilter,
DiskFilter, CoreFilter, SameHostFilter and DifferentHostFilter. Nova can
leave the first four out because its placement service pre-selects hosts by
resources and availability zone; minicompute has no placement service, so
the resource filters must stay on (the scheduler's database claim still
refuses a host that does not fit, but filtering first keeps requests from
failing on claims) and the AZ filter is what makes ``availability_zone`` on
server create work. The two host hint filters cost nothing for requests
without ``same_host``/``different_host`` hints (they are skipped) and make
those hints work out of the box.

Possible values:

* A list of filter names: ComputeFilter, ComputeCapabilitiesFilter,
  ImagePropertiesFilter, AvailabilityZoneFilter,
  AggregateInstanceExtraSpecsFilter, AggregateMultiTenancyIsolation,
  ServerGroupAffinityFilter, ServerGroupAntiAffinityFilter, SameHostFilter,
  DifferentHostFilter, NumInstancesFilter, IoOpsFilter, JsonFilter,
  RamFilter, DiskFilter, CoreFilter, or any other registered entry point.

Related options:

* ``[filter_scheduler] max_instances_per_host`` (NumInstancesFilter)
* ``[filter_scheduler] max_io_ops_per_host`` (IoOpsFilter)
"""),
    cfg.ListOpt('weight_classes',
                default=['RAMWeigher', 'DiskWeigher', 'CPUWeigher',
                         'NumInstancesWeigher', 'IoOpsWeigher',
                         'ServerGroupSoftAffinityWeigher',
                         'ServerGroupSoftAntiAffinityWeigher',
                         'BuildFailureWeigher'],
                help="""
Weighers, by entry point name in ``minicompute.scheduler.weighers``. Each
weigher's raw values are normalised to [0, 1] over the hosts of the request,
multiplied by its multiplier and summed per host; the highest total wins.

Possible values:

* A list of weigher names (all of the above by default).

Related options:

* the ``*_weight_multiplier`` options of this group
"""),
    cfg.IntOpt('host_subset_size', default=1, min=1,
               help="""
The chosen host is picked at random among this many best-weighed hosts,
which lowers collisions between concurrent schedulers.

Possible values:

* An integer >= 1; 1 always picks the best host.

Related options:

* ``[filter_scheduler] weight_classes``
"""),
    cfg.FloatOpt('ram_weight_multiplier', default=1.0,
                 help="""
Multiplier for the RAM weigher: positive spreads instances over hosts with
the most free RAM, negative stacks them.

Possible values:

* A float; 0.0 disables the weigher.

Related options:

* ``[filter_scheduler] weight_classes``
"""),
    cfg.FloatOpt('disk_weight_multiplier', default=1.0,
                 help="""
Multiplier for DiskWeigher (free disk): positive spreads, negative stacks.

Possible values:

* A float; 0.0 disables the weigher.

Related options:

* ``[filter_scheduler] weight_classes``
"""),
    cfg.FloatOpt('cpu_weight_multiplier', default=1.0,
                 help="""
Multiplier for CPUWeigher (free vCPUs): positive spreads, negative stacks.

Possible values:

* A float; 0.0 disables the weigher.

Related options:

* ``[filter_scheduler] weight_classes``
"""),
    cfg.FloatOpt('num_instances_weight_multiplier', default=0.0,
                 help="""
Multiplier for NumInstancesWeigher (instances on the host): positive prefers
hosts with more instances, negative hosts with fewer. 0.0 (Nova's default)
leaves it to the other weighers.

Possible values:

* A float.

Related options:

* ``[filter_scheduler] weight_classes``
"""),
    cfg.FloatOpt('io_ops_weight_multiplier', default=-1.0,
                 help="""
Multiplier for IoOpsWeigher (builds in progress on the host): the negative
default prefers lightly loaded hosts.

Possible values:

* A float.

Related options:

* ``[filter_scheduler] max_io_ops_per_host``
"""),
    cfg.FloatOpt('soft_affinity_weight_multiplier', default=1.0, min=0.0,
                 help="""
Multiplier for ServerGroupSoftAffinityWeigher: how strongly a soft-affinity
group's members are kept together.

Possible values:

* A non-negative float.

Related options:

* ``[filter_scheduler] soft_anti_affinity_weight_multiplier``
"""),
    cfg.FloatOpt('soft_anti_affinity_weight_multiplier', default=1.0,
                 min=0.0,
                 help="""
Multiplier for ServerGroupSoftAntiAffinityWeigher: how strongly a
soft-anti-affinity group's members are spread.

Possible values:

* A non-negative float.

Related options:

* ``[filter_scheduler] soft_affinity_weight_multiplier``
"""),
    cfg.FloatOpt('build_failure_weight_multiplier', default=1000000.0,
                 help="""
Multiplier for BuildFailureWeigher: hosts where builds failed recently
(since their last successful build) are weighed down by this much per
failure, so a broken host stops attracting every request. The large default
(Nova's) makes it dominate the other weighers.

Possible values:

* A float; 0.0 disables the weigher.

Related options:

* ``[filter_scheduler] build_failure_window``
"""),
    cfg.IntOpt('build_failure_window', default=3600, min=1,
               help="""
Seconds of build history BuildFailureWeigher counts. Nova's computes keep a
failure counter in memory; minicompute counts the failed
``compute_build_and_run_instance`` action events recorded per host since
that host's last successful build, within this window.

Possible values:

* Seconds, >= 1.

Related options:

* ``[filter_scheduler] build_failure_weight_multiplier``
"""),
    cfg.IntOpt('max_instances_per_host', default=50, min=1,
               help="""
NumInstancesFilter refuses hosts that already have this many instances.

Possible values:

* An integer >= 1.

Related options:

* ``[filter_scheduler] enabled_filters``
"""),
    cfg.IntOpt('max_io_ops_per_host', default=8, min=0,
               help="""
IoOpsFilter refuses hosts with this many or more instances in an I/O heavy
state (building, or a task such as resizing, snapshotting, migrating).

Possible values:

* An integer >= 0.

Related options:

* ``[filter_scheduler] io_ops_weight_multiplier``
"""),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    groups.register(conf, scheduler_group, scheduler_opts)
    groups.register(conf, filter_scheduler_group, filter_scheduler_opts)


def list_opts():
    return {scheduler_group: scheduler_opts,
            filter_scheduler_group: filter_scheduler_opts}
