"""The metadata proxy: what a guest reaches at 169.254.169.254.

One proxy serves one network. It listens inside that network's namespace
(``qdhcp-<network id>``), learns which instance asks from the guest's
source address (a port of that network with that fixed IP), and forwards
the request to the metadata service with the signed headers of
signing.py; the guest's own headers are never forwarded, so a guest cannot
claim to be another instance. Neutron splits this between haproxy in the
namespace and its metadata agent; here it is one small server.

The address -> instance mapping is a ``PortLookup``: anything with
``lookup(address) -> (instance uuid, project id) | None``. The dataplane,
which writes each network's DHCP hosts from its ports, keeps it current:
in process with ``StaticPortLookup.replace()``, or for a proxy process
through the file ``PortsFileLookup`` reads (one ``address instance_uuid
project_id`` line per port, rewritten atomically).

    sock = listen_socket('169.254.169.254', 80, netns='qdhcp-' + net_id)
    proxy = MetadataProxy(sock, lookup, 'http://127.0.0.1:8775', secret)
    proxy.start() ... proxy.stop()
"""
from __future__ import annotations

import ctypes
import http.client
import http.server
import os
import socket
import threading
import urllib.parse

from oslo_log import log as logging

from minicompute.metadata import signing

LOG = logging.getLogger(__name__)

METADATA_ADDRESS = '169.254.169.254'
METADATA_PORT = 80
_CLONE_NEWNET = 0x40000000
UPSTREAM_TIMEOUT = 30
# Most the proxy relays back of one answer (user_data is at most 64 KiB,
# the largest document).
MAX_RESPONSE_BYTES = 1024 * 1024


class StaticPortLookup:
    """The ports of one network as the dataplane knows them."""

    def __init__(self, ports: dict[str, tuple[str, str]] | None = None):
        self._ports = dict(ports or {})
        self._lock = threading.Lock()

    def replace(self, ports: dict[str, tuple[str, str]]) -> None:
        """Swap in the network's ports: {address: (instance uuid,
        project id)}."""
        with self._lock:
            self._ports = dict(ports)

    def lookup(self, address: str) -> tuple[str, str] | None:
        with self._lock:
            return self._ports.get(address)


class PortsFileLookup:
    """Ports from a file the dataplane rewrites (re-read when it changes);
    a missing file is a network without ports."""

    def __init__(self, path: str):
        self.path = path
        self._stamp = None
        self._static = StaticPortLookup()
        self._lock = threading.Lock()

    def _reload(self) -> None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            self._static.replace({})
            self._stamp = None
            return
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if stamp == self._stamp:
            return
        ports = {}
        with open(self.path) as f:
            for line in f:
                fields = line.split()
                if len(fields) == 3 and not fields[0].startswith('#'):
                    ports[fields[0]] = (fields[1], fields[2])
        self._static.replace(ports)
        self._stamp = stamp

    def lookup(self, address: str) -> tuple[str, str] | None:
        with self._lock:
            self._reload()
        return self._static.lookup(address)


def write_ports_file(path: str, ports: dict[str, tuple[str, str]]) -> None:
    """Write what PortsFileLookup reads, atomically (the dataplane's
    side of the contract)."""
    partial = path + '.tmp'
    with open(partial, 'w') as f:
        for address, (instance_id, project_id) in sorted(ports.items()):
            f.write('%s %s %s\n' % (address, instance_id, project_id))
    os.replace(partial, path)


def _enter_netns(name: str) -> None:
    """Move the calling thread into network namespace ``name``."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(os.path.join('/run/netns', name), os.O_RDONLY)
    try:
        if libc.setns(fd, _CLONE_NEWNET) != 0:
            errno = ctypes.get_errno()
            raise OSError(errno, 'setns(%s): %s' % (name,
                                                     os.strerror(errno)))
    finally:
        os.close(fd)


def listen_socket(address: str = METADATA_ADDRESS,
                  port: int = METADATA_PORT,
                  netns: str | None = None) -> socket.socket:
    """A listening TCP socket on (address, port), inside network
    namespace ``netns`` (``ip netns`` name) when given.

    A socket stays in the namespace it was made in: a short-lived thread
    enters the namespace and makes it, so this process keeps reaching the
    metadata service from its own namespace (needs CAP_SYS_ADMIN).
    """
    result: dict = {}

    def make():
        try:
            if netns:
                _enter_netns(netns)
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((address, port))
            sock.listen(64)
            result['socket'] = sock
        except Exception as e:      # re-raised in the caller's thread
            result['error'] = e

    thread = threading.Thread(target=make, name='netns-listen')
    thread.start()
    thread.join()
    if 'error' in result:
        raise result['error']
    return result['socket']


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = 'minicompute-metadata-proxy'
    protocol_version = 'HTTP/1.0'
    timeout = 30

    def log_message(self, format, *args):
        LOG.debug('%s %s', self.client_address[0], format % args)

    def do_GET(self):
        self._proxy('GET')

    def do_HEAD(self):
        self._proxy('HEAD')

    def _proxy(self, method: str) -> None:
        proxy: MetadataProxy = self.server.proxy
        guest = self.client_address[0]
        found = proxy.lookup.lookup(guest)
        if found is None:
            LOG.info('Metadata request from %s, which is no port of this '
                     'network', guest)
            self._answer(404, b'No instance has this address.\n')
            return
        instance_id, project_id = found
        # An absolute-form request line (GET http://169.254.169.254/x)
        # forwards its path only.
        path = urllib.parse.urlsplit(self.path).path or '/'
        try:
            status, content_type, body = proxy.forward(
                method, path, instance_id, project_id, guest)
        except (OSError, http.client.HTTPException) as e:
            LOG.warning('Metadata service unreachable for %s: %s',
                        instance_id, e)
            self._answer(502, b'The metadata service is unreachable.\n')
            return
        self._answer(status, body, content_type, send_body=method != 'HEAD')

    def _answer(self, status: int, body: bytes,
                content_type: str = 'text/plain; charset=UTF-8',
                send_body: bool = True) -> None:
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


class MetadataProxy:
    """Serves guests on ``sock``, forwarding to ``metadata_url``."""

    def __init__(self, sock: socket.socket, lookup, metadata_url: str,
                 secret: str):
        self.lookup = lookup
        self.secret = secret
        url = urllib.parse.urlsplit(metadata_url)
        if url.scheme != 'http' or not url.hostname:
            raise ValueError('metadata_url must be http://HOST[:PORT], not '
                             '%r' % metadata_url)
        self._upstream = (url.hostname, url.port or 80)
        self._server = _Server(sock.getsockname()[:2], _Handler,
                               bind_and_activate=False)
        self._server.socket.close()
        self._server.socket = sock
        self._server.proxy = self
        self._thread = None

    @property
    def address(self) -> tuple[str, int]:
        return self._server.socket.getsockname()[:2]

    def forward(self, method: str, path: str, instance_id: str,
                project_id: str, guest: str) -> tuple[int, str, bytes]:
        """Ask the metadata service on the guest's behalf: (status,
        content type, body)."""
        conn = http.client.HTTPConnection(*self._upstream,
                                          timeout=UPSTREAM_TIMEOUT)
        try:
            conn.request(method, path, headers=signing.signed_headers(
                self.secret, instance_id, project_id, guest))
            response = conn.getresponse()
            body = response.read(MAX_RESPONSE_BYTES)
            return (response.status,
                    response.getheader('Content-Type', 'text/plain'), body)
        finally:
            conn.close()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name='metadata-proxy', daemon=True)
        self._thread.start()
        LOG.info('Metadata proxy on %s:%s -> http://%s:%s', *self.address,
                 *self._upstream)

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
