"""jsonschema validation with Nova-style messages that name the innermost
field (minicompute/api/validation.py)."""
import pytest

from minicompute import exception
from minicompute.api import validation
from minicompute.api.openstack.compute.schemas import servers

SCHEMA = {
    'type': 'object',
    'properties': {
        'server': {
            'type': 'object',
            'properties': {
                'name': {'type': 'string', 'minLength': 1},
                'count': {'type': 'integer', 'minimum': 1},
                'nested': {
                    'type': 'object',
                    'properties': {'deep': {'type': 'string'}},
                },
                'tags': {'type': 'array', 'items': {'type': 'string'}},
            },
            'required': ['name'],
            'additionalProperties': False,
        },
    },
    'required': ['server'],
    'additionalProperties': False,
}


def _detail(body, schema=SCHEMA):
    with pytest.raises(exception.ValidationError) as raised:
        validation.validate(body, schema)
    assert raised.value.code == 400
    return str(raised.value)


@pytest.mark.parametrize('body', [
    {'server': {'name': 'x'}},
    {'server': {'name': 'x', 'count': 3, 'nested': {'deep': 'y'},
                'tags': ['a']}},
])
def test_valid_body_passes(body):
    assert validation.validate(body, SCHEMA) is None


@pytest.mark.parametrize('body, detail', [
    ({'server': {'name': 'x', 'count': 0}},
     'Invalid input for field/attribute count. Value: 0. '
     '0 is less than the minimum of 1'),
    ({'server': {'name': 'x', 'nested': {'deep': 5}}},
     "Invalid input for field/attribute deep. Value: 5. "
     "5 is not of type 'string'"),
    ({'server': {'name': ''}},
     "Invalid input for field/attribute name. Value: . "
     "'' should be non-empty"),
    ({'server': {'name': 'x', 'tags': ['ok', 7]}},
     "Invalid input for field/attribute 1. Value: 7. "
     "7 is not of type 'string'"),
    ({'server': {}},
     "Invalid input for field/attribute server. Value: {}. "
     "'name' is a required property"),
])
def test_error_names_innermost_field(body, detail):
    assert _detail(body) == detail


@pytest.mark.parametrize('body, detail', [
    ({}, "'server' is a required property"),
    ({'server': {'name': 'x'}, 'extra': 1},
     "Additional properties are not allowed ('extra' was unexpected)"),
    ([], "[] is not of type 'object'"),
])
def test_top_level_error_has_no_field(body, detail):
    assert _detail(body) == detail


def test_long_value_is_shortened_in_message():
    detail = _detail({'server': {'name': 'x', 'count': 'n' * 200}})

    shown = detail.split('Value: ', 1)[1].split('. ', 1)[0]
    assert shown == 'n' * 117 + '...'


@pytest.mark.parametrize('server, field', [
    ({'name': 'vm', 'flavorRef': '1', 'imageRef': 'i', 'min_count': 0},
     'min_count'),
    ({'name': ' vm', 'flavorRef': '1', 'imageRef': 'i'}, 'name'),
    ({'name': 'vm', 'flavorRef': '1', 'imageRef': 'i',
      'networks': [{'uuid': 5}]}, 'uuid'),
    ({'name': 'vm', 'flavorRef': '1', 'imageRef': 'i',
      'metadata': {'key': 1}}, 'key'),
    ({'name': 'vm', 'flavorRef': '', 'imageRef': 'i'}, 'flavorRef'),
])
def test_server_create_schema_names_field(server, field):
    detail = _detail({'server': server}, servers.CREATE['2.1'])

    assert detail.startswith('Invalid input for field/attribute %s. ' %
                             field)


@pytest.mark.parametrize('user_data', [
    '%%%', 'aGVsbG8=!', 'aGVs bG8=\u00e9', 'aGVsbG8'])
def test_user_data_with_characters_outside_base64_is_refused(user_data):
    # Python's lenient decoder took '%%%' as empty user data.
    body = {'server': {'name': 'x', 'flavorRef': '1', 'imageRef': 'i',
                       'user_data': user_data}}
    assert 'user_data' in _detail(body, servers.CREATE['2.1'])


@pytest.mark.parametrize('user_data', [
    'aGVsbG8=', 'aGVs\nbG8=\n', '', 'IyEvYmluL3NoCg=='])
def test_user_data_base64_may_be_wrapped(user_data):
    validation.validate({'server': {'name': 'x', 'flavorRef': '1',
                                    'imageRef': 'i',
                                    'user_data': user_data}},
                        servers.CREATE['2.1'])
