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
                default=['ComputeFilter', 'RamFilter', 'DiskFilter',
                         'CoreFilter'],
                help="""
Filters, by entry point name in ``minicompute.scheduler.filters``, applied in
order; a host must pass all of them.
"""),
    cfg.ListOpt('weight_classes',
                default=['RAMWeigher'],
                help="""
Weighers, by entry point name in ``minicompute.scheduler.weighers``; their
normalised, multiplied weights are summed per host.
"""),
    cfg.IntOpt('host_subset_size', default=1, min=1,
               help="""
The chosen host is picked at random among this many best-weighed hosts,
which lowers collisions between concurrent schedulers.
"""),
    cfg.FloatOpt('ram_weight_multiplier', default=1.0,
                 help="""
Multiplier for the RAM weigher: positive spreads instances over hosts with
the most free RAM, negative stacks them.
"""),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    groups.register(conf, scheduler_group, scheduler_opts)
    groups.register(conf, filter_scheduler_group, filter_scheduler_opts)


def list_opts():
    return {scheduler_group: scheduler_opts,
            filter_scheduler_group: filter_scheduler_opts}
