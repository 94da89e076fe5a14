"""Version documents: ``GET /`` (all versions) and ``GET /v2.1/``.

Both are served without authentication so clients can discover the API.
"""
import json

import webob
import webob.dec

from minicompute.api.openstack import api_version_request as avr

UPDATED = '2013-07-23T11:33:21Z'


def _v21(root_url: str) -> dict:
    return {
        'id': 'v2.1',
        'status': 'CURRENT',
        'version': avr.MAX_VERSION,
        'min_version': avr.MIN_VERSION,
        'updated': UPDATED,
        'links': [{'rel': 'self', 'href': root_url.rstrip('/') + '/v2.1/'}],
    }


def version_document(root_url: str) -> dict:
    doc = _v21(root_url)
    doc['links'].append({'rel': 'describedby', 'type': 'text/html',
                         'href': 'https://docs.openstack.org/'})
    doc['media-types'] = [{
        'base': 'application/json',
        'type': 'application/vnd.openstack.compute+json;version=2.1'}]
    return {'version': doc}


class VersionsController:
    """``GET /v2.1/`` inside the authenticated API."""

    def show(self, request):
        root = request.host_url + request.script_name.rsplit('/v2.1', 1)[0]
        return version_document(root)


class RootVersions:
    """``GET /``: the list of API versions (a WSGI app)."""

    @webob.dec.wsgify
    def __call__(self, request):
        root = request.host_url + request.script_name
        if request.path_info not in ('', '/'):
            body = {'choices': [dict(_v21(root), **{
                'links': [{'rel': 'self', 'href': root.rstrip('/') +
                           '/v2.1' + request.path_info}]})]}
            status = 300
        else:
            body = {'versions': [_v21(root)]}
            status = 200
        return webob.Response(status=status,
                              content_type='application/json',
                              charset='UTF-8',
                              body=json.dumps(body).encode())


def root_app_factory(global_conf, **local_conf):
    return RootVersions()


class V21VersionFilter:
    """Answers ``GET /v2.1/`` before authentication, so clients can
    discover the API version without a token."""

    def __init__(self, application):
        self.application = application

    @webob.dec.wsgify
    def __call__(self, request):
        if request.method == 'GET' and request.path_info in ('', '/'):
            root = request.host_url + request.script_name.rsplit(
                '/v2.1', 1)[0]
            return webob.Response(
                content_type='application/json', charset='UTF-8',
                body=json.dumps(version_document(root)).encode())
        return self.application


def v21_versions_filter_factory(global_conf, **local_conf):
    return V21VersionFilter
