"""A multi-threaded WSGI server for the Compute API (stdlib wsgiref with a
bounded pool of worker threads). For production, the same application is
importable as ``minicompute.wsgi.api:application`` for uwsgi or gunicorn.
"""
from __future__ import annotations

import concurrent.futures
import socketserver
import threading
from wsgiref import simple_server

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class _QuietHandler(simple_server.WSGIRequestHandler):
    def log_message(self, format, *args):
        LOG.info('%s "%s" status: %s', self.client_address[0],
                 self.requestline, args[1] if len(args) > 1 else '-')


class _PooledWSGIServer(socketserver.ThreadingMixIn,
                        simple_server.WSGIServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, pool_size: int):
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=pool_size, thread_name_prefix='api')
        super().__init__(address, _QuietHandler)

    def process_request(self, request, client_address):
        self._pool.submit(self.process_request_thread, request,
                          client_address)

    def server_close(self):
        # Requests already accepted are answered before the pool goes.
        super().server_close()
        self._pool.shutdown(wait=True)


class WSGIServer:
    """Serves ``app`` on (host, port) from a background thread."""

    def __init__(self, app, host: str, port: int, pool_size: int = 16,
                 name: str = 'Compute API'):
        self.name = name
        self._server = _PooledWSGIServer((host, port), pool_size)
        self._server.set_app(app)
        self.host, self.port = self._server.server_address[:2]
        self._thread = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name='wsgi-server', daemon=True)
        self._thread.start()
        LOG.info('%s listening on http://%s:%s/', self.name, self.host,
                 self.port)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
