"""minicompute-metadata: the metadata service (Nova's nova-api-metadata)
in a multi-threaded WSGI server on ``[metadata] metadata_listen_port``."""
import signal
import threading


def main() -> None:
    from minicompute.api import server as api_server
    from minicompute.cmd import common
    from minicompute.metadata import handler
    conf = common.prepare(service='api')
    common.check_schema_current()
    server = api_server.WSGIServer(
        handler.MetadataRequestHandler(conf), conf.metadata.metadata_listen,
        conf.metadata.metadata_listen_port,
        pool_size=conf.metadata.metadata_workers, name='Metadata service')
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    server.start()
    while not stop.wait(1):
        pass
    server.stop()
