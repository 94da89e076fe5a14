"""/os-services (admin): list, enable, disable, force down, delete.

By microversion, as Nova:

- 2.1: ``PUT /os-services/{enable,disable,disable-log-reason}`` with
  ``host`` and ``binary`` in the body; ``DELETE`` by integer id.
- 2.11: ``forced_down`` in the list and ``PUT /os-services/force-down``.
- 2.53: services are named by uuid: ``PUT /os-services/{uuid}`` takes
  ``status``, ``disabled_reason`` and ``forced_down`` and answers with the
  whole service; the action names are not uuids any more (400).
- 2.75: unknown query parameters on the list are a 400.

Only compute services can be enabled, disabled or forced down.
"""
from __future__ import annotations

from oslo_utils import strutils, uuidutils

from minicompute import (
    availability_zones,
    compute,
    exception,
    objects,
    policy,
    servicegroup,
)
from minicompute.api import validation
from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute.schemas import services as schema
from minicompute.api.openstack.compute.views import services as views
from minicompute.db import aggregates_api
from minicompute.db import api as db_api

RULE = 'os_compute_api:os-services:%s'
COMPUTE_BINARY = compute.BINARY
UUID_IDS = views.UUID_IDS
FORCE_DOWN = '2.11'


def _invalid_uuid(value) -> exception.ValidationError:
    return exception.ValidationError(detail='Invalid uuid %s' % value)


def _check_updatable(binary: str) -> None:
    if binary != COMPUTE_BINARY:
        raise exception.ValidationError(
            detail='Updating a %s service is not supported. Only %s '
                   'services can be updated.' % (binary, COMPUTE_BINARY))


class ServicesController:
    def __init__(self, conf):
        self.conf = conf

    def _view(self, request, service, zones: dict) -> dict:
        if service.binary == COMPUTE_BINARY:
            zone = zones.get(service.host) or \
                self.conf.default_availability_zone
        else:
            zone = self.conf.internal_service_availability_zone
        up = servicegroup.service_is_up(service, self.conf.service_down_time)
        return views.show(request, service, zone, up)

    def index(self, request):
        validation.validate_query(request.GET,
                                  request.for_version(schema.INDEX_QUERY))
        policy.authorize(request.context, RULE % 'list')
        services = objects.ServiceList.get_all(
            request.context, binary=request.GET.get('binary'),
            host=request.GET.get('host'))
        zones = availability_zones.host_zones()
        return {'services': [self._view(request, s, zones)
                             for s in services]}

    # ------------------------------------------------------------ update
    def update(self, request, id, body):
        validation.validate(body, request.for_version(schema.UPDATE))
        if request.is_at_least(UUID_IDS):
            return self._update_by_uuid(request, id, body)
        policy.authorize(request.context, RULE % 'update')
        actions = {'enable': self._enable, 'disable': self._disable,
                   'disable-log-reason': self._disable_log_reason}
        if request.is_at_least(FORCE_DOWN):
            actions['force-down'] = self._force_down
        if id not in actions:
            raise exception.NotFound(message='Unknown action')
        return actions[id](request.context, body)

    @staticmethod
    def _by_host_and_binary(context, host: str, binary: str):
        _check_updatable(binary)
        try:
            return objects.Service.get_by_host_and_binary(context, host,
                                                          binary)
        except exception.NotFound:
            raise exception.NotFound(
                message='Could not find binary %s on host %s.' % (binary,
                                                                  host))

    def _set_status(self, context, body, disabled: bool,
                    reason: str | None = None) -> dict:
        service = self._by_host_and_binary(context, body['host'],
                                           body['binary'])
        service.disabled = disabled
        service.disabled_reason = reason
        service.save()
        result = {'host': body['host'], 'binary': body['binary'],
                  'status': 'disabled' if disabled else 'enabled'}
        if reason:
            result['disabled_reason'] = reason
        return {'service': result}

    def _enable(self, context, body) -> dict:
        return self._set_status(context, body, False)

    def _disable(self, context, body) -> dict:
        return self._set_status(context, body, True)

    def _disable_log_reason(self, context, body) -> dict:
        if 'disabled_reason' not in body:
            raise exception.ValidationError(
                detail='Missing disabled reason field')
        return self._set_status(context, body, True,
                                body['disabled_reason'])

    def _force_down(self, context, body) -> dict:
        if 'forced_down' not in body:
            raise exception.ValidationError(
                detail='Missing forced_down field')
        forced_down = strutils.bool_from_string(body['forced_down'])
        service = self._by_host_and_binary(context, body['host'],
                                           body['binary'])
        service.forced_down = forced_down
        service.save()
        return {'service': {'host': body['host'], 'binary': body['binary'],
                            'forced_down': forced_down}}

    def _update_by_uuid(self, request, service_id: str, body) -> dict:
        """PUT /os-services/{service_uuid} (2.53): the whole service."""
        if not uuidutils.is_uuid_like(service_id):
            raise _invalid_uuid(service_id)
        context = request.context
        policy.authorize(context, RULE % 'update')
        service = objects.Service.get_by_id(context, service_id)
        _check_updatable(service.binary)
        if 'status' not in body and 'forced_down' not in body:
            raise exception.ValidationError(
                detail="No updates were requested. Fields 'status' or "
                       "'forced_down' should be specified.")
        if body.get('status') == 'enabled':
            if body.get('disabled_reason'):
                raise exception.ValidationError(
                    detail="Specifying 'disabled_reason' with status "
                           "'enabled' is invalid.")
            service.disabled = False
            service.disabled_reason = None
        elif body.get('status') == 'disabled':
            service.disabled = True
            service.disabled_reason = body.get('disabled_reason')
        if 'forced_down' in body:
            service.forced_down = strutils.bool_from_string(
                body['forced_down'], strict=True)
        service.save()
        return {'service': self._view(request, service,
                                      availability_zones.host_zones())}

    # ------------------------------------------------------------ delete
    def delete(self, request, id):
        context = request.context
        policy.authorize(context, RULE % 'delete')
        if request.is_at_least(UUID_IDS):
            if not uuidutils.is_uuid_like(id):
                raise _invalid_uuid(id)
            service_id = id
        else:
            try:
                service_id = int(id)
            except ValueError:
                raise exception.InvalidInput(reason='id must be an integer')
        try:
            service = objects.Service.get_by_id(context, service_id)
        except exception.ServiceNotFound:
            raise exception.NotFound(message='Service %s not found.' % id)
        if service.binary == COMPUTE_BINARY:
            self._release_compute_host(context, service.host)
        service.destroy()
        return wsgi.ResponseObject(None, code=204)

    @staticmethod
    def _release_compute_host(context, host: str) -> None:
        """Before a compute service goes: refuse while it hosts servers,
        else take its host out of aggregates and delete its nodes."""
        if len(objects.InstanceList.get_by_host(context, host)):
            raise exception.Conflict(
                message='Unable to delete compute service that is hosting '
                        'instances. Migrate or delete the instances first.')
        for aggregate in aggregates_api.aggregate_get_all():
            if host in aggregate['hosts']:
                aggregates_api.aggregate_remove_host(aggregate['id'], host)
        db_api.compute_node_destroy_by_host(host)
