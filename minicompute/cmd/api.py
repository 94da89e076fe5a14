"""minicompute-api: the Compute API in a multi-threaded WSGI server."""
import signal
import threading


def main() -> None:
    from minicompute.api import server as api_server
    from minicompute.cmd import common
    conf = common.prepare(service='api')
    common.check_schema_current()
    app = common.load_api_app(conf)
    server = api_server.WSGIServer(app, conf.osapi_compute_listen,
                                   conf.osapi_compute_listen_port,
                                   pool_size=conf.osapi_compute_workers)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    server.start()
    while not stop.wait(1):
        pass
    server.stop()
