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

  Compute API:  %(endpoint)s
  Auth:         %(auth)s
  Compute hosts: %(hosts)s

Try it with the OpenStack client:

  export OS_AUTH_TYPE=admin_token OS_TOKEN=admin:admin \\
         OS_ENDPOINT=%(endpoint)s OS_COMPUTE_API_VERSION=2.1
  openstack --os-compute-endpoint-override %(endpoint)s flavor list
  openstack --os-compute-endpoint-override %(endpoint)s server create \\
      --flavor m1.nano --image %(image_id)s --nic none demo

or curl:

  curl -s -H 'X-Auth-Token: admin:admin' %(endpoint)s/flavors
"""


def main(argv: list[str] | None = None) -> int:
    from minicompute import allinone
    from minicompute.cmd import common
    from minicompute import conf as mc_conf
    from minicompute.db import api as db_api
    conf = mc_conf.CONF
    conf.register_cli_opts(cli_opts)
    allinone.set_defaults(conf)
    common.parse_args(sys.argv if argv is None else argv, conf)
    aio = allinone.AllInOne(conf, computes=conf.computes)
    aio.start()
    image = db_api.image_get_all(name=allinone.SEED_IMAGE)
    print(BANNER % {'endpoint': aio.endpoint,
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
