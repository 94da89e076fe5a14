"""Database access: one engine per process (oslo.db), small query functions.

Only the API, conductor and scheduler call these; a compute service reaches
the database through objects whose remotable methods run in the conductor.

Usage::

    db_api.configure(conf)            # once, at service start
    with db_api.writer() as session:  # one transaction
        ...
"""
from __future__ import annotations

import contextlib
import os
import threading

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import engines
from oslo_db.sqlalchemy import utils as db_utils
from oslo_utils import timeutils, uuidutils
import sqlalchemy as sa
from sqlalchemy import orm

from minicompute import exception
from minicompute.db import models

_LOCK = threading.Lock()
_ENGINE = None
_SESSION_MAKER = None

retry_on_deadlock = oslo_db_api.wrap_db_retry(max_retries=5,
                                              retry_on_deadlock=True)


def configure(conf) -> None:
    """(Re)create the engine from ``[database] connection``."""
    global _ENGINE, _SESSION_MAKER
    connection = conf.database.connection
    if connection.startswith('sqlite:///'):
        path = connection[len('sqlite:///'):]
        if path:
            os.makedirs(os.path.dirname(os.path.abspath(path)),
                        exist_ok=True)
    with _LOCK:
        if _ENGINE is not None:
            _ENGINE.dispose()
        _ENGINE = engines.create_engine(
            connection, sqlite_fk=True,
            mysql_sql_mode=conf.database.mysql_sql_mode,
            max_pool_size=conf.database.max_pool_size,
            max_overflow=conf.database.max_overflow,
            pool_timeout=conf.database.pool_timeout,
            connection_recycle_time=conf.database.connection_recycle_time,
            max_retries=conf.database.max_retries)
        if _ENGINE.dialect.name == 'sqlite':
            _serialise_sqlite_writers(_ENGINE)
        _SESSION_MAKER = orm.sessionmaker(bind=_ENGINE,
                                          expire_on_commit=False)


def _serialise_sqlite_writers(engine) -> None:
    """Make SQLite transactions queue instead of failing.

    A deferred transaction that reads and then writes cannot wait for the
    write lock ("database is locked" at once), so every transaction begins
    IMMEDIATE and waits up to the busy timeout; WAL lets the file be shared
    with other processes (minicompute-manage) cheaply. It replaces oslo.db's
    listener that emits a plain BEGIN (its commit/rollback hooks, which
    clear ``in_transaction``, stay).
    """
    for listener in list(engine.dispatch.begin):
        if getattr(listener, '__name__', '') == '_sqlite_emit_begin':
            sa.event.remove(engine, 'begin', listener)

    @sa.event.listens_for(engine, 'connect')
    def _pragmas(dbapi_connection, connection_record):
        cursor = dbapi_connection.cursor()
        cursor.execute('PRAGMA busy_timeout = 30000')
        cursor.execute('PRAGMA journal_mode = WAL')
        cursor.close()

    @sa.event.listens_for(engine, 'begin')
    def _begin_immediate(connection):
        if 'in_transaction' not in connection.info:
            connection.exec_driver_sql('BEGIN IMMEDIATE')
            connection.info['in_transaction'] = True


def _after_fork_in_child() -> None:
    # A forked service worker must not reuse the parent's pooled sockets:
    # two processes talking on one MySQL/PostgreSQL connection hang. The
    # parent keeps its connections (close=False); the child opens its own.
    if _ENGINE is not None:
        _ENGINE.dispose(close=False)


os.register_at_fork(after_in_child=_after_fork_in_child)


def get_engine():
    if _ENGINE is None:
        raise RuntimeError('minicompute.db.api.configure() was not called')
    return _ENGINE


@contextlib.contextmanager
def writer():
    session = _SESSION_MAKER()
    try:
        with session.begin():
            yield session
    finally:
        session.close()


reader = writer


def _soft_delete(row) -> None:
    row.deleted = row.id
    row.deleted_at = timeutils.utcnow()


# ---------------------------------------------------------------- services

def service_create(values: dict) -> models.Service:
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    row = models.Service(**values)
    try:
        with writer() as session:
            session.add(row)
    except db_exc.DBDuplicateEntry:
        raise exception.Conflict(
            reason='service %(binary)s on %(host)s exists' % values)
    return row


def service_get(service_id) -> models.Service:
    with reader() as session:
        query = sa.select(models.Service).filter_by(deleted=0)
        if uuidutils.is_uuid_like(str(service_id)):
            query = query.filter_by(uuid=service_id)
        else:
            query = query.filter_by(id=service_id)
        row = session.scalars(query).first()
    if row is None:
        raise exception.ServiceNotFound(service_id=service_id)
    return row


def service_get_by_host_and_binary(host: str, binary: str):
    with reader() as session:
        row = session.scalars(sa.select(models.Service).filter_by(
            host=host, binary=binary, deleted=0)).first()
    if row is None:
        raise exception.ComputeHostNotFound(host=host)
    return row


def service_get_all(binary: str | None = None, host: str | None = None):
    query = sa.select(models.Service).filter_by(deleted=0)
    if binary:
        query = query.filter_by(binary=binary)
    if host:
        query = query.filter_by(host=host)
    with reader() as session:
        return list(session.scalars(query.order_by(models.Service.id)))


def service_get_minimum_version(binary: str) -> int | None:
    """The lowest ``version`` among the binary's live service records."""
    query = sa.select(sa.func.min(models.Service.version)).where(
        models.Service.binary == binary, models.Service.deleted == 0)
    with reader() as session:
        return session.scalar(query)


@retry_on_deadlock
def service_update(service_id: int, values: dict) -> models.Service:
    with writer() as session:
        row = session.get(models.Service, service_id)
        if row is None or row.deleted:
            raise exception.ServiceNotFound(service_id=service_id)
        row.update(values)
    return row


def service_destroy(service_id: int) -> None:
    with writer() as session:
        row = session.get(models.Service, service_id)
        if row is None or row.deleted:
            raise exception.ServiceNotFound(service_id=service_id)
        _soft_delete(row)


# ----------------------------------------------------------- compute nodes

def compute_node_get_all(host: str | None = None):
    query = sa.select(models.ComputeNode).filter_by(deleted=0)
    if host:
        query = query.filter_by(host=host)
    with reader() as session:
        return list(session.scalars(query.order_by(models.ComputeNode.id)))


def compute_node_destroy_by_host(host: str) -> None:
    """Soft-delete a host's nodes, as Nova does when its compute service
    is deleted (a compute that reports again creates them anew)."""
    with writer() as session:
        for row in session.scalars(sa.select(models.ComputeNode).filter_by(
                host=host, deleted=0)):
            _soft_delete(row)


def compute_node_get(node_id: int) -> models.ComputeNode:
    with reader() as session:
        row = session.get(models.ComputeNode, node_id)
    if row is None or row.deleted:
        raise exception.ComputeHostNotFound(host=node_id)
    return row


_NODE_USAGE = ('vcpus_used', 'memory_mb_used', 'local_gb_used')


@retry_on_deadlock
def compute_node_report(values: dict) -> models.ComputeNode:
    """Create or update a node's reported capacity.

    Usage counters are never written here: claims own them.
    """
    values = {k: v for k, v in values.items() if k not in _NODE_USAGE}
    with writer() as session:
        row = session.scalars(sa.select(models.ComputeNode).filter_by(
            host=values['host'],
            hypervisor_hostname=values['hypervisor_hostname'],
            deleted=0)).first()
        if row is None:
            values.setdefault('uuid', uuidutils.generate_uuid())
            row = models.ComputeNode(**values)
            session.add(row)
        else:
            row.update(values)
        session.flush()
        session.refresh(row)
    return row


# -------------------------------------------------------------- allocations

@retry_on_deadlock
def allocation_claim(instance_uuid: str, node_id: int, vcpus: int,
                     memory_mb: int, disk_gb: int) -> bool:
    """Atomically claim resources on a node; False if they do not fit.

    The conditional UPDATE is the arbiter between concurrent schedulers: the
    row lock it takes serialises claims on one node, and the capacity check
    is evaluated against the committed usage.
    """
    node = models.ComputeNode.__table__
    fits = sa.and_(
        node.c.id == node_id, node.c.deleted == 0,
        node.c.vcpus_used + vcpus <=
        (node.c.vcpus - node.c.reserved_host_cpus) *
        node.c.cpu_allocation_ratio,
        node.c.memory_mb_used + memory_mb <=
        (node.c.memory_mb - node.c.reserved_host_memory_mb) *
        node.c.ram_allocation_ratio,
        node.c.local_gb_used + disk_gb <=
        (node.c.local_gb - node.c.reserved_host_disk_mb / 1024.0) *
        node.c.disk_allocation_ratio)
    with writer() as session:
        existing = session.scalars(sa.select(models.Allocation).filter_by(
            instance_uuid=instance_uuid)).first()
        if existing is not None:
            _release(session, existing)
        result = session.execute(
            node.update().where(fits).values(
                vcpus_used=node.c.vcpus_used + vcpus,
                memory_mb_used=node.c.memory_mb_used + memory_mb,
                local_gb_used=node.c.local_gb_used + disk_gb))
        if result.rowcount != 1:
            # Undo the release above too: a claim that does not fit must
            # leave the instance's existing claim where it was.
            session.rollback()
            return False
        session.add(models.Allocation(
            instance_uuid=instance_uuid, compute_node_id=node_id,
            vcpus=vcpus, memory_mb=memory_mb, disk_gb=disk_gb))
    return True


def _release(session, allocation: models.Allocation) -> None:
    node = models.ComputeNode.__table__
    session.execute(node.update().where(
        node.c.id == allocation.compute_node_id).values(
        vcpus_used=node.c.vcpus_used - allocation.vcpus,
        memory_mb_used=node.c.memory_mb_used - allocation.memory_mb,
        local_gb_used=node.c.local_gb_used - allocation.disk_gb))
    session.delete(allocation)


@retry_on_deadlock
def allocation_release(instance_uuid: str) -> bool:
    """Free an instance's claim; False if it had none (idempotent)."""
    with writer() as session:
        allocation = session.scalars(sa.select(models.Allocation).filter_by(
            instance_uuid=instance_uuid).with_for_update()).first()
        if allocation is None:
            return False
        _release(session, allocation)
    return True


def allocation_get(instance_uuid: str) -> models.Allocation | None:
    with reader() as session:
        return session.scalars(sa.select(models.Allocation).filter_by(
            instance_uuid=instance_uuid)).first()


def allocation_get_by_node(node_id: int) -> list[models.Allocation]:
    with reader() as session:
        return list(session.scalars(sa.select(models.Allocation).filter_by(
            compute_node_id=node_id)))


# ------------------------------------------------------------------ flavors

def flavor_create(values: dict) -> models.Flavor:
    values = dict(values)
    values.setdefault('flavorid', uuidutils.generate_uuid())
    row = models.Flavor(**values)
    try:
        with writer() as session:
            session.add(row)
    except db_exc.DBDuplicateEntry as e:
        if 'flavorid' in (e.columns or []):
            raise exception.FlavorIdExists(flavor_id=values['flavorid'])
        raise exception.FlavorExists(name=values['name'])
    return row


def flavor_get_by_flavorid(flavorid: str) -> models.Flavor:
    with reader() as session:
        row = session.scalars(sa.select(models.Flavor).filter_by(
            flavorid=str(flavorid))).first()
    if row is None:
        raise exception.FlavorNotFound(flavor_id=flavorid)
    return row


def flavor_get_all() -> list[models.Flavor]:
    with reader() as session:
        return list(session.scalars(sa.select(models.Flavor).filter_by(
            disabled=False).order_by(models.Flavor.memory_mb,
                                     models.Flavor.flavorid)))


def flavor_get_all_by_filters(filters: dict, sort_key: str = 'flavorid',
                              sort_dir: str = 'asc',
                              limit: int | None = None,
                              marker: str | None = None
                              ) -> list[models.Flavor]:
    """Enabled flavors as Nova lists them: ``min_memory_mb`` and
    ``min_root_gb`` lower bounds, ``is_public`` True/False (None: both),
    sorted by a column (then id) and paged after the ``marker`` flavorid.

    :raises: Invalid (unknown marker)
    """
    table = models.Flavor
    query = sa.select(table).filter_by(disabled=False)
    if filters.get('min_memory_mb') is not None:
        query = query.where(table.memory_mb >= filters['min_memory_mb'])
    if filters.get('min_root_gb') is not None:
        query = query.where(table.root_gb >= filters['min_root_gb'])
    if filters.get('is_public') is not None:
        query = query.where(table.is_public == filters['is_public'])
    if filters.get('accessible_to') is not None:
        # Public, or private and granted to this project.
        granted = sa.select(models.FlavorProject.flavor_id).where(
            models.FlavorProject.project_id == filters['accessible_to'])
        query = query.where(sa.or_(table.is_public == sa.true(),
                                   table.id.in_(granted)))
    with reader() as session:
        mark = None
        if marker is not None:
            mark = session.scalars(sa.select(table).filter_by(
                flavorid=str(marker))).first()
            if mark is None:
                raise exception.Invalid(
                    message='marker [%s] not found' % marker)
        query = db_utils.paginate_query(query, table, limit,
                                        [sort_key, 'id'], marker=mark,
                                        sort_dirs=[sort_dir, sort_dir])
        return list(session.scalars(query))


def flavor_update(flavorid: str, values: dict) -> models.Flavor:
    """Set columns of a flavor (the API changes only ``description``).

    :raises: FlavorNotFound
    """
    with writer() as session:
        row = session.scalars(sa.select(models.Flavor).filter_by(
            flavorid=str(flavorid))).first()
        if row is None:
            raise exception.FlavorNotFound(flavor_id=flavorid)
        for key, value in values.items():
            setattr(row, key, value)
    return row


def flavor_destroy(flavorid: str) -> None:
    with writer() as session:
        row = session.scalars(sa.select(models.Flavor).filter_by(
            flavorid=flavorid)).first()
        if row is None:
            raise exception.FlavorNotFound(flavor_id=flavorid)
        session.delete(row)


@retry_on_deadlock
def flavor_extra_specs_update(flavorid: str, specs: dict | None = None,
                              delete_key: str | None = None) -> dict:
    """Merge ``specs`` into a flavor's extra specs, or remove
    ``delete_key``; returns the flavor's extra specs afterwards.

    :raises: FlavorNotFound, NotFound (no ``delete_key`` on the flavor)
    """
    with writer() as session:
        row = session.scalars(sa.select(models.Flavor).filter_by(
            flavorid=str(flavorid)).with_for_update()).first()
        if row is None:
            raise exception.FlavorNotFound(flavor_id=flavorid)
        extra_specs = dict(row.extra_specs or {})
        if delete_key is not None:
            if delete_key not in extra_specs:
                raise exception.NotFound(
                    message='Flavor %s has no extra specs with key %s.' % (
                        flavorid, delete_key))
            del extra_specs[delete_key]
        extra_specs.update(specs or {})
        row.extra_specs = extra_specs
    return extra_specs


# ------------------------------------------------------------------- images

def image_create(values: dict) -> models.Image:
    values = dict(values)
    values.setdefault('id', uuidutils.generate_uuid())
    row = models.Image(**values)
    with writer() as session:
        session.add(row)
    return row


def image_get(image_id: str) -> models.Image:
    with reader() as session:
        row = session.scalars(sa.select(models.Image).filter_by(
            id=image_id, deleted=0)).first()
    if row is None:
        raise exception.ImageNotFound(image_id=image_id)
    return row


def image_get_all(name: str | None = None) -> list[models.Image]:
    query = sa.select(models.Image).filter_by(deleted=0)
    if name is not None:
        query = query.filter_by(name=name)
    with reader() as session:
        return list(session.scalars(query.order_by(
            models.Image.created_at, models.Image.id)))


def image_update(image_id: str, values: dict) -> models.Image:
    with writer() as session:
        row = session.scalars(sa.select(models.Image).filter_by(
            id=image_id, deleted=0)).first()
        if row is None:
            raise exception.ImageNotFound(image_id=image_id)
        row.update(values)
    return row


def image_destroy(image_id: str) -> None:
    with writer() as session:
        row = session.scalars(sa.select(models.Image).filter_by(
            id=image_id, deleted=0)).first()
        if row is None:
            raise exception.ImageNotFound(image_id=image_id)
        row.deleted = 1
        row.deleted_at = timeutils.utcnow()


# ---------------------------------------------------------------- instances

def instance_create(values: dict) -> models.Instance:
    values = dict(values)
    values.setdefault('uuid', uuidutils.generate_uuid())
    if 'metadata' in values:
        values['metadata_'] = values.pop('metadata')
    row = models.Instance(**values)
    with writer() as session:
        session.add(row)
    return row


def _instance_query(read_deleted: bool = False):
    query = sa.select(models.Instance)
    if not read_deleted:
        query = query.filter_by(deleted=0)
    return query


def instance_get_by_uuid(uuid: str,
                         read_deleted: bool = False) -> models.Instance:
    with reader() as session:
        row = session.scalars(_instance_query(read_deleted).filter_by(
            uuid=uuid)).first()
    if row is None:
        raise exception.InstanceNotFound(instance_id=uuid)
    return row


def instance_get_all_by_filters(filters: dict, limit: int | None = None,
                                marker: str | None = None,
                                sort_dir: str = 'desc',
                                sort_keys: list | None = None,
                                sort_dirs: list | None = None):
    """Instances matching the filters, sorted and paged, newest first by
    default.

    Exact-value filters are column names (project_id, user_id, host, node,
    image_ref, instance_type_id, reservation_id, locked, ...); besides
    them: ``vm_state``, ``task_state`` and ``uuid`` take lists,
    ``changes-since`` and ``changes-before`` datetimes (changed at or
    after / at or before it, deleted rows included, as Nova lists them),
    ``deleted`` True for deleted rows only, and the tag filters (lists of
    tags, see ``_filter_by_tags``). ``sort_keys`` are columns; created_at
    and id are appended as tie-breakers, in the first key's direction
    (``sort_dir`` without keys).
    """
    filters = dict(filters)
    changes_since = filters.pop('changes-since', None)
    changes_before = filters.pop('changes-before', None)
    deleted = filters.pop('deleted', None)
    query = sa.select(models.Instance)
    if deleted:
        query = query.where(models.Instance.deleted != 0)
    elif (changes_since is None and changes_before is None) or \
            deleted is False:
        query = query.where(models.Instance.deleted == 0)
    # A row never updated changed when it was created.
    changed_at = sa.func.coalesce(models.Instance.updated_at,
                                  models.Instance.created_at)
    if changes_since is not None:
        query = query.where(changed_at >= changes_since)
    if changes_before is not None:
        query = query.where(changed_at <= changes_before)
    query = _filter_by_tags(query, filters)
    uuids = filters.pop('uuid', None)
    if uuids is not None:
        query = query.where(models.Instance.uuid.in_(list(uuids)))
    for key in ('vm_state', 'task_state'):
        states = filters.pop(key, None)
        if states is not None:
            if isinstance(states, str):
                states = [states]
            query = query.where(getattr(models.Instance, key).in_(states))
    for key, value in filters.items():
        query = query.where(getattr(models.Instance, key) == value)
    sort_keys = list(sort_keys or [])
    sort_dirs = list(sort_dirs or [])
    default_dir = sort_dirs[0] if sort_dirs else sort_dir
    sort_dirs += [default_dir] * (len(sort_keys) - len(sort_dirs))
    for key in ('created_at', 'id'):
        if key not in sort_keys:
            sort_keys.append(key)
            sort_dirs.append(default_dir)
    with reader() as session:
        mark = None
        if marker is not None:
            mark = session.scalars(sa.select(models.Instance).filter_by(
                uuid=marker)).first()
            if mark is None:
                raise exception.Invalid(
                    message='marker [%s] not found' % marker)
        query = db_utils.paginate_query(query, models.Instance, limit,
                                        sort_keys, marker=mark,
                                        sort_dirs=sort_dirs)
        return list(session.scalars(query))


def _has_tag(tag: str):
    """The instance row being filtered has ``tag``."""
    return sa.exists().where(models.Tag.resource_id == models.Instance.uuid,
                             models.Tag.tag == tag)


def _has_any_tag(tags: list[str]):
    return sa.exists().where(models.Tag.resource_id == models.Instance.uuid,
                             models.Tag.tag.in_(list(tags)))


def _filter_by_tags(query, filters: dict):
    """Nova's tag filters (microversion 2.26), in SQL; each takes a list:
    ``tags`` all of them, ``tags-any`` at least one, ``not-tags`` not all
    of them, ``not-tags-any`` none of them. Pops them from ``filters``."""
    tags = filters.pop('tags', None)
    if tags:
        query = query.where(sa.and_(*[_has_tag(tag) for tag in tags]))
    tags = filters.pop('tags-any', None)
    if tags:
        query = query.where(_has_any_tag(tags))
    tags = filters.pop('not-tags', None)
    if tags:
        query = query.where(~sa.and_(*[_has_tag(tag) for tag in tags]))
    tags = filters.pop('not-tags-any', None)
    if tags:
        query = query.where(~_has_any_tag(tags))
    return query


def _state_matches(column, expected):
    if not isinstance(expected, (list, tuple, set)):
        expected = [expected]
    values = [v for v in expected if v is not None]
    clauses = [column.in_(values)] if values else []
    if None in expected:
        clauses.append(column.is_(None))
    return sa.or_(sa.false(), *clauses)


@retry_on_deadlock
def instance_update(uuid: str, values: dict, expected_task_state=(),
                    expected_vm_state=()) -> models.Instance:
    """Update an instance, optionally only if its states are as expected.

    ``expected_*`` of ``()`` means "don't check"; a value or list (``None``
    matches NULL) makes the update conditional, the way Nova's compare-and-
    swap save() stops a build from overwriting a concurrent delete.
    """
    values = dict(values)
    if 'metadata' in values:
        values['metadata_'] = values.pop('metadata')
    values['updated_at'] = timeutils.utcnow()
    table = models.Instance
    with writer() as session:
        query = sa.update(table).where(table.uuid == uuid,
                                       table.deleted == 0)
        if expected_task_state != ():
            query = query.where(_state_matches(table.task_state,
                                               expected_task_state))
        if expected_vm_state != ():
            query = query.where(_state_matches(table.vm_state,
                                               expected_vm_state))
        result = session.execute(query.values(**values),
                                 execution_options={
                                     'synchronize_session': False})
        row = session.scalars(sa.select(table).filter_by(
            uuid=uuid, deleted=0)).first()
    if row is None:
        raise exception.InstanceNotFound(instance_id=uuid)
    if result.rowcount != 1:
        if row.task_state == 'deleting':
            raise exception.UnexpectedDeletingTaskStateError(
                expected=expected_task_state, actual=row.task_state)
        if expected_task_state != ():
            raise exception.UnexpectedTaskStateError(
                expected=expected_task_state, actual=row.task_state)
        raise exception.InstanceInvalidState(
            method='update', instance_uuid=uuid, attr='vm_state',
            state=row.vm_state)
    return row


def instance_destroy(uuid: str) -> models.Instance:
    """Soft-delete an instance row (idempotent for the caller's retry);
    its tags go with it, as in Nova."""
    now = timeutils.utcnow()
    with writer() as session:
        row = session.scalars(sa.select(models.Instance).filter_by(
            uuid=uuid, deleted=0)).first()
        if row is None:
            raise exception.InstanceNotFound(instance_id=uuid)
        row.update({'vm_state': 'deleted', 'task_state': None,
                    'terminated_at': now, 'deleted': row.id,
                    'deleted_at': now})
        session.execute(sa.delete(models.Tag).where(
            models.Tag.resource_id == uuid))
    return row


def instance_count_by_project(project_id: str) -> dict:
    """Usage counted at request time: instances, cores and ram."""
    table = models.Instance
    with reader() as session:
        count, cores, ram = session.execute(
            sa.select(sa.func.count(table.id),
                      sa.func.coalesce(sa.func.sum(table.vcpus), 0),
                      sa.func.coalesce(sa.func.sum(table.memory_mb), 0))
            .where(table.project_id == project_id, table.deleted == 0)
        ).one()
    return {'instances': int(count), 'cores': int(cores), 'ram': int(ram)}


# ----------------------------------------------------------------- faults

def instance_fault_create(values: dict) -> models.InstanceFault:
    row = models.InstanceFault(**values)
    with writer() as session:
        session.add(row)
    return row


def instance_fault_get_latest(uuids: list[str]) -> dict:
    """The newest fault of each instance, keyed by instance uuid."""
    if not uuids:
        return {}
    fault = models.InstanceFault
    with reader() as session:
        rows = session.scalars(sa.select(fault).where(
            fault.instance_uuid.in_(uuids)).order_by(
            fault.instance_uuid, fault.created_at.desc(), fault.id.desc()))
        latest = {}
        for row in rows:
            latest.setdefault(row.instance_uuid, row)
    return latest
