"""minicompute.db.api against a real, migrated SQLite database."""
import datetime
import threading
import uuid

import pytest

from minicompute import exception
from minicompute.db import api as db_api


def _uuid():
    return str(uuid.uuid4())


def _usage(node_id):
    row = db_api.compute_node_get(node_id)
    return row.vcpus_used, row.memory_mb_used, row.local_gb_used


# ------------------------------------------------------------ allocations

# Node shapes: (vcpus, memory_mb, local_gb, ratios and reserved amounts).
@pytest.mark.parametrize('node, claim, fits', [
    ({}, (8, 4096, 100), True),
    ({}, (9, 1, 1), False),
    ({}, (1, 4097, 1), False),
    ({}, (1, 1, 101), False),
    # Ratios multiply capacity.
    ({'cpu_allocation_ratio': 2.0}, (16, 1, 1), True),
    ({'cpu_allocation_ratio': 2.0}, (17, 1, 1), False),
    ({'ram_allocation_ratio': 1.5}, (1, 6144, 1), True),
    ({'ram_allocation_ratio': 1.5}, (1, 6145, 1), False),
    ({'disk_allocation_ratio': 0.5}, (1, 1, 50), True),
    ({'disk_allocation_ratio': 0.5}, (1, 1, 51), False),
    # Reserved amounts come off before the ratio.
    ({'reserved_host_cpus': 2, 'cpu_allocation_ratio': 2.0},
     (12, 1, 1), True),
    ({'reserved_host_cpus': 2, 'cpu_allocation_ratio': 2.0},
     (13, 1, 1), False),
    ({'reserved_host_memory_mb': 1024, 'ram_allocation_ratio': 2.0},
     (1, 6144, 1), True),
    ({'reserved_host_memory_mb': 1024, 'ram_allocation_ratio': 2.0},
     (1, 6145, 1), False),
    # Reserved disk is in MB: 512 MB reserved leaves 99.5 GB.
    ({'reserved_host_disk_mb': 1024}, (1, 1, 99), True),
    ({'reserved_host_disk_mb': 1024}, (1, 1, 100), False),
    ({'reserved_host_disk_mb': 512}, (1, 1, 99), True),
    ({'reserved_host_disk_mb': 512}, (1, 1, 100), False),
])
def test_claim_respects_ratios_and_reserved(make_node, node, claim, fits):
    row = make_node('cn1', vcpus=8, memory_mb=4096, local_gb=100, **node)
    instance_uuid = _uuid()

    assert db_api.allocation_claim(instance_uuid, row.id, *claim) is fits

    assert _usage(row.id) == (claim if fits else (0, 0, 0))
    allocation = db_api.allocation_get(instance_uuid)
    if fits:
        assert (allocation.compute_node_id, allocation.vcpus,
                allocation.memory_mb, allocation.disk_gb) == \
            (row.id,) + claim
    else:
        assert allocation is None


@pytest.mark.parametrize('second, fits', [
    ((0, 0, 0), True),
    ((1, 0, 0), False),
    ((0, 1, 0), False),
    ((0, 0, 1), False),
])
def test_claims_add_up_to_exact_capacity(make_node, second, fits):
    row = make_node('cn1', vcpus=4, memory_mb=2048, local_gb=20)
    assert db_api.allocation_claim(_uuid(), row.id, 2, 1024, 10)
    assert db_api.allocation_claim(_uuid(), row.id, 2, 1024, 10)

    assert db_api.allocation_claim(_uuid(), row.id, *second) is fits
    assert _usage(row.id) == (4, 2048, 20)


def test_claim_on_unknown_node_fails(db):
    instance_uuid = _uuid()

    assert db_api.allocation_claim(instance_uuid, 4242, 1, 1, 1) is False
    assert db_api.allocation_get(instance_uuid) is None


def test_release_restores_usage_and_is_idempotent(make_node):
    row = make_node('cn1')
    keep, drop = _uuid(), _uuid()
    assert db_api.allocation_claim(keep, row.id, 1, 256, 5)
    assert db_api.allocation_claim(drop, row.id, 2, 512, 10)

    assert db_api.allocation_release(drop) is True
    assert db_api.allocation_release(drop) is False

    assert _usage(row.id) == (1, 256, 5)
    assert db_api.allocation_get(drop) is None
    assert [a.instance_uuid for a in
            db_api.allocation_get_by_node(row.id)] == [keep]


def test_release_of_never_claimed_instance(make_node):
    row = make_node('cn1')

    assert db_api.allocation_release(_uuid()) is False
    assert _usage(row.id) == (0, 0, 0)


def test_reclaim_on_same_node_replaces_the_claim(make_node):
    row = make_node('cn1', vcpus=4, memory_mb=2048, local_gb=20)
    instance_uuid = _uuid()
    assert db_api.allocation_claim(instance_uuid, row.id, 2, 1024, 10)

    # Would not fit next to the first claim; it replaces it instead.
    assert db_api.allocation_claim(instance_uuid, row.id, 3, 1536, 15)

    assert _usage(row.id) == (3, 1536, 15)
    assert len(db_api.allocation_get_by_node(row.id)) == 1


def test_reclaim_on_other_node_moves_the_claim(make_node):
    first = make_node('cn1')
    second = make_node('cn2')
    instance_uuid = _uuid()
    assert db_api.allocation_claim(instance_uuid, first.id, 2, 1024, 10)

    assert db_api.allocation_claim(instance_uuid, second.id, 2, 1024, 10)

    assert _usage(first.id) == (0, 0, 0)
    assert _usage(second.id) == (2, 1024, 10)
    assert db_api.allocation_get(instance_uuid).compute_node_id == \
        second.id


def test_failed_reclaim_keeps_the_existing_claim(make_node):
    first = make_node('cn1')
    small = make_node('cn2', memory_mb=512)
    instance_uuid = _uuid()
    assert db_api.allocation_claim(instance_uuid, first.id, 2, 1024, 10)

    assert db_api.allocation_claim(instance_uuid, small.id, 2, 1024,
                                   10) is False

    assert db_api.allocation_get(instance_uuid) is not None
    assert _usage(first.id) == (2, 1024, 10)


@pytest.mark.parametrize('threads, per_thread, size_mb', [
    (8, 1, 300),
    (8, 5, 64),
])
def test_concurrent_claims_never_oversubscribe(make_node, threads,
                                               per_thread, size_mb):
    row = make_node('cn1', vcpus=1000, memory_mb=1000, local_gb=1000)
    capacity = 1000 // size_mb
    barrier = threading.Barrier(threads)
    results, errors = [], []

    def claim_some():
        try:
            barrier.wait()
            for _ in range(per_thread):
                results.append(db_api.allocation_claim(
                    _uuid(), row.id, 1, size_mb, 1))
        except Exception as e:  # surfaced below, not lost in the thread
            errors.append(e)

    workers = [threading.Thread(target=claim_some) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)

    assert errors == []
    assert len(results) == threads * per_thread
    assert results.count(True) == min(capacity, threads * per_thread)
    assert _usage(row.id) == (results.count(True),
                              results.count(True) * size_mb,
                              results.count(True))
    assert len(db_api.allocation_get_by_node(row.id)) == results.count(True)


def test_node_report_never_overwrites_claimed_usage(make_node):
    row = make_node('cn1', memory_mb=2048)
    assert db_api.allocation_claim(_uuid(), row.id, 1, 512, 5)

    again = make_node('cn1', memory_mb=4096, vcpus_used=0, memory_mb_used=0,
                      local_gb_used=0)

    assert again.id == row.id
    assert again.memory_mb == 4096
    assert _usage(row.id) == (1, 512, 5)


# -------------------------------------------------------------- instances

def _instance(**values):
    values.setdefault('project_id', 'proj-a')
    values.setdefault('vm_state', 'building')
    return db_api.instance_create(values)


@pytest.mark.parametrize('actual, expected', [
    ('scheduling', 'scheduling'),
    ('scheduling', ['scheduling', None]),
    ('spawning', ('scheduling', 'spawning')),
    (None, None),
    (None, [None]),
    (None, ['scheduling', None]),
    ('deleting', 'deleting'),
    ('spawning', ()),
    ('deleting', ()),
])
def test_update_when_task_state_matches(db, actual, expected):
    row = _instance(task_state=actual)

    updated = db_api.instance_update(row.uuid, {'display_name': 'new',
                                                'task_state': 'x'},
                                     expected_task_state=expected)

    assert (updated.display_name, updated.task_state) == ('new', 'x')
    assert db_api.instance_get_by_uuid(row.uuid).display_name == 'new'


@pytest.mark.parametrize('actual, expected, error', [
    ('spawning', 'scheduling', exception.UnexpectedTaskStateError),
    ('spawning', ['scheduling', None], exception.UnexpectedTaskStateError),
    (None, 'scheduling', exception.UnexpectedTaskStateError),
    pytest.param(None, [], exception.UnexpectedTaskStateError),
    ('spawning', None, exception.UnexpectedTaskStateError),
    ('deleting', ['scheduling', None],
     exception.UnexpectedDeletingTaskStateError),
    ('deleting', None, exception.UnexpectedDeletingTaskStateError),
])
def test_update_refused_when_task_state_differs(db, actual, expected,
                                                error):
    row = _instance(task_state=actual, display_name='old')

    with pytest.raises(exception.UnexpectedTaskStateError) as raised:
        db_api.instance_update(row.uuid, {'display_name': 'new'},
                               expected_task_state=expected)

    assert type(raised.value) is error
    assert raised.value.kwargs == {'expected': expected, 'actual': actual}
    assert db_api.instance_get_by_uuid(row.uuid).display_name == 'old'


@pytest.mark.parametrize('actual, expected, allowed', [
    ('active', 'active', True),
    ('active', ['stopped', 'active'], True),
    ('active', 'stopped', False),
    ('active', [None], False),
])
def test_update_checks_expected_vm_state(db, actual, expected, allowed):
    row = _instance(vm_state=actual, display_name='old')

    if allowed:
        db_api.instance_update(row.uuid, {'display_name': 'new'},
                               expected_vm_state=expected)
    else:
        with pytest.raises(exception.InstanceInvalidState):
            db_api.instance_update(row.uuid, {'display_name': 'new'},
                                   expected_vm_state=expected)

    assert db_api.instance_get_by_uuid(row.uuid).display_name == \
        ('new' if allowed else 'old')


def test_update_translates_metadata_and_stamps_updated_at(db):
    row = _instance(metadata={'a': '1'})
    assert row.updated_at is None

    updated = db_api.instance_update(row.uuid, {'metadata': {'b': '2'}})

    assert updated.metadata_ == {'b': '2'}
    assert updated.updated_at is not None


@pytest.mark.parametrize('deleted', [False, True])
def test_update_of_missing_instance(db, deleted):
    instance_uuid = _uuid()
    if deleted:
        instance_uuid = _instance().uuid
        db_api.instance_destroy(instance_uuid)

    with pytest.raises(exception.InstanceNotFound):
        db_api.instance_update(instance_uuid, {'display_name': 'x'},
                               expected_task_state=None)


def test_destroy_soft_deletes(db):
    row = _instance(task_state='deleting')
    other = _instance()

    db_api.instance_destroy(row.uuid)

    with pytest.raises(exception.InstanceNotFound):
        db_api.instance_get_by_uuid(row.uuid)
    gone = db_api.instance_get_by_uuid(row.uuid, read_deleted=True)
    assert (gone.vm_state, gone.task_state, gone.deleted) == \
        ('deleted', None, row.id)
    assert gone.deleted_at is not None and gone.terminated_at is not None
    assert [i.uuid for i in db_api.instance_get_all_by_filters({})] == [
        other.uuid]
    assert row.uuid in [i.uuid for i in db_api.instance_get_all_by_filters(
        {'deleted': True})]
    with pytest.raises(exception.InstanceNotFound):
        db_api.instance_destroy(row.uuid)


T0 = datetime.datetime(2024, 1, 1, 12, 0, 0)


@pytest.fixture
def seven(db):
    """Seven instances, oldest first; the middle three share a
    created_at, so ``id`` must break the tie."""
    offsets = [0, 1, 2, 2, 2, 3, 4]
    return [_instance(created_at=T0 + datetime.timedelta(seconds=s),
                      display_name='i%d' % n).uuid
            for n, s in enumerate(offsets)]


def test_list_is_newest_first(seven):
    assert [i.uuid for i in db_api.instance_get_all_by_filters({})] == \
        seven[::-1]


@pytest.mark.parametrize('sort_dir', ['desc', 'asc'])
@pytest.mark.parametrize('limit', [1, 2, 3, 7, 10])
def test_paging_with_marker_visits_each_once(seven, limit, sort_dir):
    seen, marker = [], None
    for _ in range(10):
        page = db_api.instance_get_all_by_filters({}, limit=limit,
                                                  marker=marker,
                                                  sort_dir=sort_dir)
        assert len(page) <= limit
        if not page:
            break
        seen.extend(i.uuid for i in page)
        marker = page[-1].uuid

    assert seen == (seven[::-1] if sort_dir == 'desc' else seven)


def test_marker_page_starts_after_marker(seven):
    page = db_api.instance_get_all_by_filters({}, limit=2, marker=seven[4])

    assert [i.uuid for i in page] == [seven[3], seven[2]]


def test_bad_marker_is_invalid(seven):
    with pytest.raises(exception.Invalid) as raised:
        db_api.instance_get_all_by_filters({}, marker='nope')

    assert 'marker [nope] not found' in str(raised.value)
    assert raised.value.code == 400


@pytest.mark.parametrize('filters, names', [
    ({'project_id': 'proj-b'}, ['b1']),
    ({'vm_state': 'active'}, ['b1', 'a2']),
    ({'vm_state': ['active', 'error']}, ['b1', 'a3', 'a2']),
    ({'project_id': 'proj-a', 'vm_state': 'active'}, ['a2']),
    ({'host': 'cn1'}, ['a3']),
    ({'project_id': 'nobody'}, []),
])
def test_exact_value_filters(db, filters, names):
    for offset, (name, project, state, host) in enumerate([
            ('a1', 'proj-a', 'building', None),
            ('a2', 'proj-a', 'active', None),
            ('a3', 'proj-a', 'error', 'cn1'),
            ('b1', 'proj-b', 'active', None)]):
        _instance(display_name=name, project_id=project, vm_state=state,
                  host=host,
                  created_at=T0 + datetime.timedelta(seconds=offset))

    rows = db_api.instance_get_all_by_filters(filters)

    assert [r.display_name for r in rows] == names


def test_uuid_filter(seven):
    rows = db_api.instance_get_all_by_filters({'uuid': seven[1:3]})

    assert sorted(r.uuid for r in rows) == sorted(seven[1:3])


def test_count_by_project_skips_deleted_and_other_projects(db):
    _instance(vcpus=2, memory_mb=1024)
    _instance(vcpus=1, memory_mb=512)
    _instance(project_id='proj-b', vcpus=8, memory_mb=8192)
    db_api.instance_destroy(_instance(vcpus=4, memory_mb=4096).uuid)

    assert db_api.instance_count_by_project('proj-a') == {
        'instances': 2, 'cores': 3, 'ram': 1536}
    assert db_api.instance_count_by_project('empty') == {
        'instances': 0, 'cores': 0, 'ram': 0}


# ---------------------------------------------------------------- flavors

def _flavor(**values):
    row = {'name': 'm1.small', 'flavorid': '1', 'memory_mb': 512,
           'vcpus': 1, 'root_gb': 1}
    row.update(values)
    return db_api.flavor_create(row)


@pytest.mark.parametrize('second, error, message', [
    ({'flavorid': '2'}, exception.FlavorExists,
     'Flavor with name m1.small already exists.'),
    ({'name': 'm1.other'}, exception.FlavorIdExists,
     'Flavor with ID 1 already exists.'),
])
def test_flavor_duplicates(db, second, error, message):
    _flavor()

    with pytest.raises(error) as raised:
        _flavor(**second)

    assert str(raised.value) == message
    assert raised.value.code == 409
    assert [f.flavorid for f in db_api.flavor_get_all()] == ['1']


def test_flavor_id_generated_when_missing(db):
    row = db_api.flavor_create({'name': 'x', 'memory_mb': 1, 'vcpus': 1})

    assert db_api.flavor_get_by_flavorid(row.flavorid).name == 'x'


# ----------------------------------------------------------------- faults

def test_latest_fault_per_instance(db):
    first, second, quiet = _uuid(), _uuid(), _uuid()
    for instance_uuid, seconds, message in [
            (first, 0, 'old'), (first, 5, 'new'), (first, 3, 'middle'),
            (second, 1, 'tie-a'), (second, 1, 'tie-b')]:
        db_api.instance_fault_create({
            'instance_uuid': instance_uuid, 'code': 500, 'message': message,
            'created_at': T0 + datetime.timedelta(seconds=seconds)})

    latest = db_api.instance_fault_get_latest([first, second, quiet])

    # Same created_at: the later row (higher id) wins.
    assert {u: f.message for u, f in latest.items()} == {
        first: 'new', second: 'tie-b'}


def test_latest_fault_of_nothing(db):
    assert db_api.instance_fault_get_latest([]) == {}


# --------------------------------------------------------------- services

def test_duplicate_service_conflicts(make_service):
    make_service('cn1')

    with pytest.raises(exception.Conflict):
        make_service('cn1')


# Sorting, changes-since and deleted rows, as GET /servers uses them.

def test_sort_keys_with_marker_visit_each_once(seven):
    expected = sorted(seven, key=lambda uuid: db_api.instance_get_by_uuid(
        uuid).display_name, reverse=True)
    seen, marker = [], None
    for _ in range(10):
        page = db_api.instance_get_all_by_filters(
            {}, limit=3, marker=marker, sort_keys=['display_name'],
            sort_dirs=['desc'])
        if not page:
            break
        seen.extend(i.uuid for i in page)
        marker = page[-1].uuid
    assert seen == expected


def test_sort_dirs_default_to_the_first(seven):
    rows = db_api.instance_get_all_by_filters(
        {}, sort_keys=['vm_state', 'display_name'], sort_dirs=['asc'])
    assert [i.uuid for i in rows] == seven


def test_changes_since_includes_deleted_and_deleted_filter(seven):
    db_api.instance_destroy(seven[0])
    since = datetime.datetime(2000, 1, 1)
    changed = db_api.instance_get_all_by_filters({'changes-since': since})
    assert seven[0] in [i.uuid for i in changed]
    assert len(changed) == 7
    future = datetime.datetime(2999, 1, 1)
    assert db_api.instance_get_all_by_filters(
        {'changes-since': future}) == []
    only_deleted = db_api.instance_get_all_by_filters({'deleted': True})
    assert [i.uuid for i in only_deleted] == [seven[0]]
    assert seven[0] not in [i.uuid for i in db_api.instance_get_all_by_filters(
        {'changes-since': since, 'deleted': False})]
