"""[compute] options and the host resource options of a compute service."""
from oslo_config import cfg

from minicompute.conf import groups

compute_group = cfg.OptGroup('compute', title='Compute service options',
                             help='Options for minicompute-compute.')

compute_opts = [
    cfg.IntOpt('max_concurrent_builds',
               default=10, min=0,
               help="""
How many builds a compute host runs at once; others wait their turn.

Possible values:
* 0: unlimited
* A positive integer
"""),
]

resource_opts = [
    cfg.FloatOpt('cpu_allocation_ratio', default=4.0, min=0.0,
                 help="""
Virtual CPU to physical CPU allocation ratio reported by this host.

Related options:
* [filter_scheduler] enabled_filters (CoreFilter)
"""),
    cfg.FloatOpt('ram_allocation_ratio', default=1.0, min=0.0,
                 help="""
Virtual RAM to physical RAM allocation ratio reported by this host.

Related options:
* [filter_scheduler] enabled_filters (RamFilter)
"""),
    cfg.FloatOpt('disk_allocation_ratio', default=1.0, min=0.0,
                 help="Virtual disk to physical disk allocation ratio."),
    cfg.IntOpt('reserved_host_memory_mb', default=512, min=0,
               help="Memory (MB) kept back for the host itself."),
    cfg.IntOpt('reserved_host_disk_mb', default=0, min=0,
               help="Disk (MB) kept back for the host itself."),
    cfg.IntOpt('reserved_host_cpus', default=0, min=0,
               help="Physical CPUs kept back for the host itself."),
]

state_opts = [
    cfg.IntOpt('sync_power_state_interval', default=600, min=-1,
               help="""
Seconds between syncs of every instance's power state with the hypervisor
(lifecycle events sync single instances at once; this catches missed ones).

Possible values:
* -1: disabled
* A positive integer
"""),
    cfg.StrOpt('running_deleted_instance_action', default='reap',
               choices=[('noop', 'Do nothing'),
                        ('log', 'Log a warning'),
                        ('reap', 'Destroy the domain and its files')],
               help="""
What a compute does with a domain it created that has no live instance on
this host any more (deleted, or moved), at start and periodically.

Related options:
* running_deleted_instance_poll_interval
"""),
    cfg.IntOpt('running_deleted_instance_poll_interval', default=1800,
               min=0,
               help="""
Seconds between checks for domains without an instance. 0 disables the
periodic check (start-up still checks).
"""),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    groups.register(conf, compute_group, compute_opts)
    conf.register_opts(resource_opts)
    conf.register_opts(state_opts)


def list_opts():
    return {compute_group: compute_opts,
            'DEFAULT': resource_opts + state_opts}
