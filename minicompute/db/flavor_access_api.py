"""Flavor access lists: which projects may use a private flavor."""
from __future__ import annotations

from oslo_db import exception as db_exc
import sqlalchemy as sa

from minicompute import exception
from minicompute.db import api as db_api
from minicompute.db import models


def projects(flavor_id: int) -> list[str]:
    with db_api.reader() as session:
        return list(session.scalars(
            sa.select(models.FlavorProject.project_id).filter_by(
                flavor_id=flavor_id).order_by(models.FlavorProject.id)))


def has_access(flavor_id: int, project_id: str | None) -> bool:
    if project_id is None:
        return False
    with db_api.reader() as session:
        return session.scalars(sa.select(models.FlavorProject.id).filter_by(
            flavor_id=flavor_id, project_id=project_id)).first() is not None


def add(flavor_id: int, flavorid: str, project_id: str) -> None:
    try:
        with db_api.writer() as session:
            session.add(models.FlavorProject(flavor_id=flavor_id,
                                             project_id=project_id))
    except db_exc.DBDuplicateEntry:
        raise exception.FlavorAccessExists(flavor_id=flavorid,
                                           project_id=project_id)


def remove(flavor_id: int, flavorid: str, project_id: str) -> None:
    with db_api.writer() as session:
        deleted = session.execute(sa.delete(models.FlavorProject).where(
            models.FlavorProject.flavor_id == flavor_id,
            models.FlavorProject.project_id == project_id)).rowcount
    if not deleted:
        raise exception.FlavorAccessNotFound(flavor_id=flavorid,
                                             project_id=project_id)
