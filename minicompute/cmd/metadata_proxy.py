"""minicompute-metadata-proxy: the metadata proxy of one network (see
minicompute/metadata/proxy.py), for a dataplane that runs it as its own
process:

    minicompute-metadata-proxy --config-file minicompute.conf \\
        --netns qdhcp-NET --ports-file /var/lib/.../NET/metadata-ports
"""
import signal
import sys
import threading


def main() -> None:
    from minicompute import conf as mc_conf
    from minicompute.cmd import common
    from minicompute.metadata import proxy
    conf = mc_conf.CONF
    mc_conf.metadata.register_proxy_cli_opts(conf)
    common.parse_args(sys.argv, conf)
    url = conf.metadata_url or 'http://127.0.0.1:%d' % (
        conf.metadata.metadata_listen_port)
    sock = proxy.listen_socket(conf.bind_address, conf.bind_port,
                               netns=conf.netns)
    server = proxy.MetadataProxy(
        sock, proxy.PortsFileLookup(conf.ports_file), url,
        conf.metadata.metadata_proxy_shared_secret)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    server.start()
    while not stop.wait(1):
        pass
    server.stop()
