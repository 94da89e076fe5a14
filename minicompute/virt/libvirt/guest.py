"""A libvirt domain as the driver uses it: start, stop, remove, ask its state.

``Guest`` hides libvirt's error codes: a domain that vanished under us
becomes ``InstanceNotFound``, stopping a stopped domain is not an error, and
libvirt's states become minicompute power states.

Usage::

    guest = Guest.define(conn, guest_config.to_xml())
    guest.launch()
    guest.wait_for_running(timeout=60)
"""
from __future__ import annotations

import contextlib
import os
import time
from xml.etree import ElementTree as etree

import libvirt
from oslo_log import log as logging

from minicompute import exception
from minicompute.compute import power_state
from minicompute.virt.libvirt import config as vconfig

LOG = logging.getLogger(__name__)

# How libvirt's domain states map to power states, as Nova maps them.
# BLOCKED is a running guest waiting on I/O; SHUTDOWN is "being shut down",
# which is already no longer serving.
LIBVIRT_POWER_STATE = {
    libvirt.VIR_DOMAIN_NOSTATE: power_state.NOSTATE,
    libvirt.VIR_DOMAIN_RUNNING: power_state.RUNNING,
    libvirt.VIR_DOMAIN_BLOCKED: power_state.RUNNING,
    libvirt.VIR_DOMAIN_PAUSED: power_state.PAUSED,
    libvirt.VIR_DOMAIN_SHUTDOWN: power_state.SHUTDOWN,
    libvirt.VIR_DOMAIN_SHUTOFF: power_state.SHUTDOWN,
    libvirt.VIR_DOMAIN_CRASHED: power_state.CRASHED,
    libvirt.VIR_DOMAIN_PMSUSPENDED: power_state.SUSPENDED,
}

# Power states from which a launched domain will not start running by
# itself, so waiting longer is pointless.
_DEAD_STATES = (power_state.SHUTDOWN, power_state.CRASHED)

_POLL_INTERVAL = 0.2

# Nova's cap on what console output returns: the log's last 100 KiB.
MAX_CONSOLE_BYTES = 100 * 1024


class Guest:
    """Wraps one ``virDomain``."""

    def __init__(self, domain: libvirt.virDomain):
        self._domain = domain
        # Cached: it names the domain in errors even after it is gone.
        self._uuid = domain.UUIDString()

    @classmethod
    def define(cls, conn: libvirt.virConnect, xml: str) -> Guest:
        """Make ``xml`` a persistent (defined, not yet started) domain."""
        return cls(conn.defineXML(xml))

    @property
    def uuid(self) -> str:
        return self._uuid

    def get_metadata(self, namespace: str) -> str | None:
        """The domain's ``<metadata>`` element in ``namespace`` as XML,
        or None when it has none."""
        try:
            return self._domain.metadata(
                libvirt.VIR_DOMAIN_METADATA_ELEMENT, namespace)
        except libvirt.libvirtError as e:
            if e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN_METADATA:
                return None
            raise

    def owner_host(self) -> str | None:
        """The compute host whose minicompute made this domain (its
        ``<metadata>`` says so), or None for a domain minicompute did not
        make."""
        xml = self.get_metadata(vconfig.MINICOMPUTE_NS)
        if xml is None:
            return None
        host = etree.fromstring(xml).find('host')
        return host.text if host is not None else None

    @property
    def name(self) -> str:
        return self._domain.name()

    @property
    def id(self) -> int:
        """The hypervisor's id of a running domain; -1 when inactive."""
        with self._translate_errors():
            return self._domain.ID()

    @contextlib.contextmanager
    def _translate_errors(self):
        """Turn "no such domain" into InstanceNotFound.

        Another thread or an operator may remove the domain between our
        lookup and our call; callers deal with that one case, not with
        libvirt error codes.
        """
        try:
            yield
        except libvirt.libvirtError as e:
            if e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN:
                raise exception.InstanceNotFound(
                    instance_id=self.uuid) from e
            raise

    def launch(self) -> None:
        """Start the defined domain."""
        with self._translate_errors():
            self._domain.create()

    def poweroff(self) -> None:
        """Pull the plug (``virDomainDestroy``); a stopped domain is fine."""
        with self._translate_errors():
            try:
                self._domain.destroy()
            except libvirt.libvirtError as e:
                if (e.get_error_code() == libvirt.VIR_ERR_OPERATION_INVALID
                        and not self._domain.isActive()):
                    return
                raise

    def undefine(self) -> None:
        """Remove the domain's definition, with its NVRAM and managed save.

        Without those flags libvirt refuses to undefine a UEFI guest or one
        with a saved image. Drivers that do not know the flags (the test
        driver rejects NVRAM with VIR_ERR_INVALID_ARG) have nothing of the
        kind to remove, so a plain undefine is then enough.
        """
        flags = (libvirt.VIR_DOMAIN_UNDEFINE_NVRAM |
                 libvirt.VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)
        with self._translate_errors():
            try:
                self._domain.undefineFlags(flags)
            except libvirt.libvirtError as e:
                if e.get_error_code() not in (libvirt.VIR_ERR_INVALID_ARG,
                                              libvirt.VIR_ERR_NO_SUPPORT):
                    raise
                LOG.debug('undefineFlags(%#x) unsupported for %s (%s); '
                          'using plain undefine', flags, self.uuid, e)
                # The test driver knows managed save but not NVRAM, and a
                # plain undefine refuses a domain with a saved image.
                if self._domain.hasManagedSaveImage(0):
                    self._domain.managedSaveRemove(0)
                self._domain.undefine()

    def get_power_state(self) -> int:
        """The domain's current state as a ``power_state`` value."""
        with self._translate_errors():
            state = self._domain.state()[0]
        # A state newer than this table is not something we can act on;
        # NOSTATE is what Nova reports for "unknown" too.
        return LIBVIRT_POWER_STATE.get(state, power_state.NOSTATE)

    def wait_for_running(self, timeout: float) -> None:
        """Return once the domain runs; raise InstanceDeployFailure if it
        stops or crashes instead, or is not running after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.get_power_state()
            if state == power_state.RUNNING:
                return
            if state in _DEAD_STATES:
                raise exception.InstanceDeployFailure(
                    reason='domain %s is %s instead of running'
                    % (self.uuid, power_state.STATE_MAP[state]))
            if time.monotonic() >= deadline:
                raise exception.InstanceDeployFailure(
                    reason='domain %s still %s after %s seconds'
                    % (self.uuid, power_state.STATE_MAP[state], timeout))
            time.sleep(_POLL_INTERVAL)

    # -- lifecycle actions ------------------------------------------------

    def shutdown(self) -> None:
        """Ask the guest OS to power off (ACPI power button on QEMU, or
        the guest agent when it has one); returns at once. A domain that
        is not running has nothing to shut down."""
        with self._translate_errors():
            try:
                self._domain.shutdown()
            except libvirt.libvirtError:
                if not self._domain.isActive():
                    return
                raise

    def is_active(self) -> bool:
        """True while the domain has a running (or paused) process."""
        with self._translate_errors():
            return bool(self._domain.isActive())

    def wait_for_shutdown(self, timeout: float) -> bool:
        """Wait up to ``timeout`` s for the domain to be off; True if it
        is.

        "Off" is inactive, not merely libvirt's SHUTDOWN state (which is
        "shutting down", already power_state SHUTDOWN): a domain cannot be
        started again before its QEMU process is gone.
        """
        deadline = time.monotonic() + timeout
        while True:
            if not self.is_active():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(_POLL_INTERVAL)

    def pause(self) -> None:
        """Stop the vCPUs, keeping the guest in memory
        (``virDomainSuspend``)."""
        with self._translate_errors():
            self._domain.suspend()

    def resume(self) -> None:
        """Run the vCPUs of a paused guest again (``virDomainResume``)."""
        with self._translate_errors():
            self._domain.resume()

    def managed_save(self) -> None:
        """Save the guest's memory to libvirt's managed save image and stop
        it; the next ``launch`` restores it where it was."""
        with self._translate_errors():
            self._domain.managedSave(0)

    def has_managed_save(self) -> bool:
        with self._translate_errors():
            return bool(self._domain.hasManagedSaveImage(0))

    def remove_managed_save(self) -> None:
        """Drop a saved image so the next ``launch`` boots afresh."""
        with self._translate_errors():
            if self._domain.hasManagedSaveImage(0):
                self._domain.managedSaveRemove(0)

    def inject_nmi(self) -> None:
        """Send the guest a non-maskable interrupt (``virDomainInjectNMI``).

        :raises: TriggerCrashDumpNotSupported (VIR_ERR_NO_SUPPORT),
                 InstanceNotRunning (VIR_ERR_OPERATION_INVALID: the domain
                 is not running), InstanceNotFound
        """
        with self._translate_errors():
            try:
                self._domain.injectNMI(0)
            except libvirt.libvirtError as e:
                code = e.get_error_code()
                if code == libvirt.VIR_ERR_NO_SUPPORT:
                    raise exception.TriggerCrashDumpNotSupported() from e
                if code == libvirt.VIR_ERR_OPERATION_INVALID:
                    raise exception.InstanceNotRunning(
                        instance_id=self.uuid) from e
                raise

    def get_console_log_path(self) -> str | None:
        """The file the first file-backed serial port writes to, read from
        the live definition (as Nova finds it), or None."""
        with self._translate_errors():
            xml = self._domain.XMLDesc(0)
        root = etree.fromstring(xml)
        for serial in root.findall('./devices/serial'):
            if serial.get('type') != 'file':
                continue
            source = serial.find('source')
            if source is not None and source.get('path'):
                return source.get('path')
        return None

    def get_console_output(self, length: int | None = None) -> str:
        """The last ``length`` lines (all when None) of the serial console
        log, at most ``MAX_CONSOLE_BYTES`` of it; '' while there is none."""
        path = self.get_console_log_path()
        if path is None:
            return ''
        return read_log_tail(path, length)


def read_log_tail(path: str, length: int | None = None) -> str:
    """The last ``length`` lines of the log at ``path`` (at most its last
    ``MAX_CONSOLE_BYTES``), decoded leniently; '' if it does not exist."""
    try:
        with open(path, 'rb') as log:
            log.seek(0, os.SEEK_END)
            size = log.tell()
            log.seek(max(0, size - MAX_CONSOLE_BYTES))
            data = log.read()
    except FileNotFoundError:
        return ''
    text = data.decode('utf-8', errors='replace')
    if length is None:
        return text
    if length <= 0:
        return ''
    return ''.join(text.splitlines(keepends=True)[-length:])
