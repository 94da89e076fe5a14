"""Database access for server groups (instance groups) and their members.

Kept apart from db/api.py so that module stays small; same engine, same
``writer()``/``reader()`` sessions.
"""
from __future__ import annotations

from oslo_db import exception as db_exc
from oslo_utils import uuidutils
import sqlalchemy as sa

from minicompute import exception
from minicompute.db import api as db_api
from minicompute.db import models


def _group_dict(row, members) -> dict:
    return {'id': row.id, 'uuid': row.uuid, 'name': row.name,
            'project_id': row.project_id, 'user_id': row.user_id,
            'policy': row.policy, 'rules': dict(row.rules or {}),
            'members': members, 'created_at': row.created_at,
            'updated_at': row.updated_at}


def _members(session, group_ids) -> dict:
    members = {group_id: [] for group_id in group_ids}
    if not group_ids:
        return members
    # Deleted instances are no longer members (Nova removes them).
    rows = session.execute(sa.select(
        models.InstanceGroupMember.group_id,
        models.InstanceGroupMember.instance_uuid).join(
        models.Instance,
        models.Instance.uuid == models.InstanceGroupMember.instance_uuid
    ).where(
        models.InstanceGroupMember.group_id.in_(list(group_ids)),
        models.Instance.deleted == 0).order_by(
        models.InstanceGroupMember.id))
    for group_id, instance_uuid in rows:
        members[group_id].append(instance_uuid)
    return members


def group_create(values: dict, members: list[str] | None = None) -> dict:
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    values.setdefault('rules', {})
    with db_api.writer() as session:
        row = models.InstanceGroup(**values)
        session.add(row)
        session.flush()
        for instance_uuid in members or []:
            session.add(models.InstanceGroupMember(
                group_id=row.id, instance_uuid=instance_uuid))
        return _group_dict(row, list(members or []))


def _get_row(session, group_uuid: str):
    row = session.scalars(sa.select(models.InstanceGroup).filter_by(
        uuid=group_uuid, deleted=0)).first()
    if row is None:
        raise exception.InstanceGroupNotFound(group_uuid=group_uuid)
    return row


def group_get(group_uuid: str) -> dict:
    with db_api.reader() as session:
        row = _get_row(session, group_uuid)
        return _group_dict(row, _members(session, [row.id])[row.id])


def group_get_by_instance(instance_uuid: str) -> dict:
    with db_api.reader() as session:
        row = session.scalars(sa.select(models.InstanceGroup).join(
            models.InstanceGroupMember,
            models.InstanceGroupMember.group_id == models.InstanceGroup.id
        ).where(models.InstanceGroupMember.instance_uuid == instance_uuid,
                models.InstanceGroup.deleted == 0)).first()
        if row is None:
            raise exception.InstanceGroupNotFound(group_uuid=instance_uuid)
        return _group_dict(row, _members(session, [row.id])[row.id])


def group_get_all(project_id: str | None = None, limit: int | None = None,
                  offset: int | None = None) -> list[dict]:
    query = sa.select(models.InstanceGroup).filter_by(deleted=0).order_by(
        models.InstanceGroup.id)
    if project_id is not None:
        query = query.filter_by(project_id=project_id)
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with db_api.reader() as session:
        rows = list(session.scalars(query))
        members = _members(session, [row.id for row in rows])
        return [_group_dict(row, members[row.id]) for row in rows]


def group_destroy(group_uuid: str) -> None:
    with db_api.writer() as session:
        row = _get_row(session, group_uuid)
        session.execute(sa.delete(models.InstanceGroupMember).where(
            models.InstanceGroupMember.group_id == row.id))
        db_api._soft_delete(row)


def group_add_members(group_uuid: str, instance_uuids: list[str]) -> None:
    """Add instances to a group (an instance belongs to one group only)."""
    try:
        with db_api.writer() as session:
            row = _get_row(session, group_uuid)
            for instance_uuid in instance_uuids:
                session.add(models.InstanceGroupMember(
                    group_id=row.id, instance_uuid=instance_uuid))
    except db_exc.DBDuplicateEntry:
        raise exception.InstanceGroupMemberExists(group_uuid=group_uuid)


def group_member_hosts(group_uuid: str,
                       exclude: list[str] | None = None) -> list[str]:
    """Hosts of the group's live members (one query), for the late check
    on the compute host and for the scheduler's group filters."""
    member = models.InstanceGroupMember
    group = models.InstanceGroup
    instance = models.Instance
    query = sa.select(instance.host).distinct().join(
        member, member.instance_uuid == instance.uuid).join(
        group, group.id == member.group_id).where(
        group.uuid == group_uuid, group.deleted == 0,
        instance.deleted == 0, instance.host.isnot(None))
    if exclude:
        query = query.where(instance.uuid.notin_(list(exclude)))
    with db_api.reader() as session:
        return sorted(host for (host,) in session.execute(query))


def group_members_on_host(group_uuid: str, host: str) -> dict:
    """``{instance uuid: vm_state}`` of the group's live members on
    ``host`` (the compute's late anti-affinity check)."""
    member = models.InstanceGroupMember
    group = models.InstanceGroup
    instance = models.Instance
    query = sa.select(instance.uuid, instance.vm_state).join(
        member, member.instance_uuid == instance.uuid).join(
        group, group.id == member.group_id).where(
        group.uuid == group_uuid, instance.deleted == 0,
        instance.host == host)
    with db_api.reader() as session:
        return {uuid: vm_state for uuid, vm_state in session.execute(query)}
