"""Availability zone strings and scheduler hints of a create request."""
import types

import pytest

from minicompute import availability_zones, exception
from minicompute.compute import scheduler_hints

U = '11111111-2222-3333-4444-555555555555'


def _conf(default_schedule_zone=None):
    return types.SimpleNamespace(default_schedule_zone=default_schedule_zone)


@pytest.mark.parametrize('requested, default, expected', [
    (None, None, (None, None, None)),
    (None, 'az9', ('az9', None, None)),
    ('az1', None, ('az1', None, None)),
    ('az1:h1', None, ('az1', 'h1', None)),
    ('az1:h1:n1', None, ('az1', 'h1', 'n1')),
    ('az1::n1', None, ('az1', None, 'n1')),
    (':h1', None, (None, 'h1', None)),
    (':h1', 'az9', ('az9', 'h1', None)),
])
def test_parse_requested_zone(requested, default, expected):
    assert availability_zones.parse_requested(
        _conf(default), requested) == expected


def test_unparsable_zone():
    with pytest.raises(exception.InvalidInput):
        availability_zones.parse_requested(_conf(), 'a:b:c:d')


@pytest.mark.parametrize('hints, expected', [
    ({}, {}),
    ({'group': U}, {'group': [U]}),
    ({'same_host': U}, {'same_host': [U]}),
    ({'different_host': [U, U]}, {'different_host': [U, U]}),
    ({'query': '["=", "$host", "a"]'}, {'query': ['["=", "$host", "a"]']}),
    ({'query': ['=', '$host', 'a']}, {'query': ['["=", "$host", "a"]']}),
    ({'custom': 3}, {'custom': ['3']}),
])
def test_normalize_hints(hints, expected):
    assert scheduler_hints.normalize_hints(hints) == expected


@pytest.mark.parametrize('hints', [
    {'group': 'not-a-uuid'}, {'group': [U]}, {'same_host': 'x'},
    {'different_host': [U, 'x']},
])
def test_bad_hints(hints):
    with pytest.raises(exception.ValidationError):
        scheduler_hints.normalize_hints(hints)
