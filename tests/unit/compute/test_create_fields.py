"""What compute.api derives and checks for a create: hostnames (2.3),
personality quotas (below 2.57) and the requested destination (2.74)."""
import pytest

from minicompute import exception
from minicompute.compute import api as compute_api
from minicompute.compute import instance_names

UUID = '6d8a1c2e-0a44-4f1b-9d5e-3f7c2b1a0e99'


@pytest.mark.parametrize('name, hostname', [
    ('web', 'web'),
    ('Web_Server 01', 'web-server-01'),
    ('a.b.c', 'a.b.c'),
    ('--Edge--', 'edge'),
    ('caf\u00e9 \u6771\u4eac', 'caf\u00e9'),
    ('x' * 70, 'x' * 63),
    ('$$$', ''),
])
def test_sanitize_hostname(name, hostname):
    assert instance_names.sanitize_hostname(name) == hostname


def test_an_unusable_name_gets_the_default():
    assert instance_names.sanitize_hostname('!!!', 'Server-1') == 'Server-1'


@pytest.mark.parametrize('name, count, index, expected', [
    ('Web', 1, 0, ('Web', 'web')),
    ('Web', 3, 1, ('Web-2', 'web-2')),
    ('\u6771\u4eac', 1, 0, ('\u6771\u4eac', 'Server-%s' % UUID)),
    ('\u6771\u4eac', 2, 0, ('\u6771\u4eac-1', 'Server-%s' % UUID)),
])
def test_names_for_each_instance(name, count, index, expected):
    assert instance_names.for_instance(name, count, index, UUID) == expected


def _files(count, path='/etc/motd', contents='aGk='):
    return [(path, contents)] * count


@pytest.mark.parametrize('files, error, message', [
    (_files(6), exception.OnsetFileLimitExceeded,
     'Personality file limit exceeded'),
    (_files(1, path='/' * 256), exception.OnsetFilePathLimitExceeded,
     'Personality file path exceeds maximum 255'),
    (_files(1, contents='A' * 10241),
     exception.OnsetFileContentLimitExceeded,
     'Personality file content exceeds maximum 10240'),
])
def test_injected_files_over_quota_are_403(conf, db, files, error,
                                           message):
    with pytest.raises(error) as raised:
        compute_api.check_injected_files(conf, 'p', files)
    assert raised.value.code == 403
    assert raised.value.format_message() == message


def test_injected_files_within_quota_pass(conf, db):
    compute_api.check_injected_files(conf, 'p', _files(5))
    compute_api.check_injected_files(conf, 'p', [])
    conf.set_override('injected_files', -1, group='quota')
    compute_api.check_injected_files(conf, 'p', _files(50))


def test_requested_destination(ctx, make_host):
    make_host('h1')

    assert compute_api._requested_destination(ctx, None, None) is None
    destination = compute_api._requested_destination(ctx, 'h1', 'h1')
    assert (destination.host, destination.node) == ('h1', 'h1')
    destination = compute_api._requested_destination(ctx, None, 'h1')
    assert (destination.host, destination.node) == (None, 'h1')
    for host, node, named in (('nope', None, 'nope'), ('h1', 'nope', 'h1'),
                              (None, 'nope', 'nope')):
        with pytest.raises(exception.ComputeHostNotFound) as raised:
            compute_api._requested_destination(ctx, host, node)
        assert raised.value.format_message() == \
            'Compute host %s could not be found.' % named
