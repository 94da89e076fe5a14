"""Configuration options, one module per group, as Nova lays them out.

Services are handed the ``ConfigOpts`` object they run with; ``CONF`` is the
process-wide instance that the console scripts parse into.
"""
from oslo_config import cfg
from oslo_messaging import transport as messaging_transport

from minicompute.conf import (
    api,
    compute,
    configdrive,
    database,
    default,
    libvirt,
    metadata,
    notifications,
    quota,
    scheduler,
    upgrade_levels,
)

CONF = cfg.CONF

MODULES = (default, api, compute, configdrive, database, libvirt, metadata,
           notifications, quota, scheduler, upgrade_levels)


def register_all(conf: cfg.ConfigOpts) -> None:
    for module in MODULES:
        module.register_opts(conf)
    # transport_url and friends, registered now (as the very objects the
    # transport registers later) so defaults can be set before it exists.
    conf.register_opts(messaging_transport._transport_opts)


register_all(CONF)
