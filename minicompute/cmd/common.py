"""Start-up shared by the console scripts: parse config, set up logging,
register objects, and open the transport and (unless compute) the database.
"""
from __future__ import annotations

import sys

from oslo_config import cfg
from oslo_log import log as logging

from minicompute import conf as mc_conf
from minicompute import objects, rpc
from minicompute.db import api as db_api
from minicompute.objects import instance as instance_obj

LOG = logging.getLogger(__name__)
_LOGGING_REGISTERED = False


def register_logging(conf: cfg.ConfigOpts) -> None:
    global _LOGGING_REGISTERED
    if not _LOGGING_REGISTERED:
        logging.register_options(conf)
        logging.set_defaults(default_log_levels=logging.get_default_log_levels()
                             + ['stevedore=WARN', 'oslo_policy=INFO',
                                'amqp=WARN', 'kombu=WARN',
                                'alembic=WARN'])
        _LOGGING_REGISTERED = True


def parse_args(argv: list[str], conf: cfg.ConfigOpts | None = None,
               default_config_files=None) -> cfg.ConfigOpts:
    conf = conf or mc_conf.CONF
    register_logging(conf)
    conf(argv[1:], project='minicompute', prog=argv[0].rsplit('/', 1)[-1],
         default_config_files=default_config_files)
    logging.setup(conf, 'minicompute')
    return conf


def prepare(argv: list[str] | None = None, service: str = 'api',
            conf: cfg.ConfigOpts | None = None,
            default_config_files=None) -> cfg.ConfigOpts:
    """Everything a service needs before it starts serving."""
    conf = parse_args(sys.argv if argv is None else argv, conf,
                      default_config_files)
    objects.register_all()
    instance_obj.configure_names(conf)
    rpc.init(conf)
    if service == 'compute':
        # Computes never touch the database: remotable object methods run
        # in the conductor.
        from minicompute.conductor import rpcapi as conductor_rpcapi
        from minicompute.objects import base as objects_base
        objects_base.MinicomputeObject.indirection_api = \
            conductor_rpcapi.ConductorAPI()
    else:
        db_api.configure(conf)
    return conf


def load_api_app(conf):
    from minicompute.api import wsgi_app
    return wsgi_app.load_app(conf)


def check_schema_current() -> None:
    """Refuse to start on a database whose schema is behind."""
    from minicompute import exception
    from minicompute.db import migration
    current, head = migration.db_version(), migration.head_version()
    if current != head:
        raise exception.DBNotSynced(current=current, expected=head)


def run_service(binary: str, topic: str, manager_factory,
                argv: list[str] | None = None) -> None:
    """Start one RPC service under oslo.service until SIGTERM."""
    from minicompute import service
    service_kind = 'compute' if topic == 'compute' else topic
    conf = prepare(argv, service=service_kind)
    if service_kind != 'compute':
        check_schema_current()
    server = service.Service.create(conf, binary=binary, topic=topic,
                                    manager=manager_factory(conf, conf.host))
    service.serve(conf, server)
