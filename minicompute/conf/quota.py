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
    cfg.IntOpt('key_pairs', default=100, min=-1,
               help="Key pairs per user. -1 means unlimited."),
    cfg.IntOpt('server_groups', default=10, min=-1,
               help="Server groups per project. -1 means unlimited."),
    cfg.IntOpt('server_group_members', default=10, min=-1,
               help="Servers per server group. -1 means unlimited."),
    cfg.IntOpt('injected_files', default=5, min=-1,
               help="Personality files per server create or rebuild "
                    "(below microversion 2.57; checked, never injected "
                    "here). -1 means unlimited."),
    cfg.IntOpt('injected_file_content_bytes', default=10240, min=-1,
               help="Bytes of one personality file's contents, as sent "
                    "(base64). -1 means unlimited."),
    cfg.IntOpt('injected_file_path_length', default=255, min=-1,
               help="Length of a personality file path. -1 means "
                    "unlimited."),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    groups.register(conf, quota_group, quota_opts)


def list_opts():
    return {quota_group: quota_opts}
