"""minicompute-manage: database, flavor, image and service administration.

    minicompute-manage db sync | db version
    minicompute-manage flavor create NAME --ram MB --vcpus N --disk GB
    minicompute-manage flavor list
    minicompute-manage image create NAME --file PATH [--disk-format F]
    minicompute-manage image list
    minicompute-manage service list
"""
from __future__ import annotations

import sys

from oslo_config import cfg

_COMMANDS = {}


def command(category: str, action: str):
    def register(func):
        _COMMANDS[(category, action)] = func
        return func
    return register


def _add_parsers(subparsers):
    db = subparsers.add_parser('db').add_subparsers(dest='action')
    sync = db.add_parser('sync', help='Create or upgrade the schema.')
    sync.add_argument('--version', default=None)
    db.add_parser('version', help='Print the schema version.')

    flavor = subparsers.add_parser('flavor').add_subparsers(dest='action')
    create = flavor.add_parser('create', help='Create a flavor.')
    create.add_argument('resource_name', metavar='NAME')
    create.add_argument('--ram', type=int, required=True, help='MB')
    create.add_argument('--vcpus', type=int, required=True)
    create.add_argument('--disk', type=int, required=True, help='GB')
    create.add_argument('--ephemeral', type=int, default=0, help='GB')
    create.add_argument('--swap', type=int, default=0, help='MB')
    create.add_argument('--id', default=None, help='flavor id (default: '
                                                   'a UUID)')
    create.add_argument('--private', action='store_true')
    flavor.add_parser('list', help='List flavors.')

    image = subparsers.add_parser('image').add_subparsers(dest='action')
    create = image.add_parser('create', help='Register an image file.')
    create.add_argument('resource_name', metavar='NAME')
    create.add_argument('--file', required=True)
    create.add_argument('--disk-format', default='raw',
                        choices=['raw', 'qcow2', 'aki', 'ari', 'ami'])
    create.add_argument('--container-format', default='bare',
                        choices=['bare', 'aki', 'ari', 'ami'])
    create.add_argument('--property', action='append', default=[],
                        metavar='KEY=VALUE')
    image.add_parser('list', help='List images.')

    service = subparsers.add_parser('service').add_subparsers(dest='action')
    service.add_parser('list', help='List services and whether they are up.')


category_opt = cfg.SubCommandOpt('category', title='Command categories',
                                 handler=_add_parsers)


@command('db', 'sync')
def db_sync(conf, args):
    from minicompute.db import migration
    migration.db_sync(args.version)
    print('Database schema is at %s' % migration.db_version())


@command('db', 'version')
def db_version(conf, args):
    from minicompute.db import migration
    print(migration.db_version() or 'None (empty database)')


@command('flavor', 'create')
def flavor_create(conf, args):
    from minicompute.db import api as db_api
    values = {'name': args.resource_name, 'memory_mb': args.ram,
              'vcpus': args.vcpus,
              'root_gb': args.disk, 'ephemeral_gb': args.ephemeral,
              'swap': args.swap, 'is_public': not args.private,
              'extra_specs': {}}
    if args.id:
        values['flavorid'] = args.id
    row = db_api.flavor_create(values)
    print('Created flavor %s (id %s)' % (row.name, row.flavorid))


@command('flavor', 'list')
def flavor_list(conf, args):
    from minicompute.db import api as db_api
    print('%-38s %-16s %8s %6s %6s' % ('ID', 'Name', 'RAM', 'VCPUs',
                                       'Disk'))
    for row in db_api.flavor_get_all():
        print('%-38s %-16s %8d %6d %6d' % (row.flavorid, row.name,
                                           row.memory_mb, row.vcpus,
                                           row.root_gb))


def _properties(pairs):
    properties = {}
    for pair in pairs:
        key, sep, value = pair.partition('=')
        if not sep or not key:
            raise SystemExit('--property takes KEY=VALUE, not %r' % pair)
        properties[key] = value
    return properties


@command('image', 'create')
def image_create(conf, args):
    from minicompute import context
    from minicompute.image import registry
    row = registry.create(conf, context.get_admin_context(),
                          args.resource_name,
                          source_path=args.file,
                          disk_format=args.disk_format,
                          container_format=args.container_format,
                          properties=_properties(args.property))
    print('Created image %s (id %s, %d bytes)' % (row.name, row.id,
                                                  row.size))


@command('image', 'list')
def image_list(conf, args):
    from minicompute.db import api as db_api
    print('%-38s %-20s %-8s %12s' % ('ID', 'Name', 'Status', 'Size'))
    for row in db_api.image_get_all():
        print('%-38s %-20s %-8s %12s' % (row.id, row.name, row.status,
                                         row.size))


@command('service', 'list')
def service_list(conf, args):
    from minicompute import servicegroup
    from minicompute.db import api as db_api
    print('%-24s %-22s %-9s %-6s %s' % ('Binary', 'Host', 'Status',
                                        'State', 'Updated'))
    for row in db_api.service_get_all():
        up = servicegroup.service_is_up(row, conf.service_down_time)
        print('%-24s %-22s %-9s %-6s %s' % (
            row.binary, row.host, 'disabled' if row.disabled else 'enabled',
            'up' if up else 'down', servicegroup.last_heartbeat(row)))


def main(argv: list[str] | None = None) -> int:
    from minicompute import conf as mc_conf
    from minicompute import exception
    from minicompute.cmd import common
    from minicompute.db import api as db_api
    argv = sys.argv if argv is None else argv
    conf = mc_conf.CONF
    conf.register_cli_opt(category_opt)
    # Command output goes to stdout; logs must not mix into it.
    common.register_logging(conf)
    conf.set_default('use_stderr', True)
    common.parse_args(argv, conf)
    category = conf.category.name
    action = getattr(conf.category, 'action', None)
    handler = _COMMANDS.get((category, action))
    if handler is None:
        print('Usage: minicompute-manage %s {%s}' % (category, ','.join(
            a for c, a in _COMMANDS if c == category)), file=sys.stderr)
        return 2
    db_api.configure(conf)
    try:
        handler(conf, conf.category)
    except exception.MinicomputeException as e:
        print('Error: %s' % e.format_message(), file=sys.stderr)
        return 1
    return 0
