"""Database access for host aggregates: hosts, metadata, and the
availability zones that ``availability_zone`` metadata defines.
"""
from __future__ import annotations

from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from minicompute import exception
from minicompute.db import api as db_api
from minicompute.db import models

AZ_KEY = 'availability_zone'


def _details(session, rows) -> list[dict]:
    ids = [row.id for row in rows]
    hosts = {agg_id: [] for agg_id in ids}
    metadata = {agg_id: {} for agg_id in ids}
    if ids:
        for agg_id, host in session.execute(sa.select(
                models.AggregateHost.aggregate_id,
                models.AggregateHost.host).where(
                models.AggregateHost.aggregate_id.in_(ids)).order_by(
                models.AggregateHost.id)):
            hosts[agg_id].append(host)
        for agg_id, key, value in session.execute(sa.select(
                models.AggregateMetadata.aggregate_id,
                models.AggregateMetadata.key,
                models.AggregateMetadata.value).where(
                models.AggregateMetadata.aggregate_id.in_(ids))):
            metadata[agg_id][key] = value
    return [{'id': row.id, 'uuid': row.uuid, 'name': row.name,
             'hosts': hosts[row.id], 'metadata': metadata[row.id],
             'created_at': row.created_at, 'updated_at': row.updated_at,
             'deleted_at': row.deleted_at, 'deleted': bool(row.deleted)}
            for row in rows]


def _get_row(session, aggregate_id: int):
    row = session.scalars(sa.select(models.Aggregate).filter_by(
        id=aggregate_id, deleted=0)).first()
    if row is None:
        raise exception.AggregateNotFound(aggregate_id=aggregate_id)
    return row


def aggregate_create(name: str, metadata: dict | None = None) -> dict:
    try:
        with db_api.writer() as session:
            row = models.Aggregate(uuid=uuidutils.generate_uuid(), name=name)
            session.add(row)
            session.flush()
            for key, value in (metadata or {}).items():
                session.add(models.AggregateMetadata(
                    aggregate_id=row.id, key=key, value=value))
    except db_exc.DBDuplicateEntry:
        raise exception.AggregateNameExists(aggregate_name=name)
    return aggregate_get(row.id)


def aggregate_get(aggregate_id: int) -> dict:
    with db_api.reader() as session:
        return _details(session, [_get_row(session, aggregate_id)])[0]


def aggregate_get_all() -> list[dict]:
    """Every aggregate with its hosts and metadata: three queries."""
    with db_api.reader() as session:
        rows = list(session.scalars(sa.select(models.Aggregate).filter_by(
            deleted=0).order_by(models.Aggregate.id)))
        return _details(session, rows)


def aggregate_destroy(aggregate_id: int) -> None:
    with db_api.writer() as session:
        row = _get_row(session, aggregate_id)
        if session.scalars(sa.select(models.AggregateHost).filter_by(
                aggregate_id=row.id)).first() is not None:
            raise exception.InvalidAggregateAction(
                action='delete', aggregate_id=aggregate_id,
                reason='not empty')
        session.execute(sa.delete(models.AggregateMetadata).where(
            models.AggregateMetadata.aggregate_id == row.id))
        db_api._soft_delete(row)


def aggregate_add_host(aggregate_id: int, host: str) -> dict:
    try:
        with db_api.writer() as session:
            _get_row(session, aggregate_id)
            session.add(models.AggregateHost(aggregate_id=aggregate_id,
                                             host=host))
    except db_exc.DBDuplicateEntry:
        raise exception.AggregateHostExists(aggregate_id=aggregate_id,
                                            host=host)
    return aggregate_get(aggregate_id)


def aggregate_remove_host(aggregate_id: int, host: str) -> dict:
    with db_api.writer() as session:
        _get_row(session, aggregate_id)
        result = session.execute(sa.delete(models.AggregateHost).where(
            models.AggregateHost.aggregate_id == aggregate_id,
            models.AggregateHost.host == host))
        if result.rowcount == 0:
            raise exception.AggregateHostNotFound(aggregate_id=aggregate_id,
                                                  host=host)
    return aggregate_get(aggregate_id)


def aggregate_update(aggregate_id: int, name: str) -> dict:
    try:
        with db_api.writer() as session:
            _get_row(session, aggregate_id).name = name
    except db_exc.DBDuplicateEntry:
        raise exception.AggregateNameExists(aggregate_name=name)
    return aggregate_get(aggregate_id)


def aggregate_set_metadata(aggregate_id: int, metadata: dict) -> dict:
    """Set keys; a value of None deletes the key (Nova's set_metadata)."""
    table = models.AggregateMetadata
    with db_api.writer() as session:
        _get_row(session, aggregate_id)
        for key, value in metadata.items():
            session.execute(sa.delete(table).where(
                table.aggregate_id == aggregate_id, table.key == key))
            if value is not None:
                session.add(table(aggregate_id=aggregate_id, key=key,
                                  value=str(value)))
    return aggregate_get(aggregate_id)


def host_availability_zones() -> dict:
    """``{host: 'az1,az2'}`` for hosts in an aggregate that names an AZ."""
    meta = models.AggregateMetadata
    host = models.AggregateHost
    agg = models.Aggregate
    query = sa.select(host.host, meta.value).join(
        meta, meta.aggregate_id == host.aggregate_id).join(
        agg, agg.id == host.aggregate_id).where(
        meta.key == AZ_KEY, agg.deleted == 0).order_by(meta.value)
    zones: dict[str, list] = {}
    with db_api.reader() as session:
        for hostname, zone in session.execute(query):
            zones.setdefault(hostname, [])
            if zone not in zones[hostname]:
                zones[hostname].append(zone)
    return {hostname: ','.join(values) for hostname, values in zones.items()}
