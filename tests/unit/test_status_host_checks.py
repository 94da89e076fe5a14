"""minicompute-status upgrade check has one check per compute host
condition: it fails for a compute that disabled itself for it, and for a
problem it finds on this machine when a compute is registered here."""
import pytest

from minicompute.cmd import status
from minicompute.compute import host_health
from minicompute.virt import driver as virt_driver


def _run(conf, check):
    (run,) = [fn for title, fn in status._checks() if title == check]
    return run(conf, status.HostProbe(conf))


@pytest.fixture
def conf(conf, tmp_path):
    conf.set_override('instances_path', str(tmp_path / 'instances'))
    conf.set_override('host', 'this-host')
    return conf


def test_every_condition_has_its_check():
    titles = [title for title, _fn in status._checks()]
    assert titles == ['Database schema', 'Services', 'qemu-img', 'libvirt',
                      'instances_path', 'QEMU access']


def test_all_pass_on_a_working_host(conf, db):
    for title in ('qemu-img', 'libvirt', 'instances_path', 'QEMU access'):
        code, detail = _run(conf, title)
        assert code == status.SUCCESS, (title, detail)


def test_a_compute_disabled_for_a_condition_fails_its_check(conf,
                                                            make_service):
    reason = host_health.disabled_reason([virt_driver.HostProblem(
        'qemu-img', 'qemu-img is not on the PATH', 'install it')])
    make_service('cpu7', disabled=True, disabled_reason=reason)
    code, detail = _run(conf, 'qemu-img')
    assert code == status.FAILURE
    assert 'cpu7' in detail and 'qemu-utils' in detail
    assert _run(conf, 'libvirt')[0] == status.SUCCESS


def test_an_operators_disable_is_not_a_host_problem(conf, make_service):
    make_service('cpu7', disabled=True, disabled_reason='qemu-img: later')
    assert _run(conf, 'qemu-img')[0] == status.SUCCESS


def test_a_local_problem_fails_where_a_compute_runs(conf, make_service,
                                                    tmp_path, monkeypatch):
    empty = tmp_path / 'bin'
    empty.mkdir()
    monkeypatch.setenv('PATH', str(empty))
    code, detail = _run(conf, 'qemu-img')
    # No compute registered for this host: only a warning.
    assert code == status.WARNING, detail
    assert 'On this host (this-host)' in detail
    make_service('this-host')
    assert _run(conf, 'qemu-img')[0] == status.FAILURE
