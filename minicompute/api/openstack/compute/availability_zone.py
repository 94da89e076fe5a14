"""/os-availability-zone and /os-availability-zone/detail (admin)."""
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
        context = request.context
        policy.authorize(context, RULE % 'detail')
        down_time = self.conf.service_down_time
        zone_of = availability_zones.host_zones()
        internal = self.conf.internal_service_availability_zone
        hosts: dict[str, dict] = {}
        enabled_zones = set()
        for service in objects.ServiceList.get_all(context):
            if service.binary == availability_zones.COMPUTE_BINARY:
                zone = zone_of.get(service.host) or \
                    self.conf.default_availability_zone
                if not service.disabled:
                    enabled_zones.add(zone)
            else:
                zone = internal
                enabled_zones.add(zone)
            updated = service.updated_at or service.created_at
            hosts.setdefault(zone, {}).setdefault(service.host, {})[
                service.binary] = {
                'available': servicegroup.service_is_up(service, down_time),
                'active': not service.disabled,
                'updated_at': None if updated is None else
                updated.strftime('%Y-%m-%dT%H:%M:%S.%f'),
            }
        zones = [{'zoneName': zone,
                  'zoneState': {'available': zone in enabled_zones},
                  'hosts': hosts[zone]} for zone in sorted(hosts)]
        return {'availabilityZoneInfo': zones}
