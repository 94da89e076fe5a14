"""minicompute-status upgrade check: is this deployment ready to serve?

Checks that the database answers, that its schema is at the code's head and
that services have reported in; exits 0 (all pass), 1 (warnings) or 2
(failures), as Nova's status command does.
"""
from __future__ import annotations

import sys

from oslo_config import cfg

SUCCESS, WARNING, FAILURE = 0, 1, 2
_NAMES = {SUCCESS: 'Success', WARNING: 'Warning', FAILURE: 'Failure'}


def _check_database(conf):
    from minicompute.db import migration
    try:
        current, head = migration.db_version(), migration.head_version()
    except Exception as e:
        return FAILURE, 'Database unreachable: %s' % e
    if current != head:
        return FAILURE, ('Schema is at %s, code expects %s: run '
                         'minicompute-manage db sync' % (current, head))
    return SUCCESS, 'Schema is at %s' % head


def _check_services(conf):
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


CHECKS = (('Database schema', _check_database),
          ('Services', _check_services))

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
    for title, check in CHECKS:
        code, detail = check(conf)
        worst = max(worst, code)
        print('Check: %-16s Result: %-8s %s' % (title, _NAMES[code],
                                                 detail))
    return worst
