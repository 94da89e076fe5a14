"""A server's ``host_status`` (microversion 2.16): the health of the
compute service on the server's host, as Nova reports it.

Precedence follows Nova: a forced-down service is ``DOWN``, otherwise a
disabled one is ``MAINTENANCE``, otherwise ``UP`` while it heartbeats and
``UNKNOWN`` once it stops; a server with no host (or a host without a
compute service) gets ``""``.

Usage::

    statuses = host_status.for_instances(context, instances,
                                         conf.service_down_time)
    statuses[instance.uuid]           # 'UP'
"""
from __future__ import annotations

from minicompute import compute, objects, servicegroup

UP = 'UP'
DOWN = 'DOWN'
MAINTENANCE = 'MAINTENANCE'
UNKNOWN = 'UNKNOWN'
NONE = ''


def from_service(service, service_down_time: int) -> str:
    """The status a compute service gives the servers on its host."""
    if service is None:
        return NONE
    if service.forced_down:
        return DOWN
    if service.disabled:
        return MAINTENANCE
    if servicegroup.service_is_up(service, service_down_time):
        return UP
    return UNKNOWN


def for_instances(context, instances, service_down_time: int) -> dict:
    """``{instance uuid: host status}`` with one service query, however
    many servers there are."""
    hosts = {instance.host for instance in instances if instance.host}
    services = {}
    if len(hosts) == 1:
        found = objects.ServiceList.get_all(context, binary=compute.BINARY,
                                            host=next(iter(hosts)))
        services = {service.host: service for service in found}
    elif hosts:
        found = objects.ServiceList.get_all(context, binary=compute.BINARY)
        services = {service.host: service for service in found
                    if service.host in hosts}
    return {instance.uuid: (from_service(services.get(instance.host),
                                         service_down_time)
                            if instance.host else NONE)
            for instance in instances}
