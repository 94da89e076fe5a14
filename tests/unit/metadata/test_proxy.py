"""The metadata proxy on loopback in front of a real metadata service:
it signs for the guest its lookup names and never passes on what the
guest claims itself."""
import urllib.error
import urllib.request
import uuid

import pytest

from minicompute import objects
from minicompute.api import server as api_server
from minicompute.metadata import handler, proxy, signing
from tests.unit.metadata import fakes

SECRET = 'proxy-secret'


@pytest.fixture
def service(conf, db):
    conf.set_override('metadata_proxy_shared_secret', SECRET,
                      group='metadata')
    server = api_server.WSGIServer(handler.MetadataRequestHandler(conf),
                                   '127.0.0.1', 0, pool_size=4)
    server.start()
    yield 'http://127.0.0.1:%d' % server.port
    server.stop()


def _instance(ctx, project_id='proj-a'):
    instance = objects.Instance(
        ctx, uuid=str(uuid.uuid4()), project_id=project_id, user_id='u',
        hostname='guest', display_name='guest', vm_state='active',
        flavor=fakes.instance().flavor, image_ref=str(uuid.uuid4()),
        key_name='mykey', keypairs=fakes.instance().keypairs)
    instance.create()
    return instance


@pytest.fixture
def make_proxy(service):
    started = []

    def make(lookup, secret=SECRET, url=None):
        sock = proxy.listen_socket('127.0.0.1', 0)
        p = proxy.MetadataProxy(sock, lookup, url or service, secret)
        p.start()
        started.append(p)
        return 'http://127.0.0.1:%d' % p.address[1]
    yield make
    for p in started:
        p.stop()


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def test_proxy_serves_the_instance_behind_the_address(ctx, make_proxy):
    instance = _instance(ctx)
    url = make_proxy(proxy.StaticPortLookup(
        {'127.0.0.1': (instance.uuid, 'proj-a')}))
    status, body = _get(url + '/latest/meta-data/public-keys/0/openssh-key')
    assert (status, body.decode()) == (200, fakes.PUBLIC_KEY)
    status, body = _get(url + '/openstack/latest/meta_data.json')
    assert status == 200 and instance.uuid.encode() in body


def test_guest_headers_are_not_passed_on(ctx, make_proxy):
    mine = _instance(ctx)
    theirs = _instance(ctx, project_id='proj-b')
    url = make_proxy(proxy.StaticPortLookup(
        {'127.0.0.1': (mine.uuid, 'proj-a')}))
    forged = signing.signed_headers(SECRET, theirs.uuid, 'proj-b')
    status, body = _get(url + '/openstack/latest/meta_data.json', forged)
    assert status == 200
    assert mine.uuid.encode() in body and theirs.uuid.encode() not in body


def test_unknown_address_is_not_found(make_proxy):
    url = make_proxy(proxy.StaticPortLookup({}))
    assert _get(url + '/latest/meta-data/')[0] == 404


def test_a_proxy_with_the_wrong_secret_is_refused(ctx, make_proxy):
    instance = _instance(ctx)
    url = make_proxy(proxy.StaticPortLookup(
        {'127.0.0.1': (instance.uuid, 'proj-a')}), secret='wrong')
    assert _get(url + '/latest/meta-data/')[0] == 403


def test_metadata_service_down_is_a_bad_gateway(ctx, make_proxy):
    instance = _instance(ctx)
    sock = proxy.listen_socket('127.0.0.1', 0)
    closed_port = sock.getsockname()[1]
    sock.close()
    url = make_proxy(proxy.StaticPortLookup(
        {'127.0.0.1': (instance.uuid, 'proj-a')}),
        url='http://127.0.0.1:%d' % closed_port)
    assert _get(url + '/latest/meta-data/')[0] == 502


def test_ports_file_lookup_follows_the_file(tmp_path):
    path = str(tmp_path / 'ports')
    lookup = proxy.PortsFileLookup(path)
    assert lookup.lookup('10.0.0.5') is None
    proxy.write_ports_file(path, {'10.0.0.5': ('uuid-1', 'proj-a')})
    assert lookup.lookup('10.0.0.5') == ('uuid-1', 'proj-a')
    proxy.write_ports_file(path, {'10.0.0.6': ('uuid-2', 'proj-b')})
    assert lookup.lookup('10.0.0.5') is None
    assert lookup.lookup('10.0.0.6') == ('uuid-2', 'proj-b')


def test_metadata_url_must_be_http():
    sock = proxy.listen_socket('127.0.0.1', 0)
    try:
        with pytest.raises(ValueError):
            proxy.MetadataProxy(sock, proxy.StaticPortLookup(),
                                'unix:///run/md.sock', SECRET)
    finally:
        sock.close()
