"""Database access for os-simple-tenant-usage: the instances that ran
during a period, deleted ones included."""
from __future__ import annotations

import datetime

import sqlalchemy as sa

from minicompute.db import api as db_api
from minicompute.db import models


def instance_get_active_by_window(begin: datetime.datetime,
                                  end: datetime.datetime,
                                  project_id: str | None = None
                                  ) -> list[models.Instance]:
    """Instances launched before ``end`` and not terminated before
    ``begin`` (Nova's window), oldest first."""
    table = models.Instance
    query = sa.select(table).where(
        sa.or_(table.terminated_at.is_(None), table.terminated_at > begin),
        table.launched_at < end)
    if project_id is not None:
        query = query.where(table.project_id == project_id)
    with db_api.reader() as session:
        return list(session.scalars(query.order_by(table.launched_at,
                                                   table.id)))
