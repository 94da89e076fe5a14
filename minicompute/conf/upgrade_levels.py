"""[upgrade_levels] RPC version caps for a rolling upgrade."""
from oslo_config import cfg

from minicompute.conf import groups

upgrade_group = cfg.OptGroup('upgrade_levels', title='Upgrade levels', help="""
The highest RPC API version this service sends to each other service, so
that during a rolling upgrade (conductors first, then schedulers and the
API, computes last) upgraded services keep speaking what the older ones
understand. Unset means no cap: the newest version this code knows.
""")

_VALUE_HELP = """
Possible values:
* unset (the default): no cap
* ``auto``: the version that the oldest running %(binary)s service
  understands, read from the ``services`` table when the RPC client is
  first used (restart the service after the last old one is gone)
* a release name from ``minicompute/release_mappings.py`` (``0.1``)
* an RPC API version (``1.2``)

Related options:
* the other options of this group
"""

upgrade_opts = [
    cfg.StrOpt('compute',
               help='Cap of the compute RPC API (calls and casts to '
                    'minicompute-compute).' + _VALUE_HELP % {
                        'binary': 'minicompute-compute'}),
    cfg.StrOpt('conductor',
               help='Cap of the conductor RPC APIs (objects and compute '
                    'tasks).' + _VALUE_HELP % {
                        'binary': 'minicompute-conductor'}),
    cfg.StrOpt('scheduler',
               help='Cap of the scheduler RPC API.' + _VALUE_HELP % {
                   'binary': 'minicompute-scheduler'}),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    groups.register(conf, upgrade_group, upgrade_opts)


def list_opts():
    return {upgrade_group: upgrade_opts}
