"""Database access for server tags (microversion 2.26), keyed by the
instance uuid as Nova keys them."""
from __future__ import annotations

import sqlalchemy as sa

from minicompute.db import api as db_api
from minicompute.db import models


def tags_get(instance_uuid: str) -> list[str]:
    """The server's tags, sorted."""
    return tags_get_by_instances([instance_uuid]).get(instance_uuid, [])


def tags_get_by_instances(instance_uuids: list[str]) -> dict[str, list]:
    """Tags of many servers in one query: ``{uuid: [tag, ...]}``."""
    uuids = list(instance_uuids)
    if not uuids:
        return {}
    with db_api.reader() as session:
        rows = session.execute(
            sa.select(models.Tag.resource_id, models.Tag.tag)
            .where(models.Tag.resource_id.in_(uuids))
            .order_by(models.Tag.tag)).all()
    result: dict[str, list] = {}
    for resource_id, tag in rows:
        result.setdefault(resource_id, []).append(tag)
    return result


def tag_exists(instance_uuid: str, tag: str) -> bool:
    with db_api.reader() as session:
        return session.scalars(sa.select(models.Tag.tag).filter_by(
            resource_id=instance_uuid, tag=tag)).first() is not None


def tag_add(instance_uuid: str, tag: str) -> None:
    """Add one tag; adding an existing tag changes nothing."""
    with db_api.writer() as session:
        if session.get(models.Tag, (instance_uuid, tag)) is None:
            session.add(models.Tag(resource_id=instance_uuid, tag=tag))


def tags_set(instance_uuid: str, tags: list[str]) -> list[str]:
    """Replace every tag of the server with ``tags``; returns them sorted."""
    unique = sorted(set(tags))
    with db_api.writer() as session:
        session.execute(sa.delete(models.Tag).where(
            models.Tag.resource_id == instance_uuid))
        session.add_all(models.Tag(resource_id=instance_uuid, tag=tag)
                        for tag in unique)
    return unique


def tag_delete(instance_uuid: str, tag: str) -> bool:
    """Remove one tag; False when the server did not have it."""
    with db_api.writer() as session:
        result = session.execute(sa.delete(models.Tag).where(
            models.Tag.resource_id == instance_uuid, models.Tag.tag == tag))
        return result.rowcount > 0


def tags_delete_all(instance_uuid: str) -> None:
    with db_api.writer() as session:
        session.execute(sa.delete(models.Tag).where(
            models.Tag.resource_id == instance_uuid))
