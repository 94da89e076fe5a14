"""/os-availability-zone and /os-availability-zone/detail (admin), the
same at every microversion, as in Nova."""
from minicompute import availability_zones, objects, policy, servicegroup

RULE = 'os_compute_api:os-availability-zone:%s'


class AvailabilityZoneController:
    def __init__(self, conf):
        self.conf = conf

    def index(self, request):
        policy.authorize(request.context, RULE % 'list')
        available, unavailable = availability_zones.get_availability_zones(
            self.conf, request.context)
        zones = [{'zoneName': zone, 'zoneState': {'available': True},
                  'hosts': None} for zone in available]
        zones += [{'zoneName': zone, 'zoneState': {'available': False},
                   'hosts': None} for zone in unavailable]
        return {'availabilityZoneInfo': zones}

    def detail(self, request):
        """As Nova: a zone with an enabled service is available and lists
        its enabled services by host; the others are unavailable, with
        ``hosts`` null. The internal zone is listed here."""
        context = request.context
        policy.authorize(context, RULE % 'detail')
        down_time = self.conf.service_down_time
        zone_of = availability_zones.host_zones()
        services = objects.ServiceList.get_all(context)
        hosts: dict[str, dict] = {}
        for service in services:
            if service.disabled:
                continue
            zone = self._zone(service, zone_of)
            updated = service.updated_at or service.created_at
            hosts.setdefault(zone, {}).setdefault(service.host, {})[
                service.binary] = {
                'available': servicegroup.service_is_up(service, down_time),
                'active': True,
                'updated_at': None if updated is None else
                updated.strftime('%Y-%m-%dT%H:%M:%S.%f'),
            }
        unavailable = []
        for service in services:
            zone = self._zone(service, zone_of)
            if zone not in hosts and zone not in unavailable:
                unavailable.append(zone)
        zones = [{'zoneName': zone, 'zoneState': {'available': True},
                  'hosts': zone_hosts} for zone, zone_hosts in hosts.items()]
        zones += [{'zoneName': zone, 'zoneState': {'available': False},
                   'hosts': None} for zone in unavailable]
        return {'availabilityZoneInfo': zones}

    def _zone(self, service, zone_of: dict) -> str:
        if service.binary == availability_zones.COMPUTE_BINARY:
            return zone_of.get(service.host) or \
                self.conf.default_availability_zone
        return self.conf.internal_service_availability_zone
