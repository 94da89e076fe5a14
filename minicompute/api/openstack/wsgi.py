"""Request handling shared by every resource: the microversion, the JSON
body, policy context, and turning exceptions into Nova's fault bodies.
"""
from __future__ import annotations

import json

from oslo_log import log as logging
import webob
import webob.dec
import webob.exc

from minicompute import exception
from minicompute.api.openstack import api_version_request as avr

LOG = logging.getLogger(__name__)

JSON = 'application/json'
API_VERSION_HEADER = 'OpenStack-API-Version'
LEGACY_VERSION_HEADER = 'X-OpenStack-Nova-API-Version'

# Nova's fault names by HTTP status.
FAULT_NAMES = {
    400: 'badRequest', 401: 'unauthorized', 403: 'forbidden',
    404: 'itemNotFound', 405: 'badMethod', 406: 'notAcceptable',
    409: 'conflictingRequest', 413: 'overLimit', 415: 'badMediaType',
    429: 'overLimit', 501: 'notImplemented', 503: 'serviceUnavailable',
}


class Request(webob.Request):
    """A request that knows its microversion and its RequestContext."""

    @property
    def context(self):
        return self.environ['minicompute.context']

    @property
    def api_version_request(self) -> avr.APIVersionRequest:
        return self.environ['minicompute.api_version']

    def is_at_least(self, version: str) -> bool:
        """Whether the request's microversion is ``version`` or later."""
        return self.api_version_request >= avr.APIVersionRequest(version)

    def for_version(self, choices: dict):
        """The value of ``choices`` (``{'2.1': a, '2.19': b}``, keyed by
        the microversion each starts at) that applies to this request."""
        return avr.for_version(self.api_version_request, choices)


def fault_response(code: int, message: str, version=None,
                   headers: dict | None = None) -> webob.Response:
    name = FAULT_NAMES.get(code, 'computeFault')
    body = {name: {'code': code, 'message': message}}
    response = webob.Response(status=code, content_type=JSON,
                              charset='UTF-8',
                              body=json.dumps(body).encode())
    for key, value in (headers or {}).items():
        response.headers[key] = value
    if version is not None:
        _add_version_headers(response, version)
    return response


def _add_version_headers(response, version) -> None:
    response.headers[API_VERSION_HEADER] = 'compute %s' % version
    response.headers[LEGACY_VERSION_HEADER] = str(version)
    response.headers.add('Vary', API_VERSION_HEADER)
    response.headers.add('Vary', LEGACY_VERSION_HEADER)


class ResponseObject:
    """What a controller returns when it needs a status or headers."""

    def __init__(self, body=None, code: int = 200,
                 headers: dict | None = None):
        self.body = body
        self.code = code
        self.headers = headers or {}


class Resource:
    """Dispatches a routed request to ``controller.<action>`` and renders
    the result (a dict, a ResponseObject or None) as JSON.
    """

    def __init__(self, controller):
        self.controller = controller

    @webob.dec.wsgify(RequestClass=Request)
    def __call__(self, request):
        args = dict(request.urlvars)
        action = args.pop('action')
        args.pop('controller', None)
        args.pop('format', None)
        try:
            version = avr.from_headers(request.headers)
        except avr.MicroversionNotAcceptable as e:
            return fault_response(406, e.format_message())
        except avr.InvalidMicroversionFormat as e:
            return fault_response(400, e.format_message())
        request.environ['minicompute.api_version'] = version
        try:
            # A controller lists in BODY_OPTIONAL the actions that take an
            # empty body (Nova passes them body=None).
            if request.method in ('POST', 'PUT') and (
                    request.body or action not in getattr(
                        self.controller, 'BODY_OPTIONAL', ())):
                args['body'] = self._json_body(request)
            result = getattr(self.controller, action)(request, **args)
        except exception.MinicomputeException as e:
            return self._fault(e, version)
        except webob.exc.HTTPException as e:
            return fault_response(e.code, e.explanation or e.title,
                                  version)
        return self._render(result, version)

    @staticmethod
    def _json_body(request):
        if not request.body:
            raise exception.ValidationError(
                detail='The request body is empty; a JSON object is '
                       'required.')
        content_type = request.content_type or JSON
        if content_type not in (JSON, 'application/octet-stream', ''):
            raise exception.UnsupportedMediaType(content_type=content_type)
        try:
            return json.loads(request.body)
        except ValueError:
            raise exception.ValidationError(
                detail='Malformed request body: not valid JSON.')

    @staticmethod
    def _fault(error, version):
        code = getattr(error, 'code', 500)
        if code >= 500:
            LOG.error('Unexpected API error: %s', error.format_message())
            message = ('Unexpected API Error. Please report this at '
                       'your operator.')
            if code == 500:
                return fault_response(500, message, version)
        return fault_response(code, error.format_message(), version)

    @staticmethod
    def _render(result, version):
        if not isinstance(result, ResponseObject):
            result = ResponseObject(result,
                                    code=200 if result is not None else 204)
        response = webob.Response(status=result.code)
        if result.body is not None:
            response.content_type = JSON
            response.charset = 'UTF-8'
            response.body = json.dumps(result.body).encode()
        else:
            response.content_type = None
        for key, value in result.headers.items():
            response.headers[key] = value
        _add_version_headers(response, version)
        return response
