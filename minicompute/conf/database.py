"""[database] options (oslo.db), with SQLite under state_path by default."""
from oslo_config import cfg
from oslo_db import options as oslo_db_options

_DEFAULT_SQL_CONNECTION = 'sqlite:///$state_path/minicompute.sqlite'


def register_opts(conf: cfg.ConfigOpts) -> None:
    oslo_db_options.set_defaults(conf, connection=_DEFAULT_SQL_CONNECTION)


def list_opts():
    return {'database': oslo_db_options.database_opts}
