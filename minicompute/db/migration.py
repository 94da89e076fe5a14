"""Schema migrations with alembic: ``db sync`` and ``db version``."""
import os

from alembic import command as alembic_command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from alembic import script as alembic_script

from minicompute.db import api as db_api

_MIGRATIONS_DIR = os.path.join(os.path.dirname(__file__), 'migrations')


def _alembic_config(connection) -> alembic_config.Config:
    config = alembic_config.Config(
        os.path.join(_MIGRATIONS_DIR, 'alembic.ini'))
    config.set_main_option('script_location', _MIGRATIONS_DIR)
    config.attributes['connection'] = connection
    return config


def db_sync(version: str | None = None) -> None:
    """Create or upgrade the schema to ``version`` (default: head)."""
    engine = db_api.get_engine()
    with engine.begin() as connection:
        alembic_command.upgrade(_alembic_config(connection),
                                version or 'head')


def db_version() -> str | None:
    engine = db_api.get_engine()
    with engine.connect() as connection:
        context = alembic_migration.MigrationContext.configure(connection)
        return context.get_current_revision()


def head_version() -> str:
    script = alembic_script.ScriptDirectory.from_config(
        _alembic_config(None))
    return script.get_current_head()
