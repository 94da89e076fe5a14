"""Database access for key pairs (per user, unique by name)."""
from __future__ import annotations

from oslo_db import exception as db_exc
import sqlalchemy as sa

from minicompute import exception
from minicompute.db import api as db_api
from minicompute.db import models


def _dict(row) -> dict:
    return {'id': row.id, 'name': row.name, 'user_id': row.user_id,
            'fingerprint': row.fingerprint, 'public_key': row.public_key,
            'type': row.type, 'created_at': row.created_at,
            'updated_at': row.updated_at}


def key_pair_create(values: dict) -> dict:
    try:
        with db_api.writer() as session:
            row = models.KeyPair(**values)
            session.add(row)
            session.flush()
            return _dict(row)
    except db_exc.DBDuplicateEntry:
        raise exception.KeyPairExists(key_name=values['name'])


def key_pair_get(user_id: str, name: str) -> dict:
    with db_api.reader() as session:
        row = session.scalars(sa.select(models.KeyPair).filter_by(
            user_id=user_id, name=name)).first()
        if row is None:
            raise exception.KeypairNotFound(user_id=user_id, name=name)
        return _dict(row)


def key_pair_get_all_by_user(user_id: str, limit: int | None = None,
                             marker: str | None = None) -> list[dict]:
    """The user's key pairs by name, after the one named ``marker``.

    :raises: Invalid (the user has no key pair named ``marker``)
    """
    with db_api.reader() as session:
        query = sa.select(models.KeyPair).filter_by(
            user_id=user_id).order_by(models.KeyPair.name)
        if marker is not None:
            if session.scalars(sa.select(models.KeyPair.id).filter_by(
                    user_id=user_id, name=marker)).first() is None:
                raise exception.Invalid(
                    message='Marker %s could not be found.' % marker)
            query = query.where(models.KeyPair.name > marker)
        if limit is not None:
            query = query.limit(limit)
        return [_dict(row) for row in session.scalars(query)]


def key_pair_count_by_user(user_id: str) -> int:
    with db_api.reader() as session:
        return int(session.execute(sa.select(sa.func.count(
            models.KeyPair.id)).where(
            models.KeyPair.user_id == user_id)).scalar_one())


def key_pair_destroy(user_id: str, name: str) -> None:
    with db_api.writer() as session:
        result = session.execute(sa.delete(models.KeyPair).where(
            models.KeyPair.user_id == user_id,
            models.KeyPair.name == name))
        if not result.rowcount:
            raise exception.KeypairNotFound(user_id=user_id, name=name)
