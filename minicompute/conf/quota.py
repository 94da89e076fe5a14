"""[quota] default per-project limits."""
from oslo_config import cfg

from minicompute.conf import groups

quota_group = cfg.OptGroup('quota', title='Quota options',
                           help='Default per-project quota limits.')

quota_opts = [
    cfg.IntOpt('instances', default=10, min=-1,
               help="Servers per project. -1 means unlimited."),
    cfg.IntOpt('cores', default=20, min=-1,
               help="Instance vCPUs per project. -1 means unlimited."),
    cfg.IntOpt('ram', default=50 * 1024, min=-1,
               help="Instance RAM (MB) per project. -1 means unlimited."),
    cfg.IntOpt('metadata_items', default=128, min=-1,
               help="Metadata items per server. -1 means unlimited."),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    groups.register(conf, quota_group, quota_opts)


def list_opts():
    return {quota_group: quota_opts}
