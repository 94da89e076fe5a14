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
from minicompute.api.openstack.compute import (
    server_create_params,
    servers,
)
from minicompute.api.openstack.compute.schemas import server_actions as schema
from minicompute.api.openstack.compute.views import servers as views
from minicompute.compute import api as compute_api
from minicompute.policies import server_actions as action_policies
from minicompute.policies import servers as server_policies

# Actions that later microversions bring: a 404 before them.
MIN_VERSIONS = {'trigger_crash_dump': '2.17'}


def _accepted() -> wsgi.ResponseObject:
    return wsgi.ResponseObject(None, code=202)


def _schema(request, name: str) -> dict:
    """The action's schema; an entry of ``{microversion: schema}``
    (keys like '2.1', no 'type') is chosen by the request's version."""
    choice = schema.SCHEMAS[name]
    return choice if 'type' in choice else request.for_version(choice)


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
            'lock': self._lock,
            'unlock': self._unlock,
            'trigger_crash_dump': self._trigger_crash_dump,
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
        if not request.is_at_least(MIN_VERSIONS.get(name, '2.1')):
            # As Nova answers an action its microversion does not have.
            raise exception.NotFound(
                message='The resource could not be found.')
        validation.validate(body, _schema(request, name))
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

    def _lock(self, request, instance, argument):
        reason = None
        if request.is_at_least('2.73') and argument is not None:
            reason = argument.get('locked_reason')
        self.compute_api.lock(request.context, instance, reason=reason)
        return _accepted()

    def _unlock(self, request, instance, _argument):
        context = request.context
        # A lock the other side set (an admin's, for the owner) needs
        # Nova's unlock_override policy.
        if not self.compute_api.is_expected_locked_by(context, instance):
            policy.authorize(context, action_policies.UNLOCK_OVERRIDE,
                             {'project_id': instance.project_id})
        self.compute_api.unlock(context, instance)
        return _accepted()

    def _trigger_crash_dump(self, request, instance, _argument):
        self.compute_api.trigger_crash_dump(request.context, instance)
        return _accepted()

    def _rebuild(self, request, instance, argument):
        context = request.context
        try:
            self.compute_api.rebuild(
                context, instance,
                server_create_params.ref_id(argument['imageRef']),
                name=argument.get('name'),
                metadata=argument.get('metadata'),
                **self._rebuild_options(request, instance, argument))
        except (exception.FlavorDiskTooSmall,
                exception.FlavorMemoryTooSmall,
                exception.ImageUnacceptable) as e:
            raise exception.ValidationError(detail=e.format_message())
        server = views.rebuild_response(
            request, instance,
            admin_pass=argument.get('adminPass') or servers._password(),
            conf=self.conf)
        server['OS-DCF:diskConfig'] = argument.get('OS-DCF:diskConfig',
                                                   'MANUAL')
        return wsgi.ResponseObject({'server': server}, code=202)

    @staticmethod
    def _rebuild_options(request, instance, argument) -> dict:
        """The rebuild arguments of the request's microversion (the schema
        refused the others): a field given replaces the server's, null
        clearing description, key_name, user_data and the certificates."""
        options = {
            'access_ip_v4': argument.get('accessIPv4'),
            'access_ip_v6': argument.get('accessIPv6'),
            'injected_files': [
                (item.get('path', ''), item.get('contents', ''))
                for item in argument.get('personality') or []],
        }
        for field in ('description', 'key_name', 'user_data'):
            if field in argument:
                options[field] = argument[field]
        if 'trusted_image_certificates' in argument:
            options['trusted_certs'] = argument['trusted_image_certificates']
            policy.authorize(request.context,
                             server_policies.REBUILD_TRUSTED_CERTS,
                             {'project_id': instance.project_id,
                              'user_id': instance.user_id})
        return options

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


