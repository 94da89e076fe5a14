"""Server groups and aggregates in the database (groups_api,
aggregates_api), and migration 0002 matching the models."""
import uuid

from alembic import autogenerate
from alembic import migration as alembic_migration
import pytest

from minicompute import exception
from minicompute.db import aggregates_api, groups_api, models
from minicompute.db import api as db_api


def _instance(host=None, deleted=False, vm_state='active'):
    row = db_api.instance_create({'uuid': str(uuid.uuid4()), 'host': host,
                                  'vm_state': vm_state})
    if deleted:
        db_api.instance_destroy(row.uuid)
    return row.uuid


def test_migrations_match_the_models(db):
    with db_api.get_engine().connect() as connection:
        context = alembic_migration.MigrationContext.configure(connection)
        diff = autogenerate.compare_metadata(context, models.Base.metadata)
    assert diff == []


def test_group_members_and_hosts(db):
    a, b, c = _instance('h1'), _instance('h2'), _instance()
    gone = _instance('h3', deleted=True)
    group = groups_api.group_create({'name': 'g', 'project_id': 'p',
                                     'policy': 'anti-affinity'}, [a, b])
    groups_api.group_add_members(group['uuid'], [c, gone])

    got = groups_api.group_get(group['uuid'])
    # Deleted instances are no longer members.
    assert got['members'] == [a, b, c]
    assert groups_api.group_member_hosts(group['uuid']) == ['h1', 'h2']
    assert groups_api.group_member_hosts(group['uuid'], exclude=[a]) == \
        ['h2']
    assert groups_api.group_members_on_host(group['uuid'], 'h1') == \
        {a: 'active'}
    assert groups_api.group_get_by_instance(b)['uuid'] == group['uuid']


def test_an_instance_is_in_one_group_only(db):
    a = _instance()
    first = groups_api.group_create({'policy': 'affinity'}, [a])
    second = groups_api.group_create({'policy': 'affinity'})
    with pytest.raises(exception.InstanceGroupMemberExists):
        groups_api.group_add_members(second['uuid'], [a])
    assert groups_api.group_get(first['uuid'])['members'] == [a]


def test_group_list_scope_paging_and_delete(db):
    uuids = [groups_api.group_create({'policy': 'affinity',
                                      'project_id': project})['uuid']
             for project in ('p1', 'p2', 'p1')]
    assert [g['uuid'] for g in groups_api.group_get_all('p1')] == \
        [uuids[0], uuids[2]]
    assert [g['uuid'] for g in groups_api.group_get_all(
        limit=1, offset=1)] == [uuids[1]]
    groups_api.group_destroy(uuids[0])
    with pytest.raises(exception.InstanceGroupNotFound):
        groups_api.group_get(uuids[0])
    with pytest.raises(exception.InstanceGroupNotFound):
        groups_api.group_destroy(uuids[0])


def test_aggregate_hosts_metadata_and_zones(db):
    agg = aggregates_api.aggregate_create('a1', {'availability_zone': 'az1'})
    aggregates_api.aggregate_add_host(agg['id'], 'h1')
    other = aggregates_api.aggregate_create('a2')
    aggregates_api.aggregate_add_host(other['id'], 'h1')
    aggregates_api.aggregate_add_host(other['id'], 'h2')
    aggregates_api.aggregate_set_metadata(other['id'], {'ssd': 'true'})

    assert aggregates_api.host_availability_zones() == {'h1': 'az1'}
    listed = aggregates_api.aggregate_get_all()
    assert [(a['name'], a['hosts'], a['metadata']) for a in listed] == [
        ('a1', ['h1'], {'availability_zone': 'az1'}),
        ('a2', ['h1', 'h2'], {'ssd': 'true'})]
    # None unsets a key.
    assert aggregates_api.aggregate_set_metadata(
        other['id'], {'ssd': None, 'gpu': '1'})['metadata'] == {'gpu': '1'}


@pytest.mark.parametrize('call, error', [
    (lambda a: aggregates_api.aggregate_create('dup'),
     exception.AggregateNameExists),
    (lambda a: aggregates_api.aggregate_add_host(a['id'], 'h1'),
     exception.AggregateHostExists),
    (lambda a: aggregates_api.aggregate_remove_host(a['id'], 'h9'),
     exception.AggregateHostNotFound),
    (lambda a: aggregates_api.aggregate_destroy(a['id']),
     exception.InvalidAggregateAction),
    (lambda a: aggregates_api.aggregate_get(a['id'] + 100),
     exception.AggregateNotFound),
])
def test_aggregate_errors(db, call, error):
    agg = aggregates_api.aggregate_create('dup')
    aggregates_api.aggregate_add_host(agg['id'], 'h1')
    with pytest.raises(error):
        call(agg)


def test_a_deleted_aggregate_frees_its_name(db):
    agg = aggregates_api.aggregate_create('reuse')
    aggregates_api.aggregate_destroy(agg['id'])
    assert aggregates_api.aggregate_create('reuse')['id'] != agg['id']
    assert [a['name'] for a in aggregates_api.aggregate_get_all()] == [
        'reuse']
