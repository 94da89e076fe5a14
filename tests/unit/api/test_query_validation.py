"""validation.validate_query: query strings checked as Nova checks them
(each parameter a list of its values; faults name the parameter)."""
import pytest
import webob.multidict

from minicompute import exception
from minicompute.api import validation
from minicompute.api.openstack.compute.schemas import parameter_types

SCHEMA = {
    'type': 'object',
    'properties': {
        'limit': parameter_types.single_param(
            parameter_types.non_negative_integer),
        'tag': parameter_types.multi_params({'type': 'string'}),
        'changes-since': parameter_types.single_param(
            {'type': 'string', 'format': 'date-time'}),
    },
    'additionalProperties': False,
}


def _params(*pairs):
    return webob.multidict.MultiDict(list(pairs))


def _detail(*pairs) -> str:
    with pytest.raises(exception.ValidationError) as raised:
        validation.validate_query(_params(*pairs), SCHEMA)
    assert raised.value.code == 400
    return str(raised.value)


def test_valid_queries_pass():
    validation.validate_query(_params(), SCHEMA)
    validation.validate_query(_params(('limit', '10'), ('tag', 'a'),
                                      ('tag', 'b')), SCHEMA)
    for value in ('2024-05-01T12:00:00Z', '2024-05-01T12:00:00.123456',
                  '2024-05-01T12:00:00+02:00', '2024-05-01'):
        validation.validate_query(_params(('changes-since', value)),
                                  SCHEMA)


def test_faults_name_the_parameter_and_value():
    assert _detail(('limit', '-1')) == (
        "Invalid input for query parameters limit. Value: -1. "
        "'-1' does not match '^[0-9]*$'")
    assert _detail(('limit', '1'), ('limit', '2')) == (
        "Invalid input for query parameters limit. Value: ['1', '2']. "
        "['1', '2'] is too long")
    assert _detail(('changes-since', 'soon')) == (
        "Invalid input for query parameters changes-since. Value: soon. "
        "'soon' is not a 'date-time'")
    assert _detail(('foo', '1')) == (
        "Additional properties are not allowed ('foo' was unexpected)")
