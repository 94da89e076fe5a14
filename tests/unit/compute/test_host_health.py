"""A compute whose host checks fail disables itself with the reason, logs
it once, leaves an operator's disable alone, and enables itself again once
the checks pass; its manager starts the driver only then."""
import logging

import pytest

from minicompute import context as mc_context
from minicompute import objects
from minicompute.compute import host_health
from minicompute.compute import manager as compute_manager
from minicompute.db import api as db_api
from minicompute.virt import driver as virt_driver

QEMU_IMG = virt_driver.HostProblem('qemu-img', 'qemu-img is not on PATH',
                                   'install qemu-utils')
LIBVIRT = virt_driver.HostProblem('libvirt', 'libvirt does not answer',
                                  'start libvirtd')


class _Driver:
    """Only check_host matters to HostHealth."""

    def __init__(self, *problems):
        self.problems = list(problems)

    def check_host(self):
        return list(self.problems)


def _service(host='h1'):
    return db_api.service_get_by_host_and_binary(host,
                                                 'minicompute-compute')


@pytest.fixture
def admin():
    return mc_context.get_admin_context()


def test_a_problem_disables_the_service_with_its_reason(make_service,
                                                        admin):
    make_service('h1')
    health = host_health.HostHealth('h1', _Driver(QEMU_IMG, LIBVIRT))
    assert health.check(admin) == [QEMU_IMG, LIBVIRT]
    row = _service()
    assert row.disabled
    assert row.disabled_reason == ('AUTO: qemu-img: qemu-img is not on '
                                   'PATH; libvirt: libvirt does not answer')
    assert host_health.checks_in_reason(
        row.disabled_reason, ('qemu-img', 'libvirt', 'other')) == [
            'qemu-img', 'libvirt']


def test_each_problem_is_logged_once_with_its_fix(make_service, admin,
                                                  caplog):
    make_service('h1')
    driver = _Driver(QEMU_IMG)
    health = host_health.HostHealth('h1', driver)
    with caplog.at_level(logging.INFO, logger=host_health.__name__):
        health.check(admin)
        health.check(admin)
        driver.problems = []
        health.check(admin)
    errors = [r.getMessage() for r in caplog.records
              if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert 'qemu-img is not on PATH' in errors[0]
    assert 'To fix: install qemu-utils' in errors[0]
    assert any('fixed' in r.getMessage() for r in caplog.records)


def test_passing_checks_enable_an_automatically_disabled_service(
        make_service, admin):
    make_service('h1')
    driver = _Driver(QEMU_IMG)
    health = host_health.HostHealth('h1', driver)
    health.check(admin)
    driver.problems = []
    assert health.check(admin) == []
    row = _service()
    assert not row.disabled and row.disabled_reason is None


def test_an_operators_disable_is_never_undone(make_service, admin):
    make_service('h1', disabled=True, disabled_reason='hardware swap')
    driver = _Driver(QEMU_IMG)
    health = host_health.HostHealth('h1', driver)
    health.check(admin)
    assert _service().disabled_reason == 'hardware swap'
    driver.problems = []
    health.check(admin)
    row = _service()
    assert row.disabled and row.disabled_reason == 'hardware swap'


def test_the_reason_fits_its_column():
    long = virt_driver.HostProblem('qemu-img', 'x' * 400, 'fix')
    reason = host_health.disabled_reason([long])
    assert len(reason) == 255 and reason.startswith('AUTO: qemu-img: ')


def test_reasons_without_the_prefix_name_no_checks():
    assert host_health.checks_in_reason('qemu-img: manual', (
        'qemu-img',)) == []
    assert host_health.checks_in_reason(None, ('qemu-img',)) == []


def test_manager_starts_the_driver_only_once_the_checks_pass(
        conf, make_service, admin, tmp_path, monkeypatch):
    """A real libvirt driver (test:///default) whose instances_path is
    blocked by a file: no start, no node report, until it is fixed."""
    # The build path's conductor client is not used here.
    monkeypatch.setattr(compute_manager.conductor_api, 'ComputeTaskAPI',
                        lambda: None)
    blocker = tmp_path / 'blocker'
    blocker.write_text('')
    conf.set_override('instances_path', str(blocker / 'instances'))
    conf.set_override('host', 'h1')
    make_service('h1')
    manager = compute_manager.ComputeManager(conf, 'h1')
    try:
        manager.init_host()
        row = _service()
        assert row.disabled
        assert row.disabled_reason.startswith('AUTO: instances_path: ')
        assert objects.ComputeNodeList.get_all(admin).objects == []

        manager.update_available_resource(admin)   # waits for the driver
        assert objects.ComputeNodeList.get_all(admin).objects == []

        blocker.unlink()
        manager.check_host_health(admin)
        row = _service()
        assert not row.disabled and row.disabled_reason is None
        assert [node.host for node in objects.ComputeNodeList.get_all(
            admin)] == ['h1']
    finally:
        manager.cleanup_host()
