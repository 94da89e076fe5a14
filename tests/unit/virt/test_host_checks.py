"""The libvirt host's start-up checks, each against the real thing: a PATH
without qemu-img, a libvirt socket that is not there, an instances_path
that cannot be written, directories the QEMU user cannot search."""
import os
import shutil
import stat
import tempfile

import pytest

from minicompute.virt.libvirt import driver as libvirt_driver
from minicompute.virt.libvirt import host as libvirt_host
from minicompute.virt.libvirt import host_checks


@pytest.fixture
def searchable_tmp():
    """A directory every user can reach (pytest's tmp_path sits under a
    0700 directory, which would hide what the QEMU check looks at)."""
    path = tempfile.mkdtemp(prefix='mc-qemu-access-', dir='/var/tmp')
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _executable(path):
    path.write_text('#!/bin/sh\nexit 0\n')
    path.chmod(0o755)


# -- qemu-img ---------------------------------------------------------------

def test_qemu_img_missing_from_path_is_a_problem(tmp_path, monkeypatch):
    empty = tmp_path / 'bin'
    empty.mkdir()
    monkeypatch.setenv('PATH', str(empty))
    problem = host_checks.check_qemu_img()
    assert problem.check == 'qemu-img'
    assert str(empty) in problem.reason
    assert 'qemu-utils' in problem.fix


def test_qemu_img_on_path_passes(tmp_path, monkeypatch):
    bin_dir = tmp_path / 'bin'
    bin_dir.mkdir()
    _executable(bin_dir / 'qemu-img')
    monkeypatch.setenv('PATH', str(bin_dir))
    assert host_checks.check_qemu_img() is None


def test_qemu_img_that_is_not_executable_is_a_problem(tmp_path,
                                                      monkeypatch):
    bin_dir = tmp_path / 'bin'
    bin_dir.mkdir()
    (bin_dir / 'qemu-img').write_text('not a program')
    monkeypatch.setenv('PATH', str(bin_dir))
    assert host_checks.check_qemu_img().check == 'qemu-img'


# -- libvirt ------------------------------------------------------------------

def test_unreachable_libvirt_is_a_problem(tmp_path):
    uri = 'qemu+unix:///system?socket=%s/absent.sock' % tmp_path
    problem = host_checks.check_libvirt(libvirt_host.Host(uri, 'h1'))
    assert problem.check == 'libvirt'
    assert uri in problem.reason
    assert 'absent.sock' in problem.reason     # libvirt's own words
    assert 'libvirtd' in problem.fix


def test_reachable_libvirt_passes():
    host = libvirt_host.Host('test:///default', 'h1')
    try:
        assert host_checks.check_libvirt(host) is None
    finally:
        host.close()


# -- instances_path ---------------------------------------------------------

def test_instances_path_is_created_and_passes(tmp_path):
    path = tmp_path / 'a' / 'instances'
    assert host_checks.check_instances_path(str(path)) is None
    assert path.is_dir()
    assert list(path.iterdir()) == []           # the probe file is gone


def test_instances_path_that_cannot_be_created_is_a_problem(tmp_path):
    # A regular file in the way stops root as well as anyone.
    (tmp_path / 'file').write_text('')
    path = tmp_path / 'file' / 'instances'
    problem = host_checks.check_instances_path(str(path))
    assert problem.check == 'instances_path'
    assert str(path) in problem.reason
    assert 'uid %d' % os.getuid() in problem.reason


@pytest.mark.skipif(os.getuid() == 0, reason='root writes anywhere')
def test_instances_path_without_write_permission_is_a_problem(tmp_path):
    path = tmp_path / 'instances'
    path.mkdir()
    path.chmod(0o555)
    try:
        problem = host_checks.check_instances_path(str(path))
    finally:
        path.chmod(0o755)
    assert problem.check == 'instances_path'
    assert 'Permission denied' in problem.reason


# -- QEMU's access to instances_path -----------------------------------------

def test_directory_the_qemu_user_cannot_search_is_a_problem(searchable_tmp):
    private = os.path.join(searchable_tmp, 'private')
    path = os.path.join(private, 'instances')
    os.makedirs(path)
    os.chmod(private, 0o700)
    problem = host_checks.check_qemu_access(path, 'nobody')
    assert problem.check == 'qemu_access'
    assert private in problem.reason and 'drwx------' in problem.reason
    assert 'chmod o+x' in problem.fix


def test_searchable_directories_pass(searchable_tmp):
    path = os.path.join(searchable_tmp, 'open', 'instances')
    os.makedirs(path)
    os.chmod(os.path.dirname(path), 0o711)
    assert host_checks.check_qemu_access(path, 'nobody') is None


@pytest.mark.skipif(os.getuid() != 0, reason='chown needs root')
def test_group_search_permission_counts(searchable_tmp):
    import pwd
    nobody = pwd.getpwnam('nobody')
    group_only = os.path.join(searchable_tmp, 'group-only')
    path = os.path.join(group_only, 'instances')
    os.makedirs(path)
    os.chown(group_only, 0, nobody.pw_gid)
    os.chmod(group_only, 0o710)
    assert host_checks.check_qemu_access(path, 'nobody') is None
    os.chmod(group_only, 0o700)
    assert host_checks.check_qemu_access(path, 'nobody') is not None


def test_unknown_qemu_user_is_a_problem(searchable_tmp):
    problem = host_checks.check_qemu_access(searchable_tmp,
                                            'no-such-user-mc')
    assert 'does not exist' in problem.reason


def test_root_qemu_user_reaches_everything(tmp_path):
    private = tmp_path / 'private'
    private.mkdir(mode=0o700)
    assert host_checks.check_qemu_access(str(private), 'root') is None


def test_qemu_user_comes_from_qemu_conf(tmp_path):
    conf = tmp_path / 'qemu.conf'
    conf.write_text('#user = "libvirt-qemu"\nuser = "qemu-runner"\n')
    assert host_checks.qemu_user(str(conf)) == 'qemu-runner'
    conf.write_text('user = "+64055"\n')
    assert host_checks.qemu_user(str(conf)) == '+64055'


def test_qemu_user_defaults_to_the_distribution_user(tmp_path):
    import pwd
    conf = tmp_path / 'qemu.conf'
    conf.write_text('#user = "root"\n')
    expected = None
    for name in ('libvirt-qemu', 'qemu'):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        expected = name
        break
    assert host_checks.qemu_user(str(conf)) == expected


@pytest.mark.parametrize('uri, expected', [
    ('qemu:///system', True),
    ('qemu+unix:///system', True),
    ('qemu+unix:///system?socket=/run/x.sock', True),
    ('qemu:///session', False),
    ('qemu+ssh://other/system', False),
    ('test:///default', False),
])
def test_which_connections_run_qemu_as_its_own_user(uri, expected):
    assert host_checks.qemu_runs_as_own_user(uri) is expected


# -- the driver ---------------------------------------------------------------

def test_driver_check_host_passes_on_a_working_host(conf):
    drv = libvirt_driver.LibvirtDriver(conf)
    try:
        assert drv.check_host() == []
    finally:
        drv.cleanup_host('compute1')


def test_driver_check_host_reports_every_problem(conf, tmp_path,
                                                 monkeypatch):
    (tmp_path / 'file').write_text('')
    conf.set_override('instances_path', str(tmp_path / 'file' / 'inst'))
    conf.set_override('connection_uri', 'qemu+unix:///system?socket=%s'
                      % (tmp_path / 'absent.sock'), group='libvirt')
    empty = tmp_path / 'bin'
    empty.mkdir()
    monkeypatch.setenv('PATH', str(empty))
    drv = libvirt_driver.LibvirtDriver(conf)
    problems = drv.check_host()
    expected = ['qemu-img', 'libvirt', 'instances_path']
    if host_checks.qemu_user() not in (None, 'root'):
        # pytest's tmp_path is under a 0700 directory: QEMU (as its own
        # user) could not reach it.
        expected.append('qemu_access')
        assert 'pytest-of-' in problems[-1].reason
    assert [problem.check for problem in problems] == expected


def test_stat_mode_is_what_the_reason_shows(searchable_tmp):
    os.chmod(searchable_tmp, 0o700)
    try:
        problem = host_checks.check_qemu_access(searchable_tmp, 'nobody')
    finally:
        os.chmod(searchable_tmp, 0o755)
    assert stat.filemode(stat.S_IFDIR | 0o700) in problem.reason
