"""Database access for per-project quota overrides and the usage counts
the quota checks and the quota/limits APIs read.

A project without a row for a resource gets the ``[quota]`` default.
"""
from __future__ import annotations

import sqlalchemy as sa

from minicompute.db import api as db_api
from minicompute.db import models


def quota_get_all_by_project(project_id: str) -> dict:
    """``{resource: hard_limit}`` of the project's overrides only."""
    with db_api.reader() as session:
        rows = session.execute(sa.select(
            models.Quota.resource, models.Quota.hard_limit).where(
            models.Quota.project_id == project_id))
        return {resource: limit for resource, limit in rows}


def quota_set(project_id: str, values: dict) -> None:
    """Create or update the project's overrides given in ``values``."""
    with db_api.writer() as session:
        existing = {row.resource: row for row in session.scalars(
            sa.select(models.Quota).where(
                models.Quota.project_id == project_id))}
        for resource, limit in values.items():
            row = existing.get(resource)
            if row is None:
                session.add(models.Quota(project_id=project_id,
                                         resource=resource,
                                         hard_limit=int(limit)))
            else:
                row.hard_limit = int(limit)


def quota_destroy_all_by_project(project_id: str) -> None:
    with db_api.writer() as session:
        session.execute(sa.delete(models.Quota).where(
            models.Quota.project_id == project_id))


def server_group_count_by_project(project_id: str) -> int:
    with db_api.reader() as session:
        return int(session.execute(sa.select(sa.func.count(
            models.InstanceGroup.id)).where(
            models.InstanceGroup.project_id == project_id,
            models.InstanceGroup.deleted == 0)).scalar_one())
