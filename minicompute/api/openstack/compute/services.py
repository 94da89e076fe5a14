"""/os-services (admin): list, enable, disable (with a reason), delete."""
from __future__ import annotations

from minicompute import (
    compute,
    exception,
    objects,
    policy,
    servicegroup,
    utils,
)
from minicompute.api import validation
from minicompute.api.openstack import wsgi

RULE = 'os_compute_api:os-services:%s'
COMPUTE_BINARY = compute.BINARY

_HOST_BINARY = {
    'type': 'object',
    'properties': {'host': {'type': 'string', 'minLength': 1,
                            'maxLength': 255},
                   'binary': {'type': 'string', 'minLength': 1,
                              'maxLength': 255},
                   'disabled_reason': {'type': 'string', 'minLength': 1,
                                       'maxLength': 255}},
    'required': ['host', 'binary'],
    'additionalProperties': False,
}


class ServicesController:
    def __init__(self, conf):
        self.conf = conf

    def _view(self, service) -> dict:
        up = servicegroup.service_is_up(service, self.conf.service_down_time)
        return {
            'id': service.id,
            'binary': service.binary,
            'host': service.host,
            'zone': 'nova' if service.binary == COMPUTE_BINARY
            else 'internal',
            'status': 'disabled' if service.disabled else 'enabled',
            'state': 'up' if up else 'down',
            'updated_at': utils.isotime(servicegroup.last_heartbeat(service)),
            'disabled_reason': service.disabled_reason,
        }

    def index(self, request):
        policy.authorize(request.context, RULE % 'list')
        services = objects.ServiceList.get_all(
            request.context, binary=request.GET.get('binary'),
            host=request.GET.get('host'))
        return {'services': [self._view(s) for s in services]}

    def update(self, request, id, body):
        """PUT /os-services/{enable,disable,disable-log-reason} (2.1)."""
        policy.authorize(request.context, RULE % 'update')
        if id not in ('enable', 'disable', 'disable-log-reason'):
            raise exception.NotFound(message='Unknown action %s' % id)
        validation.validate(body, _HOST_BINARY)
        if id == 'disable-log-reason' and 'disabled_reason' not in body:
            raise exception.ValidationError(
                detail='Missing disabled reason field')
        try:
            service = objects.Service.get_by_host_and_binary(
                request.context, body['host'], body['binary'])
        except exception.NotFound:
            raise exception.NotFound(message='Service %s on host %s not '
                                     'found.' % (body['binary'],
                                                 body['host']))
        service.disabled = id != 'enable'
        service.disabled_reason = body.get('disabled_reason') \
            if id == 'disable-log-reason' else None
        service.save()
        result = {'host': service.host, 'binary': service.binary,
                  'status': 'disabled' if service.disabled else 'enabled'}
        if service.disabled_reason:
            result['disabled_reason'] = service.disabled_reason
        return {'service': result}

    def delete(self, request, id):
        policy.authorize(request.context, RULE % 'delete')
        try:
            service = objects.Service.get_by_id(request.context, int(id))
        except (ValueError, exception.ServiceNotFound):
            raise exception.NotFound(
                message='Service %s could not be found.' % id)
        if service.binary == COMPUTE_BINARY:
            instances = objects.InstanceList.get_by_host(request.context,
                                                         service.host)
            if len(instances):
                raise exception.Conflict(
                    reason='Unable to delete compute service that is '
                           'hosting instances. Migrate or delete the '
                           'instances first.')
        service.destroy()
        return wsgi.ResponseObject(None, code=204)
