"""[DEFAULT] options shared by every minicompute service."""
import os
import socket

from oslo_config import cfg

service_opts = [
    cfg.StrOpt('host',
               default=socket.gethostname(),
               sample_default='<current_hostname>',
               help="""
Name of this node, used as the RPC server name of a compute service and as
the host of every instance it runs.

Possible values:
* A unique name per compute service (a hostname, FQDN or any string)
"""),
    cfg.StrOpt('state_path',
               default=os.path.join(os.path.expanduser('~'),
                                    '.local', 'share', 'minicompute'),
               sample_default='$HOME/.local/share/minicompute',
               help="""
Top-level directory for minicompute's state: the SQLite database, the image
registry and, by default, instance disks.

Related options:
* instances_path, [database] connection
"""),
    cfg.StrOpt('instances_path',
               default='$state_path/instances',
               help="""
Where instance directories (disks, console logs) and the image cache
(``_base``) live on a compute host.

Related options:
* state_path
"""),
    cfg.StrOpt('instance_name_template',
               default='instance-%08x',
               help="""
Template for the hypervisor's name of an instance (the libvirt domain
name), filled with the instance's database id, as Nova's.

Deployments that share one hypervisor (several test deployments on one
libvirtd) need templates that differ, or their first instances clash.

Possible values:
* A %-format string with one integer conversion (``instance-%08x``)
"""),
    cfg.StrOpt('compute_driver',
               default='libvirt.LibvirtDriver',
               help="""
The virt driver a compute service loads, by entry point name in the
``minicompute.compute.drivers`` namespace.

Possible values:
* ``libvirt.LibvirtDriver``
"""),
    cfg.IntOpt('report_interval',
               default=10, min=1,
               help="""
Seconds between service heartbeats written to the database.

Related options:
* service_down_time (should be several times larger)
"""),
    cfg.IntOpt('service_down_time',
               default=60, min=1,
               help="""
Seconds since the last heartbeat after which a service counts as down and
the scheduler stops placing instances on it.

Related options:
* report_interval
"""),
    cfg.IntOpt('instance_build_timeout',
               default=0, min=0,
               help="""
Seconds an instance may stay in BUILD before a compute periodic task sets it
to ERROR. 0 disables the check.
"""),
    cfg.IntOpt('shutdown_timeout',
               default=60, min=0,
               help="""
Seconds to wait for a guest to power itself off (ACPI power button) when it
is stopped, before pulling the plug. 0 pulls the plug at once.

Possible values:
* 0: no clean shutdown, destroy the domain immediately
* a positive number of seconds

Related options:
* [libvirt] wait_soft_reboot_seconds
"""),
    cfg.IntOpt('periodic_interval',
               default=60, min=1,
               help="Seconds between runs of a service's periodic tasks."),
    cfg.StrOpt('concurrency_backend',
               default='threading',
               choices=['threading', 'eventlet'],
               help="""
Concurrency model of the daemons. Native threads are the default, as in Nova;
``eventlet`` monkey-patches the process before anything else is imported.
"""),
    cfg.HostAddressOpt('my_ip', default='127.0.0.1',
                       help="IP address of this host."),
    cfg.StrOpt('default_availability_zone', default='nova',
               help="""
Availability zone of compute hosts that no aggregate puts in a zone.

Possible values:
* A zone name

Related options:
* default_schedule_zone, internal_service_availability_zone
"""),
    cfg.StrOpt('default_schedule_zone',
               help="""
Zone a server is scheduled to when its create request names none; by
default (unset) it may go to any zone.

Possible values:
* A zone name, or unset

Related options:
* default_availability_zone
"""),
    cfg.StrOpt('internal_service_availability_zone', default='internal',
               help="""
Zone shown for the non-compute services in /os-availability-zone/detail.

Possible values:
* A zone name

Related options:
* default_availability_zone
"""),
]

api_listen_opts = [
    cfg.HostAddressOpt('osapi_compute_listen',
                       default='0.0.0.0',
                       help="Address the Compute API listens on."),
    cfg.PortOpt('osapi_compute_listen_port',
                default=8774,
                help="Port the Compute API listens on."),
    cfg.IntOpt('osapi_compute_workers',
               default=16, min=1,
               help="""
Size of the Compute API server's thread pool: how many requests it serves
at once.
"""),
]

ALL_OPTS = service_opts + api_listen_opts


def register_opts(conf: cfg.ConfigOpts) -> None:
    conf.register_opts(ALL_OPTS)


def list_opts():
    return {'DEFAULT': ALL_OPTS}
