"""[database] options (oslo.db), with SQLite under state_path by default."""
import copy

from oslo_config import cfg
from oslo_db import options as oslo_db_options

_DEFAULT_SQL_CONNECTION = 'sqlite:///$state_path/minicompute.sqlite'


def register_opts(conf: cfg.ConfigOpts) -> None:
    oslo_db_options.set_defaults(conf, connection=_DEFAULT_SQL_CONNECTION)


def list_opts():
    # The sample shows minicompute's default, not oslo.db's (None).
    opts = copy.deepcopy(oslo_db_options.database_opts)
    for opt in opts:
        if opt.dest == 'connection':
            opt.default = _DEFAULT_SQL_CONNECTION
    return {'database': opts}
