"""[metadata] options: minicompute-metadata, the service guests read their
instance's metadata from (Nova's nova-api-metadata).

Nova spreads these over three groups; each option here also reads Nova's
spelling (``[DEFAULT] metadata_listen_port``, ``[neutron]
metadata_proxy_shared_secret``, ``[api] vendordata_jsonfile_path``...), so
a nova.conf fragment works unchanged, with a deprecation note in the log.
"""
from oslo_config import cfg

from minicompute.conf import groups

metadata_group = cfg.OptGroup(
    'metadata', title='Metadata service options',
    help='The metadata service (minicompute-metadata), the metadata '
         'proxies that sign requests for it, and what it serves.')

listen_opts = [
    cfg.HostAddressOpt('metadata_listen',
                       default='0.0.0.0',
                       deprecated_group='DEFAULT',
                       help="""
Address the metadata service listens on.

Guests never reach it directly: the metadata proxy in each network's
namespace forwards their requests to it (signed), so it only has to be
reachable from the hosts that run the proxies.

Related options:
* metadata_listen_port
"""),
    cfg.PortOpt('metadata_listen_port',
                default=8775,
                deprecated_group='DEFAULT',
                help="Port the metadata service listens on (Nova's 8775)."),
    cfg.IntOpt('metadata_workers',
               default=8, min=1,
               deprecated_group='DEFAULT',
               help="""
Requests the metadata service handles at once (threads); more wait.
"""),
]

proxy_opts = [
    cfg.StrOpt('metadata_proxy_shared_secret',
               default='',
               secret=True,
               deprecated_group='neutron',
               help="""
The secret shared by the metadata service and the metadata proxies.

A proxy sends the instance it serves as ``X-Instance-ID`` with
``X-Instance-ID-Signature``, the hex HMAC-SHA256 of the instance id under
this secret; the service refuses a request without a valid signature
(403), so a guest cannot ask for another instance's data by sending the
headers itself. Both sides must have the same value. An empty secret still
signs (with the empty key) but protects nothing: set one.

Related options:
* [network] dataplane (the proxies run in its namespaces)
"""),
]

content_opts = [
    cfg.StrOpt('dhcp_domain',
               default='novalocal',
               deprecated_group='api',
               help="""
Domain appended to an instance's hostname in its metadata
(``hostname``, ``local-hostname``), as Nova appends it.

Possible values:
* A domain name, e.g. ``novalocal`` (Nova's default)
* Empty: the bare hostname
"""),
    cfg.ListOpt('vendordata_providers',
                item_type=cfg.types.String(choices=[
                    ('StaticJSON', 'The JSON file at '
                                   'vendordata_jsonfile_path')]),
                default=['StaticJSON'],
                deprecated_group='api',
                help="""
Where vendor_data.json and vendor_data2.json come from.

Possible values:
* ``StaticJSON``: the file named by vendordata_jsonfile_path
* Empty: no vendor data (``vendor_data.json`` is then not found and
  ``vendor_data2.json`` is ``{}``)

Related options:
* vendordata_jsonfile_path
"""),
    cfg.StrOpt('vendordata_jsonfile_path',
               deprecated_group='api',
               help="""
A JSON file served to every guest as vendor data (``vendor_data.json``,
and under ``static`` in ``vendor_data2.json``); unset serves ``{}``.

Related options:
* vendordata_providers
"""),
    cfg.StrOpt('config_drive_skip_versions',
               default=('1.0 2007-01-19 2007-03-01 2007-08-29 2007-10-10 '
                        '2007-12-15 2008-02-01 2008-09-01'),
               deprecated_group='api',
               help="""
EC2 metadata versions, separated by spaces, that the config drive leaves
out (Nova's default keeps only 2009-04-04 and latest).
"""),
    cfg.IntOpt('metadata_cache_expiration',
               default=15, min=0,
               deprecated_group='api',
               help="""
Seconds the metadata service keeps an instance's documents in memory
(a booting guest asks for a dozen of them at once); 0 disables the cache.
A change (a rebuild's new user data) shows after at most this long.
"""),
]

ALL_OPTS = listen_opts + proxy_opts + content_opts

# minicompute-metadata-proxy's command line: one proxy per network.
proxy_cli_opts = [
    cfg.StrOpt('network-id',
               help='The network whose guests this proxy serves (for the '
                    'log).'),
    cfg.StrOpt('netns',
               help='Listen inside this network namespace (an "ip netns" '
                    'name such as qdhcp-<network id>), staying in this '
                    'process\'s own namespace to reach the metadata '
                    'service. Needs CAP_SYS_ADMIN.'),
    cfg.StrOpt('ports-file', required=True,
               help='The file of "address instance_uuid project_id" lines, '
                    'one per port of the network, kept current by the '
                    'dataplane.'),
    cfg.HostAddressOpt('bind-address', default='169.254.169.254',
                       help='Address to listen on.'),
    cfg.PortOpt('bind-port', default=80, help='Port to listen on.'),
    cfg.URIOpt('metadata-url', schemes=['http'],
               help='The metadata service; default '
                    'http://127.0.0.1:[metadata] metadata_listen_port.'),
]


def register_proxy_cli_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_cli_opts(proxy_cli_opts)


def register_opts(conf: cfg.ConfigOpts) -> None:
    groups.register(conf, metadata_group, ALL_OPTS)


def list_opts():
    return {metadata_group: ALL_OPTS}
