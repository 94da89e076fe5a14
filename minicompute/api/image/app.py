"""The image API's WSGI pieces: its routes (one table), a resource that
speaks JSON, JSON patch and raw image data, and the unauthenticated version
document."""
from __future__ import annotations

import json

import webob
import webob.dec

from minicompute import conf as mc_conf
from minicompute import exception
from minicompute.api import routing
from minicompute.api.image import controller as image_controller
from minicompute.api.openstack import wsgi

ROUTE_LIST = (
    ('/v2/images', {'GET': 'index', 'POST': 'create'}),
    ('/v2/images/{image_id}', {'GET': 'show', 'PATCH': 'update',
                               'DELETE': 'delete'}),
    ('/v2/images/{image_id}/file', {'PUT': 'upload', 'GET': 'download'}),
    ('/v2/schemas/image', {'GET': 'schema'}),
    ('/v2/schemas/images', {'GET': 'schemas'}),
)

_SCHEMA = {'name': 'image', 'additionalProperties': {'type': 'string'},
           'properties': {'id': {'type': 'string'},
                          'name': {'type': ['null', 'string']},
                          'status': {'type': 'string'},
                          'visibility': {'type': 'string'},
                          'tags': {'type': 'array'}},
           'links': [{'href': '{self}', 'rel': 'self'},
                     {'href': '{file}', 'rel': 'enclosure'},
                     {'href': '{schema}', 'rel': 'describedby'}]}


def _json(body, status: int = 200) -> webob.Response:
    return webob.Response(status=status, content_type='application/json',
                          charset='UTF-8', body=json.dumps(body).encode())


class ImageResource:
    def __init__(self, controller):
        self.controller = controller

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, request):
        args = dict(request.urlvars)
        action = args.pop('action')
        args.pop('controller', None)
        if action == 'schema':
            return _json(_SCHEMA)
        if action == 'schemas':
            return _json({'name': 'images', 'properties': {
                'images': {'type': 'array', 'items': _SCHEMA}}})
        try:
            if request.method in ('POST', 'PATCH'):
                try:
                    args['body'] = json.loads(request.body or b'null')
                except ValueError:
                    raise image_controller.BadRequest(
                        reason='Malformed JSON in request body.')
            result = getattr(self.controller, action)(request, **args)
        except exception.MinicomputeException as e:
            return wsgi.fault_response(e.code, e.format_message())
        if isinstance(result, image_controller._FileBody):
            response = webob.Response(
                content_type='application/octet-stream',
                app_iter=iter(result), content_length=result.size)
            if result.checksum:
                response.headers['Content-MD5'] = result.checksum
            return response
        body, status = result if isinstance(result, tuple) else (result,
                                                                 200)
        if body is None:
            return webob.Response(status=status, content_type=None)
        return _json(body, status)


class ImageRouter(routing.TableRouter):
    def __init__(self, conf):
        resource = ImageResource(image_controller.ImagesController(conf))
        super().__init__([
            (path, {method: (resource, action)
                    for method, action in methods.items()})
            for path, methods in ROUTE_LIST], trailing_slash=False)


class ImageVersions:
    """``GET /image/`` (and ``/image/versions``) before authentication."""

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify(RequestClass=wsgi.Request)
    def __call__(self, request):
        if request.method == 'GET' and request.path_info in (
                '', '/', '/versions', '/v2', '/v2/'):
            root = request.host_url + request.script_name
            versions = [{'id': 'v2.%d' % minor,
                         'status': 'CURRENT' if minor == 9 else 'SUPPORTED',
                         'links': [{'rel': 'self',
                                    'href': root.rstrip('/') + '/v2/'}]}
                        for minor in (9, 0)]
            if request.path_info.startswith('/v2'):
                return _json({'version': versions[0]})
            return _json({'versions': versions},
                         200 if request.path_info == '/versions' else 300)
        return self.application


def image_app_factory(global_conf, **local_conf):
    return ImageRouter(mc_conf.CONF)


def versions_filter_factory(global_conf, **local_conf):
    return ImageVersions
