"""/os-aggregates: host aggregates and, through their
``availability_zone`` metadata, availability zones (admin only).
"""
from minicompute import exception, objects, policy
from minicompute.api import validation
from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute.schemas import aggregates as schema
from minicompute.api.openstack.compute.views import aggregates as views
from minicompute.db import aggregates_api

RULE = 'os_compute_api:os-aggregates:%s'
AZ_KEY = aggregates_api.AZ_KEY


# Nova's fault when a zone change would put a host in two zones.
_ZONE_CONFLICT = {'add_host': ('add host to aggregate', 409),
                  'update': ('update aggregate', 400),
                  'set_metadata': ('update metadata of aggregate', 400)}


def _aggregate_id(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise exception.AggregateNotFound(aggregate_id=value)


class AggregatesController:
    def __init__(self, conf):
        self.conf = conf

    def index(self, request):
        policy.authorize(request.context, RULE % 'index')
        return {'aggregates': [views.show(request, agg) for agg in
                               aggregates_api.aggregate_get_all()]}

    def show(self, request, id):
        policy.authorize(request.context, RULE % 'show')
        return {'aggregate': views.show(
            request, aggregates_api.aggregate_get(_aggregate_id(id)))}

    def create(self, request, body):
        policy.authorize(request.context, RULE % 'create')
        validation.validate(body, schema.create)
        values = body['aggregate']
        zone = values.get('availability_zone')
        self._check_zone_name(zone)
        aggregate = aggregates_api.aggregate_create(
            values['name'], {AZ_KEY: zone} if zone else None)
        # Nova's create answer has neither hosts nor metadata.
        return {'aggregate': views.show(request, aggregate,
                                        with_members=False)}

    def update(self, request, id, body):
        policy.authorize(request.context, RULE % 'update')
        validation.validate(body, schema.update)
        aggregate_id = _aggregate_id(id)
        values = body['aggregate']
        aggregate = aggregates_api.aggregate_get(aggregate_id)
        if 'availability_zone' in values:
            zone = values['availability_zone']
            self._check_zone_name(zone)
            self._check_zone_change(aggregate, zone, 'update')
            aggregate = aggregates_api.aggregate_set_metadata(
                aggregate_id, {AZ_KEY: zone})
        if 'name' in values:
            aggregate = aggregates_api.aggregate_update(aggregate_id,
                                                        values['name'])
        return {'aggregate': views.show(request, aggregate)}

    def delete(self, request, id):
        policy.authorize(request.context, RULE % 'delete')
        try:
            aggregates_api.aggregate_destroy(_aggregate_id(id))
        except exception.InvalidAggregateAction:
            raise exception.ValidationError(
                detail='Cannot remove host from aggregate %s. Reason: Host '
                       'aggregate is not empty.' % id)
        return wsgi.ResponseObject(None, code=200)

    def action(self, request, id, body):
        aggregate_id = _aggregate_id(id)
        if not isinstance(body, dict) or len(body) != 1:
            raise exception.ValidationError(
                detail='Exactly one action is required.')
        name = next(iter(body))
        handler = {'add_host': self._add_host,
                   'remove_host': self._remove_host,
                   'set_metadata': self._set_metadata}.get(name)
        if handler is None:
            raise exception.ValidationError(
                detail="Invalid action %s; expected add_host, remove_host "
                       "or set_metadata." % name)
        policy.authorize(request.context, RULE % name)
        validation.validate(body, getattr(schema, name))
        aggregate = handler(request.context, aggregate_id, body[name])
        return {'aggregate': views.show(request, aggregate)}

    # ------------------------------------------------------------ actions
    def _add_host(self, context, aggregate_id, values):
        host = values['host']
        if not objects.ComputeNodeList.get_all(context, host=host):
            raise exception.ComputeHostNotFound(host=host)
        aggregate = aggregates_api.aggregate_get(aggregate_id)
        zone = aggregate['metadata'].get(AZ_KEY)
        if zone:
            self._check_zone_change(aggregate, zone, 'add_host', [host])
        return aggregates_api.aggregate_add_host(aggregate_id, host)

    @staticmethod
    def _remove_host(context, aggregate_id, values):
        try:
            return aggregates_api.aggregate_remove_host(aggregate_id,
                                                        values['host'])
        except exception.NotFound:
            raise exception.NotFound(
                message='Cannot remove host %s in aggregate %s' % (
                    values['host'], aggregate_id))

    def _set_metadata(self, context, aggregate_id, values):
        metadata = values['metadata']
        aggregate = aggregates_api.aggregate_get(aggregate_id)
        if AZ_KEY in metadata:
            zone = metadata[AZ_KEY]
            self._check_zone_name(zone)
            self._check_zone_change(aggregate, zone, 'set_metadata')
        return aggregates_api.aggregate_set_metadata(aggregate_id, metadata)

    # ------------------------------------------------------------ checks
    def _check_zone_name(self, zone) -> None:
        if zone and zone == self.conf.internal_service_availability_zone:
            raise exception.ValidationError(
                detail='Aggregates cannot use the internal availability '
                       'zone %s' % zone)
        if zone and ':' in zone:
            raise exception.ValidationError(
                detail="Availability zone names may not contain ':'")

    @staticmethod
    def _check_zone_change(aggregate, zone, action: str,
                           hosts: list | None = None) -> None:
        """A host is in one zone only: refuse a zone that would put one of
        ``hosts`` (the aggregate's by default) in two, with Nova's fault
        for the action (409 adding a host, 400 otherwise)."""
        if not zone:
            return
        hosts = set(aggregate['hosts'] if hosts is None else hosts)
        conflicting = [
            agg['metadata'][AZ_KEY]
            for agg in aggregates_api.aggregate_get_all()
            if agg['id'] != aggregate['id'] and hosts & set(agg['hosts'])
            and agg['metadata'].get(AZ_KEY)
            and agg['metadata'][AZ_KEY] != zone]
        if not conflicting:
            return
        what, code = _ZONE_CONFLICT[action]
        message = 'Cannot %s %s. Reason: One or more hosts already in ' \
                  'availability zone(s) %s.' % (what, aggregate['id'],
                                               conflicting)
        if code == 409:
            raise exception.Conflict(message=message)
        raise exception.ValidationError(detail=message)
