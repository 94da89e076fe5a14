"""Loads scheduler filters and weighers by entry point name, with a clear
error that lists what is available when a configured name is wrong.
"""
import stevedore

from minicompute import exception

FILTER_NAMESPACE = 'minicompute.scheduler.filters'
WEIGHER_NAMESPACE = 'minicompute.scheduler.weighers'


def _available(namespace):
    return sorted(ext.name for ext in stevedore.ExtensionManager(namespace))


def load(namespace: str, names: list[str], kind: str, conf) -> list:
    plugins = []
    for name in names:
        try:
            manager = stevedore.DriverManager(namespace, name,
                                              invoke_on_load=True,
                                              invoke_args=(conf,))
        except Exception as e:
            raise exception.SchedulerPluginLoadError(
                kind=kind, name=name, reason=e,
                available=', '.join(_available(namespace)))
        plugins.append(manager.driver)
    return plugins


def load_filters(conf) -> list:
    return load(FILTER_NAMESPACE, conf.filter_scheduler.enabled_filters,
                'filter', conf)


def load_weighers(conf) -> list:
    return load(WEIGHER_NAMESPACE, conf.filter_scheduler.weight_classes,
                'weigher', conf)
