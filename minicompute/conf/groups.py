"""Registering grouped options without sharing state between configs.

oslo.config's ``register_group`` keeps a shallow copy of the OptGroup it is
given, so two ConfigOpts registered from the same module-level OptGroup
share one options dict, and an override set on one shows in the other.
Each ConfigOpts therefore gets a fresh OptGroup.
"""
from oslo_config import cfg


def register(conf: cfg.ConfigOpts, group: cfg.OptGroup, opts) -> None:
    if group.name not in conf:
        conf.register_group(cfg.OptGroup(group.name, title=group.title,
                                         help=group.help))
    conf.register_opts(opts, group=group.name)
