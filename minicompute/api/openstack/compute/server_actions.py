"""POST /servers/{id}/action: the server actions, one per body key.

The body names exactly one action (``{"pause": null}``,
``{"reboot": {"type": "SOFT"}}``, ...). Each action has its schema in
``schemas/server_actions.py`` and its policy in
``policies/server_actions.py``; state and lock checks are the compute
API's. State-changing actions answer 202 without a body (rebuild with the
server), console output 200.
"""
from __future__ import annotations

from minicompute import exception, policy
from minicompute.api import validation
from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute import servers
from minicompute.api.openstack.compute.schemas import server_actions as schema
from minicompute.api.openstack.compute.views import servers as views
from minicompute.compute import api as compute_api
from minicompute.policies import server_actions as action_policies


def _accepted() -> wsgi.ResponseObject:
    return wsgi.ResponseObject(None, code=202)


class ServerActionsController:
    def __init__(self, conf):
        self.conf = conf
        self.compute_api = compute_api.API(conf)
        # The servers controller's lookup keeps "not yours" a 404.
        self._servers = servers.ServersController(conf)
        self._handlers = {
            'reboot': self._reboot,
            'os-stop': self._simple(self.compute_api.stop),
            'os-start': self._simple(self.compute_api.start),
            'pause': self._simple(self.compute_api.pause),
            'unpause': self._simple(self.compute_api.unpause),
            'suspend': self._simple(self.compute_api.suspend),
            'resume': self._simple(self.compute_api.resume),
            'lock': self._simple(self.compute_api.lock),
            'unlock': self._unlock,
            'rebuild': self._rebuild,
            'os-getConsoleOutput': self._console_output,
        }

    def action(self, request, id, body):
        if not isinstance(body, dict) or len(body) != 1:
            raise exception.ValidationError(
                detail='Malformed request body')
        name = next(iter(body))
        handler = self._handlers.get(name)
        if handler is None:
            raise exception.ValidationError(
                detail='There is no such action: %s' % name)
        validation.validate(body, schema.SCHEMAS[name])
        instance = self._servers._get(request, id)
        policy.authorize(request.context, action_policies.RULES[name],
                         {'project_id': instance.project_id,
                          'user_id': instance.user_id})
        return handler(request, instance, body[name])

    @staticmethod
    def _simple(method):
        def handler(request, instance, _argument):
            method(request.context, instance)
            return _accepted()
        return handler

    def _reboot(self, request, instance, argument):
        self.compute_api.reboot(request.context, instance,
                                argument['type'].upper())
        return _accepted()

    def _unlock(self, request, instance, _argument):
        context = request.context
        # Without a record of who locked it, only an admin may unlock an
        # instance of another project (Nova's unlock_override).
        if instance.project_id != context.project_id:
            policy.authorize(context, action_policies.UNLOCK_OVERRIDE,
                             {'project_id': instance.project_id})
        self.compute_api.unlock(context, instance)
        return _accepted()

    def _rebuild(self, request, instance, argument):
        context = request.context
        try:
            self.compute_api.rebuild(
                context, instance, servers._ref_id(argument['imageRef']),
                name=argument.get('name'),
                metadata=argument.get('metadata'))
        except (exception.FlavorDiskTooSmall,
                exception.FlavorMemoryTooSmall,
                exception.ImageUnacceptable) as e:
            raise exception.ValidationError(detail=e.format_message())
        server = views.detail(request, instance)
        server['adminPass'] = (argument.get('adminPass') or
                              servers._password())
        server['OS-DCF:diskConfig'] = argument.get('OS-DCF:diskConfig',
                                                   'MANUAL')
        return wsgi.ResponseObject({'server': server}, code=202)

    def _console_output(self, request, instance, argument):
        length = (argument or {}).get('length')
        if length is not None:
            length = int(length)
            if length < -1:
                raise exception.ValidationError(
                    detail='Invalid input for field/attribute length. '
                           'Value: %s. %s is less than the minimum of -1'
                           % (length, length))
            if length == -1:
                length = None
        output = self.compute_api.get_console_output(request.context,
                                                     instance, length)
        return {'output': output}


