"""Database access for os-simple-tenant-usage: the instances that ran
during a period, deleted ones included."""
from __future__ import annotations

import datetime

import sqlalchemy as sa

from minicompute import exception
from minicompute.db import api as db_api
from minicompute.db import models


def instance_get_active_by_window(begin: datetime.datetime,
                                  end: datetime.datetime,
                                  project_id: str | None = None,
                                  limit: int | None = None,
                                  marker: str | None = None
                                  ) -> list[models.Instance]:
    """Instances launched before ``end`` and not terminated before
    ``begin`` (Nova's window), in Nova's order (project, then uuid), at
    most ``limit`` of them after the instance ``marker`` (any instance,
    deleted ones too; MarkerNotFound otherwise)."""
    table = models.Instance
    query = sa.select(table).where(
        sa.or_(table.terminated_at.is_(None), table.terminated_at > begin),
        table.launched_at < end)
    if project_id is not None:
        query = query.where(table.project_id == project_id)
    with db_api.reader() as session:
        if marker is not None:
            after = session.scalars(sa.select(table).filter_by(
                uuid=marker)).first()
            if after is None:
                raise exception.MarkerNotFound(marker=marker)
            query = query.where(sa.or_(
                table.project_id > after.project_id,
                sa.and_(table.project_id == after.project_id,
                        table.uuid > after.uuid)))
        query = query.order_by(table.project_id, table.uuid)
        if limit is not None:
            query = query.limit(limit)
        return list(session.scalars(query))
