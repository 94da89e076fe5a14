"""Microversion parsing from request headers, range checks, ordering."""
import pytest
import webob

from minicompute.api.openstack import api_version_request as avr

NEW = 'OpenStack-API-Version'
LEGACY = 'X-OpenStack-Nova-API-Version'


def _environ_headers(headers):
    return webob.Request.blank('/', headers=headers).headers


def _plain(headers):
    return dict(headers)


@pytest.fixture(params=[_environ_headers, _plain],
                ids=['EnvironHeaders', 'dict'])
def headers_of(request):
    return request.param


@pytest.mark.parametrize('headers, version', [
    ({}, avr.MIN_VERSION),
    ({NEW: 'compute 2.1'}, '2.1'),
    ({NEW: 'COMPUTE 2.1'}, '2.1'),
    ({NEW: '  compute   2.1  '}, '2.1'),
    ({NEW: 'compute latest'}, avr.MAX_VERSION),
    ({NEW: 'compute LATEST'}, avr.MAX_VERSION),
    ({LEGACY: '2.1'}, '2.1'),
    ({LEGACY: 'latest'}, avr.MAX_VERSION),
    ({LEGACY: ''}, avr.MIN_VERSION),
    # Another service's version is not ours: fall back to legacy or min.
    ({NEW: 'volume 3.70'}, avr.MIN_VERSION),
    ({NEW: 'volume 3.70', LEGACY: '2.1'}, '2.1'),
    ({NEW: 'volume 3.70, compute 2.1'}, '2.1'),
    # A service name without a version is ignored.
    ({NEW: 'compute'}, avr.MIN_VERSION),
    # Both headers: the new one wins, even over a bad legacy value.
    ({NEW: 'compute 2.1', LEGACY: '9.9'}, '2.1'),
    ({NEW: 'compute 2.1', LEGACY: 'garbage'}, '2.1'),
])
def test_requested_version(headers_of, headers, version):
    assert str(avr.from_headers(headers_of(headers))) == version


@pytest.mark.parametrize('headers, requested', [
    ({NEW: 'compute 2.200'}, '2.200'),
    ({NEW: 'compute 3.0'}, '3.0'),
    ({NEW: 'compute 1.0'}, '1.0'),
    ({LEGACY: '2.99'}, '2.99'),
    # The legacy header is not consulted when the new one names compute.
    ({NEW: 'compute 2.500', LEGACY: '2.1'}, '2.500'),
])
def test_out_of_range_not_acceptable(headers_of, headers, requested):
    with pytest.raises(avr.MicroversionNotAcceptable) as raised:
        avr.from_headers(headers_of(headers))

    assert raised.value.code == 406
    assert str(raised.value) == (
        'Version %s is not supported by the API. Minimum is %s and '
        'maximum is %s.' % (requested, avr.MIN_VERSION, avr.MAX_VERSION))


@pytest.mark.parametrize('value', [
    '2', '2.', '.1', 'two.one', '2.1.1', '02.1', '2.01', '0.1', '2,1',
    '-2.1', '2.1b',
])
@pytest.mark.parametrize('header', [NEW, LEGACY])
def test_malformed_version(headers_of, header, value):
    if header == NEW:
        value = 'compute ' + value

    with pytest.raises(avr.InvalidMicroversionFormat) as raised:
        avr.from_headers(headers_of({header: value}))

    assert raised.value.code == 400


@pytest.mark.parametrize('low, high', [
    ('2.1', '2.2'),
    ('2.9', '2.10'),
    ('2.99', '3.0'),
    ('1.100', '2.0'),
])
def test_ordering_is_numeric(low, high):
    lo, hi = avr.APIVersionRequest(low), avr.APIVersionRequest(high)

    assert lo < hi and hi > lo and lo <= hi and hi >= lo
    assert lo != hi
    assert sorted([hi, lo]) == [lo, hi]


def test_equal_versions_are_equal_and_hash_alike():
    assert avr.APIVersionRequest('2.10') == avr.APIVersionRequest('2.10')
    assert len({avr.APIVersionRequest('2.1'),
                avr.APIVersionRequest('2.1')}) == 1


@pytest.mark.parametrize('version, low, high, matches', [
    ('2.5', None, None, True),
    ('2.5', '2.5', '2.5', True),
    ('2.5', '2.6', None, False),
    ('2.5', None, '2.4', False),
    ('2.10', '2.9', None, True),
    ('2.10', None, '2.9', False),
])
def test_matches(version, low, high, matches):
    assert avr.APIVersionRequest(version).matches(low, high) is matches


@pytest.mark.parametrize('value', [None, ''])
def test_empty_version_string_is_malformed(value):
    with pytest.raises(avr.InvalidMicroversionFormat):
        avr.APIVersionRequest(value)


def test_bounds_are_ordered():
    assert avr.min_api_version() <= avr.max_api_version()


def test_history_document_covers_every_claimed_version():
    """doc/api_version_history.md has one heading per version (or a range
    of not-applicable versions), in order, and nothing beyond the list."""
    import pathlib
    import re
    doc = (pathlib.Path(__file__).parents[4] / 'doc' /
           'api_version_history.md').read_text()
    covered = []
    for first, last in re.findall(
            r'^### (2\.\d+)(?: – (2\.\d+))? ', doc, re.MULTILINE):
        start, end = int(first[2:]), int((last or first)[2:])
        covered += ['2.%d' % minor for minor in range(start, end + 1)]
    assert covered == [version for version, _ in avr._VERSIONS]


def test_for_version_picks_the_latest_applicable_choice():
    choices = {'2.1': 'a', '2.19': 'b', '2.47': 'c'}
    pick = avr.for_version
    assert pick(avr.APIVersionRequest('2.18'), choices) == 'a'
    assert pick(avr.APIVersionRequest('2.19'), choices) == 'b'
    assert pick(avr.APIVersionRequest('2.79'), choices) == 'c'
    with pytest.raises(ValueError):
        pick(avr.APIVersionRequest('2.1'), {'2.5': 'x'})
