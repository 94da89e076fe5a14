"""minicompute-all: the whole control plane in one process (see
minicompute/allinone.py), for development and a first look."""
from __future__ import annotations

import signal
import sys
import threading

from oslo_config import cfg

cli_opts = [
    cfg.IntOpt('computes', default=1, min=1,
               help='How many compute services (hosts) to run.'),
]

BANNER = """
minicompute is running (all-in-one).

  Compute API:   %(endpoint)s
  Metadata:      %(metadata)s (for the metadata proxies)
  Auth:          %(auth)s
  Compute hosts: %(hosts)s

Try it with curl:

  curl -s -H 'X-Auth-Token: admin:admin' %(endpoint)s/flavors
  curl -s -H 'X-Auth-Token: admin:admin' -H 'Content-Type: application/json' \\
       -d '{"server": {"name": "demo", "imageRef": "%(image_id)s",
            "flavorRef": "42", "networks": "none"}}' %(endpoint)s/servers

or with openstacksdk:

  import openstack
  conn = openstack.connect(auth_type='admin_token', token='admin:admin',
                           endpoint='%(endpoint)s',
                           compute_endpoint_override='%(endpoint)s')
  server = conn.compute.create_server(name='demo', image_id='%(image_id)s',
                                      flavor_id='42', networks='none')
  conn.compute.wait_for_server(server)
"""


def main(argv: list[str] | None = None) -> int:
    from minicompute import allinone
    from minicompute import conf as mc_conf
    from minicompute.cmd import common
    from minicompute.db import api as db_api
    conf = mc_conf.CONF
    conf.register_cli_opts(cli_opts)
    allinone.set_defaults(conf)
    common.parse_args(sys.argv if argv is None else argv, conf)
    aio = allinone.AllInOne(conf, computes=conf.computes)
    aio.start()
    image = db_api.image_get_all(name=allinone.SEED_IMAGE)
    print(BANNER % {'endpoint': aio.endpoint,
                    'metadata': aio.metadata_endpoint,
                    'auth': conf.api.auth_strategy +
                    (" (X-Auth-Token: 'user:project'; user 'admin' is "
                     "admin)" if conf.api.auth_strategy == 'noauth2'
                     else ''),
                    'hosts': ', '.join(aio.compute_hosts()),
                    'image_id': image[0].id if image else 'IMAGE'},
          flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.wait(1):
        pass
    aio.stop()
    return 0
