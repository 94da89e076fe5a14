"""A small Compute API client and wait helpers for the functional and
integration tests (tempest-style: drive the REST API, poll for states)."""
from __future__ import annotations

import time

import requests


class ApiError(AssertionError):
    pass


class ApiClient:
    def __init__(self, endpoint: str, token: str = 'admin:admin',
                 microversion: str | None = None):
        self.endpoint = endpoint.rstrip('/')
        self.session = requests.Session()
        self.session.headers['X-Auth-Token'] = token
        if microversion:
            self.session.headers['OpenStack-API-Version'] = \
                'compute %s' % microversion

    def request(self, method: str, path: str, expect=None, **kwargs):
        response = self.session.request(method, self.endpoint + path,
                                        timeout=30, **kwargs)
        if expect is not None and response.status_code != expect:
            raise ApiError('%s %s: expected %s, got %s: %s' % (
                method, path, expect, response.status_code, response.text))
        return response

    def get(self, path, expect=200, **kwargs):
        return self.request('GET', path, expect, **kwargs)

    def post(self, path, body, expect=None, **kwargs):
        return self.request('POST', path, expect, json=body, **kwargs)

    def delete(self, path, expect=None, **kwargs):
        return self.request('DELETE', path, expect, **kwargs)

    # --------------------------------------------------------------- servers
    def create_server(self, name: str, image_id: str, flavor_id: str,
                      networks='none', expect=202, **extra) -> dict:
        body = {'server': dict(name=name, imageRef=image_id,
                               flavorRef=flavor_id, networks=networks,
                               **extra)}
        return self.post('/servers', body, expect=expect).json()

    def show_server(self, server_id: str) -> dict:
        return self.get('/servers/%s' % server_id).json()['server']

    def list_servers(self, detail: bool = True, query: str = '') -> list:
        path = '/servers/detail' if detail else '/servers'
        return self.get(path + query).json()['servers']

    def first_image_id(self, name: str = 'tiny') -> str:
        # Nova's image proxy is gone from microversion 2.36: ask at 2.1.
        images = self.get('/images?name=%s' % name, headers={
            'OpenStack-API-Version': 'compute 2.1'}).json()['images']
        return images[0]['id']


def at_version(endpoint: str, version: str,
               token: str = 'admin:admin') -> ApiClient:
    """A client pinned to microversion ``version``."""
    return ApiClient(endpoint, token, microversion=version)


def fault_message(response, code: int) -> str:
    """The message of a Nova fault body, after checking its status."""
    assert response.status_code == code, response.text
    return next(iter(response.json().values()))['message']


def wait_for(predicate, timeout: float = 60, interval: float = 0.1,
             message: str = 'condition'):
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError('Timed out after %ss waiting for %s' % (
                timeout, message))
        time.sleep(interval)


def wait_for_state(client: ApiClient, server_id: str, status: str,
                   timeout: float = 60, interval: float = 0.1) -> dict:
    """Poll until the server has ``status``; fail fast on an unexpected
    ERROR, with its fault in the message."""
    def check():
        server = client.show_server(server_id)
        if server['status'] == status:
            return server
        if server['status'] == 'ERROR' and status != 'ERROR':
            raise AssertionError('Server %s went to ERROR: %s' % (
                server_id, server.get('fault')))
        return None
    return wait_for(check, timeout, interval,
                    message='%s to be %s' % (server_id, status))


def wait_until_deleted(client: ApiClient, server_id: str,
                       timeout: float = 60) -> None:
    wait_for(lambda: client.get('/servers/%s' % server_id,
                                expect=None).status_code == 404,
             timeout, message='%s to be deleted' % server_id)
