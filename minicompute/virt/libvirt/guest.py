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
import time

import libvirt
from oslo_log import log as logging

from minicompute import exception
from minicompute.compute import power_state

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
