"""Server tags in the database (tags_api)."""
from minicompute.db import tags_api


def test_add_set_delete_and_batch_read(db):
    tags_api.tag_add('u1', 'red')
    tags_api.tag_add('u1', 'red')
    tags_api.tag_add('u1', 'blue')
    assert tags_api.tags_get('u1') == ['blue', 'red']
    assert tags_api.tag_exists('u1', 'red')
    assert not tags_api.tag_exists('u2', 'red')

    assert tags_api.tags_set('u2', ['b', 'a', 'b']) == ['a', 'b']
    assert tags_api.tags_get_by_instances(['u1', 'u2', 'u3']) == {
        'u1': ['blue', 'red'], 'u2': ['a', 'b']}

    assert tags_api.tag_delete('u1', 'red')
    assert not tags_api.tag_delete('u1', 'red')
    tags_api.tags_delete_all('u2')
    assert tags_api.tags_get('u2') == []
    assert tags_api.tags_get('u1') == ['blue']
    assert tags_api.tags_get_by_instances([]) == {}
