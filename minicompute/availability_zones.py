"""Availability zones: a compute host's zone is the ``availability_zone``
metadata of its aggregates, or ``[DEFAULT] default_availability_zone``;
the other services live in ``internal_service_availability_zone``.

Usage::

    zones = availability_zones.host_zones(conf)      # {host: 'az1'}
    availability_zones.get_host_availability_zone(conf, 'cmp-1')
    available, unavailable = availability_zones.get_availability_zones(
        conf, context)
"""
from __future__ import annotations

from minicompute import compute, exception, objects, servicegroup
from minicompute.db import aggregates_api

COMPUTE_BINARY = compute.BINARY


def host_zones() -> dict:
    """``{host: zone}`` for the hosts an aggregate puts in a zone."""
    return aggregates_api.host_availability_zones()


def get_host_availability_zone(conf, host: str) -> str:
    return host_zones().get(host) or conf.default_availability_zone


def get_availability_zones(conf, context, with_hosts: bool = False):
    """(available, unavailable) zone names of compute services; a zone is
    available if one of its compute services is enabled. With
    ``with_hosts`` each is a dict ``{zone: [service, ...]}`` instead."""
    zones = host_zones()
    available: dict[str, list] = {}
    unavailable: dict[str, list] = {}
    for service in objects.ServiceList.get_all(context,
                                               binary=COMPUTE_BINARY):
        zone = zones.get(service.host) or conf.default_availability_zone
        target = unavailable if service.disabled else available
        target.setdefault(zone, []).append(service)
    unavailable = {zone: services for zone, services in unavailable.items()
                   if zone not in available}
    if with_hosts:
        return available, unavailable
    return sorted(available), sorted(unavailable)


def parse_requested(conf, requested: str | None):
    """Nova's ``az``, ``az:host``, ``az:host:node`` and ``az::node`` forms:
    returns (zone, forced host, forced node)."""
    forced_host = forced_node = None
    zone = requested
    if zone and ':' in zone:
        colons = zone.count(':')
        if colons == 1:
            zone, forced_host = zone.split(':')
        elif colons == 2:
            if '::' in zone:
                zone, forced_node = zone.split('::')
            else:
                zone, forced_host, forced_node = zone.split(':')
        else:
            raise exception.InvalidInput(
                reason='Unable to parse availability_zone')
    if not zone:
        zone = conf.default_schedule_zone
    return zone or None, forced_host or None, forced_node or None


def validate(conf, context, zone: str | None) -> None:
    """InvalidAvailabilityZone (400) unless ``zone`` has an enabled
    compute service."""
    if zone is None:
        return
    available, _unavailable = get_availability_zones(conf, context)
    if zone not in available:
        raise exception.InvalidAvailabilityZone()


def service_is_up(conf, service) -> bool:
    return servicegroup.service_is_up(service, conf.service_down_time)
