"""trigger_crash_dump in the libvirt driver: ``virDomainInjectNMI`` on a
fake domain (libvirt's error codes become Nova's exceptions), then on
libvirt's test driver through LibvirtDriver."""
import uuid

import libvirt
import pytest

from minicompute import exception
from minicompute.virt import driver as virt_driver
from minicompute.virt.libvirt import guest as libvirt_guest


def _libvirt_error(code: int) -> libvirt.libvirtError:
    error = libvirt.libvirtError('injectNMI failed')
    error.err = (code, 0, 'injectNMI failed', 0, '', None, None, 0, 0)
    return error


class FakeDomain:
    """Records injectNMI calls; ``error`` makes them raise."""

    def __init__(self, error=None):
        self.error = error
        self.nmi_flags = []

    def UUIDString(self):
        return 'c0ffee00-0000-4000-8000-000000000001'

    def injectNMI(self, flags):
        self.nmi_flags.append(flags)
        if self.error is not None:
            raise self.error


def test_inject_nmi_calls_libvirt():
    domain = FakeDomain()
    libvirt_guest.Guest(domain).inject_nmi()
    assert domain.nmi_flags == [0]


@pytest.mark.parametrize('code, error, message', [
    (libvirt.VIR_ERR_NO_SUPPORT, exception.TriggerCrashDumpNotSupported,
     'Triggering crash dump is not supported'),
    (libvirt.VIR_ERR_OPERATION_INVALID, exception.InstanceNotRunning,
     'Instance c0ffee00-0000-4000-8000-000000000001 is not running.'),
    (libvirt.VIR_ERR_NO_DOMAIN, exception.InstanceNotFound,
     'Instance c0ffee00-0000-4000-8000-000000000001 could not be found.'),
])
def test_inject_nmi_errors_become_nova_exceptions(code, error, message):
    guest = libvirt_guest.Guest(FakeDomain(_libvirt_error(code)))
    with pytest.raises(error) as raised:
        guest.inject_nmi()
    assert raised.value.format_message() == message


def test_other_libvirt_errors_pass_through():
    guest = libvirt_guest.Guest(
        FakeDomain(_libvirt_error(libvirt.VIR_ERR_INTERNAL_ERROR)))
    with pytest.raises(libvirt.libvirtError):
        guest.inject_nmi()


def test_base_driver_does_not_support_it(conf):
    class Minimal(virt_driver.ComputeDriver):
        spawn = destroy = get_info = list_instance_uuids = None
        get_available_nodes = get_available_resource = None

    with pytest.raises(NotImplementedError):
        Minimal(conf).trigger_crash_dump(object())


class _Instance:
    def __init__(self, instance_uuid):
        self.uuid = instance_uuid


def test_driver_injects_nmi_into_a_running_test_domain(drv):
    conn = drv._host.get_connection()
    domain_uuid = str(uuid.uuid4())
    domain = conn.defineXML(
        "<domain type='test'><name>nmi-%s</name><uuid>%s</uuid>"
        "<memory unit='MiB'>64</memory><vcpu>1</vcpu>"
        "<os><type>hvm</type></os></domain>" % (domain_uuid, domain_uuid))
    try:
        with pytest.raises(exception.InstanceNotRunning):
            drv.trigger_crash_dump(_Instance(domain_uuid))
        domain.create()
        drv.trigger_crash_dump(_Instance(domain_uuid))
    finally:
        if domain.isActive():
            domain.destroy()
        domain.undefine()
    with pytest.raises(exception.InstanceNotFound):
        drv.trigger_crash_dump(_Instance(domain_uuid))
