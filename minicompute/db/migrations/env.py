"""Alembic environment: runs migrations on the connection it is handed."""
from alembic import context

from minicompute.db import models

target_metadata = models.Base.metadata


def run_migrations_online():
    connectable = context.config.attributes.get('connection')
    if connectable is None:
        from sqlalchemy import create_engine
        connectable = create_engine(
            context.config.get_main_option('sqlalchemy.url'))
        with connectable.connect() as connection:
            _run(connection)
    else:
        _run(connectable)


def _run(connection):
    context.configure(connection=connection,
                      target_metadata=target_metadata,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
