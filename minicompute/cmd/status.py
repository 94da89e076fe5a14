"""minicompute-status upgrade check: is this deployment ready to serve?

Checks that the database answers, that its schema is at the code's head,
that services have reported in, and, one check each, what a compute needs
to build servers (qemu-img, libvirt, a writable instances_path the QEMU
user can reach): probed on this machine with this config, and read from
every compute that disabled itself for it (compute/host_health.py). Exits
0 (all pass), 1 (warnings) or 2 (failures), as Nova's status command does.
"""
from __future__ import annotations

import functools
import sys

from oslo_config import cfg

SUCCESS, WARNING, FAILURE = 0, 1, 2
_NAMES = {SUCCESS: 'Success', WARNING: 'Warning', FAILURE: 'Failure'}


def _check_database(conf, probe=None):
    from minicompute.db import migration
    try:
        current, head = migration.db_version(), migration.head_version()
    except Exception as e:
        return FAILURE, 'Database unreachable: %s' % e
    if current != head:
        return FAILURE, ('Schema is at %s, code expects %s: run '
                         'minicompute-manage db sync' % (current, head))
    return SUCCESS, 'Schema is at %s' % head


def _check_services(conf, probe=None):
    from minicompute import servicegroup
    from minicompute.db import api as db_api
    try:
        services = db_api.service_get_all()
    except Exception as e:
        return FAILURE, 'Cannot list services: %s' % e
    down = ['%s@%s' % (s.binary, s.host) for s in services
            if not servicegroup.service_is_up(s, conf.service_down_time)]
    binaries = {s.binary for s in services}
    missing = sorted({'minicompute-conductor', 'minicompute-scheduler',
                      'minicompute-compute'} - binaries)
    if missing:
        return WARNING, 'No service has registered for: %s' % \
            ', '.join(missing)
    if down:
        return WARNING, 'Services down: %s' % ', '.join(sorted(down))
    return SUCCESS, '%d services up' % len(services)


class HostProbe:
    """What the compute checks look at, gathered once per run: the
    driver's checks on this machine, and the compute services' records."""

    def __init__(self, conf):
        self.conf = conf

    @functools.cached_property
    def local_problems(self) -> dict:
        from minicompute import exception
        from minicompute.virt import driver as virt_driver
        try:
            driver = virt_driver.load_compute_driver(self.conf)
        except exception.DriverLoadError:
            return {}
        return {problem.check: problem for problem in driver.check_host()}

    @functools.cached_property
    def computes(self) -> list:
        from minicompute.compute import host_health
        from minicompute.db import api as db_api
        try:
            return db_api.service_get_all(
                binary=host_health.COMPUTE_BINARY)
        except Exception:
            return []         # the database check reports why

    def disabled_for(self, check: str) -> list[str]:
        from minicompute.compute import host_health
        from minicompute.virt.libvirt import host_checks
        return sorted(service.host for service in self.computes
                      if service.disabled and check in
                      host_health.checks_in_reason(service.disabled_reason,
                                                   host_checks.CHECKS))

    @property
    def is_compute_host(self) -> bool:
        return any(service.host == self.conf.host
                   for service in self.computes)


def _host_check(check: str):
    """The status check for one of the compute's start-up checks."""
    def run(conf, probe):
        from minicompute.virt.libvirt import host_checks
        fix = 'To fix: %s.' % host_checks.FIXES[check]
        disabled = probe.disabled_for(check)
        local = probe.local_problems.get(check)
        here = 'On this host (%s): %s.' % (conf.host, local.reason) \
            if local else ''
        if disabled:
            return FAILURE, ' '.join(filter(None, [
                'Disabled itself for it: %s.' % ', '.join(disabled),
                here, fix]))
        if local and probe.is_compute_host:
            return FAILURE, '%s %s' % (here, fix)
        if local:
            # Only where a compute runs does this matter.
            return WARNING, '%s No compute is registered for this host: ' \
                            'it matters only if one will run here. %s' % (
                                here, fix)
        return SUCCESS, 'Passes on this host; no compute is disabled for it'
    return run


def _checks():
    from minicompute.virt.libvirt import host_checks
    titles = {host_checks.QEMU_IMG: 'qemu-img',
              host_checks.LIBVIRT: 'libvirt',
              host_checks.INSTANCES_PATH: 'instances_path',
              host_checks.QEMU_ACCESS: 'QEMU access'}
    return (('Database schema', _check_database),
            ('Services', _check_services)) + tuple(
        (titles[name], _host_check(name)) for name in host_checks.CHECKS)

category_opt = cfg.SubCommandOpt(
    'category', title='Commands',
    handler=lambda sub: sub.add_parser('upgrade').add_argument(
        'action', choices=['check']))


def main(argv: list[str] | None = None) -> int:
    from minicompute import conf as mc_conf
    from minicompute.cmd import common
    from minicompute.db import api as db_api
    conf = mc_conf.CONF
    conf.register_cli_opt(category_opt)
    common.register_logging(conf)
    conf.set_default('use_stderr', True)
    common.parse_args(sys.argv if argv is None else argv, conf)
    db_api.configure(conf)
    worst = SUCCESS
    probe = HostProbe(conf)
    for title, check in _checks():
        code, detail = check(conf, probe)
        worst = max(worst, code)
        print('Check: %-16s Result: %-8s %s' % (title, _NAMES[code],
                                                 detail))
    return worst
