"""requested_backend: which concurrency backend a process asks for, read
from the environment or the config files on its command line."""
import pytest

from minicompute import concurrency

ENV = concurrency.ENV_VAR


def _conf(path, backend=None, body=None):
    if body is None:
        body = '[DEFAULT]\n'
        if backend:
            body += 'concurrency_backend = %s\n' % backend
    path.write_text(body)
    return str(path)


@pytest.mark.parametrize('argv_of', [
    lambda f: ['prog', '--config-file', f],
    lambda f: ['prog', '--config-file=%s' % f],
    lambda f: ['prog', '--debug', '--config-file', f, '--verbose'],
], ids=['separate', 'equals', 'among-others'])
def test_config_file_flag_forms(tmp_path, argv_of):
    conf_file = _conf(tmp_path / 'a.conf', 'eventlet')

    assert concurrency.requested_backend(argv_of(conf_file), {}) == \
        'eventlet'


@pytest.mark.parametrize('separate', [True, False])
def test_config_dir_reads_conf_files_only(tmp_path, separate):
    conf_dir = tmp_path / 'conf.d'
    conf_dir.mkdir()
    _conf(conf_dir / '10-backend.conf', 'eventlet')
    _conf(conf_dir / '20-other.conf.sample', 'threading')
    _conf(conf_dir / 'README', 'threading')
    argv = (['prog', '--config-dir', str(conf_dir)] if separate
            else ['prog', '--config-dir=%s' % conf_dir])

    assert concurrency.requested_backend(argv, {}) == 'eventlet'


def test_later_file_wins(tmp_path):
    first = _conf(tmp_path / 'a.conf', 'eventlet')
    second = _conf(tmp_path / 'b.conf', 'threading')

    assert concurrency.requested_backend(
        ['p', '--config-file', first, '--config-file', second], {}) == \
        'threading'
    assert concurrency.requested_backend(
        ['p', '--config-file', second, '--config-file', first], {}) == \
        'eventlet'


def test_config_dir_files_in_name_order(tmp_path):
    conf_dir = tmp_path / 'conf.d'
    conf_dir.mkdir()
    _conf(conf_dir / '20.conf', 'threading')
    _conf(conf_dir / '10.conf', 'eventlet')

    assert concurrency.requested_backend(
        ['p', '--config-dir', str(conf_dir)], {}) == 'threading'


@pytest.mark.parametrize('environ, expected', [
    ({ENV: 'eventlet'}, 'eventlet'),
    ({ENV: 'threading'}, 'threading'),
    # An empty variable is as good as unset.
    ({ENV: ''}, 'eventlet'),
    ({}, 'eventlet'),
])
def test_environment_variable_overrides_file(tmp_path, environ, expected):
    conf_file = _conf(tmp_path / 'a.conf', 'eventlet')

    assert concurrency.requested_backend(['p', '--config-file', conf_file],
                                         environ) == expected


def test_environment_alone(tmp_path):
    assert concurrency.requested_backend(['p'], {ENV: 'eventlet'}) == \
        'eventlet'


@pytest.mark.parametrize('body', [
    '[DEFAULT]\n',
    '[DEFAULT]\ndebug = true\n',
    # Only [DEFAULT] counts.
    '[oslo_concurrency]\nconcurrency_backend = eventlet\n',
    '',
])
def test_default_is_threading(tmp_path, body):
    conf_file = _conf(tmp_path / 'a.conf', body=body)

    assert concurrency.requested_backend(['p', '--config-file', conf_file],
                                         {}) == 'threading'


def test_no_config_at_all():
    assert concurrency.requested_backend(['prog'], {}) == 'threading'


@pytest.mark.parametrize('argv', [
    ['p', '--config-file'],
    ['p', '--config-file='],
    ['p', '--config-dir'],
])
def test_flag_without_value_ignored(argv):
    assert concurrency.requested_backend(argv, {}) == 'threading'


@pytest.mark.parametrize('make', [
    pytest.param(lambda p: str(p / 'missing.conf'), id='missing-file'),
    pytest.param(lambda p: str(p), id='directory-as-file'),
    pytest.param(lambda p: str(p / 'missing.d'), id='missing-dir'),
    pytest.param(lambda p: _conf(p / 'g.conf', body='no section header\n'),
                 id='no-section'),
    pytest.param(lambda p: _conf(p / 'g.conf', body='[DEFAULT\nx = 1\n'),
                 id='broken-section'),
    # A parse error anywhere discards what was read before it.
    pytest.param(lambda p: _conf(p / 'g.conf',
                                 body='[DEFAULT]\nconcurrency_backend = '
                                      'eventlet\nnot an option line\n'),
                 id='valid-line-then-garbage'),
])
def test_unreadable_or_garbage_config_means_threading(tmp_path, make):
    target = make(tmp_path)

    assert concurrency.requested_backend(['p', '--config-file', target],
                                         {}) == 'threading'


def test_binary_garbage_config_means_threading(tmp_path):
    garbage = tmp_path / 'garbage.conf'
    garbage.write_bytes(b'\xff\xfe\x00\x81garbage\x00')

    assert concurrency.requested_backend(['p', '--config-file',
                                          str(garbage)], {}) == 'threading'
