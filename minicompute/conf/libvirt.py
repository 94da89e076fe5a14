"""[libvirt] options for the libvirt compute driver."""
from oslo_config import cfg

from minicompute.conf import groups

libvirt_group = cfg.OptGroup('libvirt', title='Libvirt options',
                             help='Options for the libvirt virt driver.')

libvirt_opts = [
    cfg.StrOpt('connection_uri',
               default='test:///default',
               help="""
libvirt connection URI.

Possible values:
* ``test:///default``: libvirt's built-in test driver (a real libvirt API over
  a simulated hypervisor; the default, for development and tests)
* ``qemu:///system``: a real libvirtd with QEMU/KVM guests

Related options:
* virt_type
"""),
    cfg.StrOpt('virt_type',
               default='qemu',
               choices=['kvm', 'qemu'],
               help="""
Domain type for QEMU connections: ``kvm`` needs /dev/kvm, ``qemu`` is pure
emulation (TCG). Ignored by the test driver.

Related options:
* connection_uri
"""),
    cfg.IntOpt('wait_for_running_timeout', default=60, min=1,
               help="Seconds to wait for a launched domain to run."),
    cfg.IntOpt('wait_soft_reboot_seconds', default=120, min=1,
               help="""
Seconds to wait for a guest to shut down during a SOFT reboot (ACPI power
button) before falling back to a HARD reboot (destroy and start).

Possible values:
* a positive number of seconds

Related options:
* [DEFAULT] shutdown_timeout
"""),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    groups.register(conf, libvirt_group, libvirt_opts)


def list_opts():
    return {libvirt_group: libvirt_opts}
