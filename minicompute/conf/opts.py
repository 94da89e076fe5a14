"""Collects every option for oslo-config-generator."""
import collections

from minicompute import conf


def _group_name(group):
    return group if isinstance(group, str) else group.name


def list_opts():
    merged = collections.OrderedDict()
    for module in conf.MODULES:
        for group, opts in module.list_opts().items():
            merged.setdefault(_group_name(group), []).extend(opts)
    return list(merged.items())
