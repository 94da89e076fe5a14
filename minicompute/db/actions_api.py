"""Database access for instance actions and their events (Nova's
os-instance-actions records)."""
from __future__ import annotations

from oslo_db.sqlalchemy import utils as db_utils
from oslo_utils import timeutils
import sqlalchemy as sa

from minicompute import exception
from minicompute.db import api as db_api
from minicompute.db import models


def action_start(values: dict) -> models.InstanceAction:
    values = dict(values)
    # changes-since (2.58) reads updated_at: an action is changed when it
    # starts, then whenever one of its events starts or finishes.
    values.setdefault('updated_at', values.get('start_time'))
    row = models.InstanceAction(**values)
    with db_api.writer() as session:
        session.add(row)
    return row


def _action_get(session, instance_uuid: str, request_id: str):
    return session.scalars(sa.select(models.InstanceAction).filter_by(
        instance_uuid=instance_uuid, request_id=request_id).order_by(
        models.InstanceAction.id.desc())).first()


def action_event_start(instance_uuid: str, request_id: str, event: str,
                       host: str | None) -> None:
    with db_api.writer() as session:
        action = _action_get(session, instance_uuid, request_id)
        if action is None:
            return
        now = timeutils.utcnow()
        session.add(models.InstanceActionEvent(
            action_id=action.id, event=event, host=host, start_time=now))
        action.updated_at = now


def action_event_finish(instance_uuid: str, request_id: str, event: str,
                        result: str, traceback: str | None = None) -> None:
    now = timeutils.utcnow()
    with db_api.writer() as session:
        action = _action_get(session, instance_uuid, request_id)
        if action is None:
            return
        row = session.scalars(sa.select(models.InstanceActionEvent)
                              .filter_by(action_id=action.id, event=event)
                              .order_by(models.InstanceActionEvent.id.desc())
                              ).first()
        if row is not None:
            row.update({'finish_time': now, 'result': result,
                        'traceback': traceback})
        if result == 'Error':
            action.message = 'Error'
        action.finish_time = now
        action.updated_at = now


def actions_get(instance_uuid: str) -> list[models.InstanceAction]:
    with db_api.reader() as session:
        return list(session.scalars(sa.select(models.InstanceAction)
                                    .filter_by(instance_uuid=instance_uuid)
                                    .order_by(models.InstanceAction.id)))


def action_events_get(action_id: int, newest_first: bool = False
                      ) -> list[models.InstanceActionEvent]:
    event = models.InstanceActionEvent
    order = ((event.created_at.desc(), event.id.desc()) if newest_first
             else (event.id,))
    with db_api.reader() as session:
        return list(session.scalars(sa.select(event).filter_by(
            action_id=action_id).order_by(*order)))


def action_get_by_request_id(instance_uuid: str, request_id: str
                             ) -> models.InstanceAction | None:
    """The newest action of ``request_id`` on the instance, if any."""
    action = models.InstanceAction
    with db_api.reader() as session:
        return session.scalars(sa.select(action).filter_by(
            instance_uuid=instance_uuid, request_id=request_id).order_by(
            action.created_at.desc(), action.id.desc())).first()


def actions_get_page(instance_uuid: str, limit: int | None = None,
                     marker: str | None = None, changes_since=None,
                     changes_before=None) -> list[models.InstanceAction]:
    """An instance's actions newest first, as the API lists them: changed
    (``updated_at``) within [changes_since, changes_before], after the
    action whose request id is ``marker``, at most ``limit``.

    :raises: MarkerNotFound
    """
    if limit == 0:
        return []
    action = models.InstanceAction
    query = sa.select(action).filter_by(instance_uuid=instance_uuid)
    if changes_since is not None:
        query = query.where(action.updated_at >= changes_since)
    if changes_before is not None:
        query = query.where(action.updated_at <= changes_before)
    mark = None
    if marker is not None:
        mark = action_get_by_request_id(instance_uuid, marker)
        if mark is None:
            raise exception.MarkerNotFound(marker=marker)
    query = db_utils.paginate_query(query, action, limit, ['created_at', 'id'],
                                    marker=mark, sort_dirs=['desc', 'desc'])
    with db_api.reader() as session:
        return list(session.scalars(query))
