"""instance_get_all_by_filters: the filters later microversions bring
(tags 2.26, changes-before 2.66, locked 2.73), done in SQL."""
import datetime
import uuid

import pytest

from minicompute.db import api as db_api
from minicompute.db import tags_api

T0 = datetime.datetime(2020, 1, 1)


def _instance(name, tags=(), **values):
    row = db_api.instance_create(dict(
        uuid=str(uuid.uuid4()), display_name=name, project_id='p',
        vm_state='active', **values))
    tags_api.tags_set(row.uuid, list(tags))
    return row


@pytest.fixture
def tagged(db):
    _instance('ab', ('a', 'b'))
    _instance('a', ('a',))
    _instance('bc', ('b', 'c'))
    _instance('none')


def _names(filters):
    return sorted(row.display_name for row in
                  db_api.instance_get_all_by_filters(filters))


@pytest.mark.parametrize('name, tags, expected', [
    ('tags', ['a'], ['a', 'ab']),
    ('tags', ['a', 'b'], ['ab']),
    ('tags', ['a', 'c'], []),
    ('tags-any', ['a', 'c'], ['a', 'ab', 'bc']),
    ('tags-any', ['z'], []),
    ('not-tags', ['a', 'b'], ['a', 'bc', 'none']),
    ('not-tags', ['a'], ['bc', 'none']),
    ('not-tags-any', ['a', 'c'], ['none']),
    ('not-tags-any', ['z'], ['a', 'ab', 'bc', 'none']),
])
def test_tag_filters(tagged, name, tags, expected):
    assert _names({name: tags}) == expected


def test_tag_filters_combine_without_duplicates(tagged):
    assert _names({'tags-any': ['a', 'b'], 'not-tags': ['a', 'b']}) == [
        'a', 'bc']
    rows = db_api.instance_get_all_by_filters({'tags-any': ['a', 'b']})
    assert len(rows) == len({row.uuid for row in rows}) == 3


def test_destroy_drops_the_tags(db):
    row = _instance('gone', ('a',))
    db_api.instance_destroy(row.uuid)
    assert tags_api.tags_get(row.uuid) == []


def _set_changed_at(row, when):
    with db_api.writer() as session:
        session.get(type(row), row.id).updated_at = when


def test_changes_before_and_since_include_deleted_rows(db):
    day = datetime.timedelta(days=1)
    _set_changed_at(_instance('old'), T0)
    _set_changed_at(_instance('new'), T0 + 2 * day)
    gone = _instance('gone')
    db_api.instance_destroy(gone.uuid)
    _set_changed_at(gone, T0)
    assert _names({'changes-before': T0 + day}) == ['gone', 'old']
    assert _names({'changes-since': T0 + day}) == ['new']
    assert _names({'changes-since': T0,
                   'changes-before': T0 + 3 * day}) == ['gone', 'new',
                                                        'old']
    assert _names({'changes-before': T0 + day, 'deleted': False}) == [
        'old']
    assert _names({}) == ['new', 'old']


def test_locked_filter_and_sort_key(db):
    _instance('open', locked=False)
    _instance('shut', locked=True)
    assert _names({'locked': True}) == ['shut']
    assert _names({'locked': False}) == ['open']
    rows = db_api.instance_get_all_by_filters({}, sort_keys=['locked'],
                                              sort_dirs=['asc'])
    assert [row.display_name for row in rows] == ['open', 'shut']


def test_task_state_filter_takes_a_list(db):
    _instance('idle')
    _instance('busy', task_state='rebooting')
    assert _names({'task_state': ['rebooting', 'pausing']}) == ['busy']
