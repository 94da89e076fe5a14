"""Power operations on a libvirt guest, as Nova's libvirt driver does them.

The driver looks the guest up and calls these; they hold the policy of a
reboot or a stop (try the guest OS first, then pull the plug), the
``Guest`` wrapper only the single libvirt calls.

Usage::

    guest = host.get_domain_by_uuid(instance.uuid)
    lifecycle.reboot(guest, 'SOFT', soft_timeout=120, start_timeout=60)
"""
from __future__ import annotations

import time

import libvirt
from oslo_log import log as logging

from minicompute import exception
from minicompute.compute import power_state
from minicompute.virt.libvirt import guest as libvirt_guest

LOG = logging.getLogger(__name__)

# A soft reboot or a start that fails in one of these ways is retried as a
# hard reboot; anything else is a real failure.
_SOFT_REBOOT_ERRORS = (libvirt.libvirtError, exception.InstanceDeployFailure)


def reboot(guest: libvirt_guest.Guest, reboot_type: str,
           soft_timeout: float, start_timeout: float) -> None:
    """Reboot ``guest``: SOFT is an ACPI shutdown and a start, falling back
    to HARD when the guest OS does not power off within ``soft_timeout``
    seconds (or the guest is not running); HARD is destroy and start."""
    if reboot_type == 'SOFT':
        try:
            if _soft_reboot(guest, soft_timeout, start_timeout):
                LOG.info('Instance %s soft rebooted', guest.uuid)
                return
        except _SOFT_REBOOT_ERRORS as e:
            LOG.debug('Soft reboot of %s failed: %s', guest.uuid, e)
        LOG.warning('Failed to soft reboot instance %s; trying hard '
                    'reboot.', guest.uuid)
    hard_reboot(guest, start_timeout)


def _soft_reboot(guest: libvirt_guest.Guest, soft_timeout: float,
                 start_timeout: float) -> bool:
    # Only a running guest OS can answer the power button.
    if guest.get_power_state() != power_state.RUNNING:
        return False
    guest.shutdown()
    if not guest.wait_for_shutdown(soft_timeout):
        return False
    guest.launch()
    guest.wait_for_running(start_timeout)
    return True


def hard_reboot(guest: libvirt_guest.Guest, start_timeout: float) -> None:
    """Power cycle from any state. A suspended guest's saved memory is
    dropped, so it boots afresh rather than resuming (as Nova's hard
    reboot does by recreating the domain)."""
    guest.poweroff()
    guest.remove_managed_save()
    guest.launch()
    guest.wait_for_running(start_timeout)


def clean_shutdown(guest: libvirt_guest.Guest, timeout: float,
                   retry_interval: float) -> bool:
    """Press the power button (again every ``retry_interval`` s, since a
    booting guest may miss it) and wait up to ``timeout`` s for the guest
    to be off. True if it powered off by itself."""
    state = guest.get_power_state()
    if state in (power_state.SHUTDOWN, power_state.CRASHED):
        return True
    if state != power_state.RUNNING:
        # Paused or suspended: no guest OS is running to react.
        return False
    deadline = time.monotonic() + timeout
    interval = retry_interval or timeout
    while True:
        guest.shutdown()
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        if guest.wait_for_shutdown(min(interval, remaining)):
            LOG.info('Instance %s shut down cleanly', guest.uuid)
            return True
        if time.monotonic() >= deadline:
            LOG.info('Instance %s did not shut down within %s seconds',
                     guest.uuid, timeout)
            return False


def power_off(guest: libvirt_guest.Guest, timeout: float,
              retry_interval: float) -> None:
    """Stop the guest: cleanly within ``timeout`` s if it can, then pull
    the plug (a no-op when it is already off)."""
    if timeout:
        clean_shutdown(guest, timeout, retry_interval)
    guest.poweroff()
