"""A compute service that cannot build servers says so, and stays out of
the scheduler's way until it can.

The driver's ``check_host`` finds what is missing (qemu-img, libvirt,
a usable instances_path, ...). While anything is, the service's record is
disabled with an ``AUTO: `` reason naming each problem, which is what
``os-services`` shows, what the scheduler's ComputeFilter skips and what
``minicompute-status upgrade check`` reads; each problem is logged once, at
ERROR, with how to fix it. Once the checks pass the service enables itself
again. As in Nova's libvirt driver, only a reason the service wrote itself
(the ``AUTO: `` prefix) is ever cleared: an operator's disable stands.

Why disable instead of refusing to start: the service stays visible with
its reason where operators look (``openstack compute service list
--long``), systemd does not restart it in a loop, and installing the
missing package or starting libvirtd is enough to bring it back.

Usage (the compute manager, at start and every periodic interval)::

    health = HostHealth(host, driver)
    if health.check(context):
        ...                       # disabled; start-up work waits
"""
from __future__ import annotations

from oslo_log import log as logging
import oslo_messaging as messaging

from minicompute import exception, objects
from minicompute.virt import driver as virt_driver

LOG = logging.getLogger(__name__)

COMPUTE_BINARY = 'minicompute-compute'
#: Nova's prefix for a reason the service wrote itself.
AUTO_PREFIX = 'AUTO: '
_SEPARATOR = '; '
_REASON_MAX = 255          # services.disabled_reason is a String(255)


def disabled_reason(problems: list[virt_driver.HostProblem]) -> str:
    """``AUTO: <check>: <reason>; <check>: <reason>`` within the column."""
    text = AUTO_PREFIX + _SEPARATOR.join(
        '%s: %s' % (problem.check, problem.reason) for problem in problems)
    if len(text) > _REASON_MAX:
        text = text[:_REASON_MAX - 3] + '...'
    return text


def is_automatic(reason: str | None) -> bool:
    return bool(reason) and reason.startswith(AUTO_PREFIX)


def checks_in_reason(reason: str | None, known: tuple[str, ...]
                     ) -> list[str]:
    """The check names an ``AUTO:`` reason lists (in ``known`` only)."""
    if not is_automatic(reason):
        return []
    names = [part.split(': ', 1)[0]
             for part in reason[len(AUTO_PREFIX):].split(_SEPARATOR)]
    return [name for name in names if name in known]


class HostHealth:
    """Runs the driver's checks and keeps the service record in step."""

    def __init__(self, host: str, driver, binary: str = COMPUTE_BINARY):
        self.host = host
        self.driver = driver
        self.binary = binary
        self._logged: dict[str, str] = {}       # check -> reason logged

    def check(self, context) -> list[virt_driver.HostProblem]:
        """The problems found now (also logged and written as the
        service's disabled state); [] when the host can build."""
        problems = self.driver.check_host()
        self._log_changes(problems)
        try:
            self._update_service(context, problems)
        except (exception.NotFound, messaging.MessagingTimeout) as e:
            LOG.warning('Could not record the state of %s on %s: %s',
                        self.binary, self.host, e)
        return problems

    def _log_changes(self, problems) -> None:
        current = {problem.check: problem for problem in problems}
        for name, problem in current.items():
            if self._logged.get(name) != problem.reason:
                LOG.error('%s on %s cannot build servers: %s. To fix: %s. '
                          'The service stays disabled until then.',
                          self.binary, self.host, problem.reason,
                          problem.fix)
        for name in set(self._logged) - set(current):
            LOG.info('%s on %s: the %s problem is fixed', self.binary,
                     self.host, name)
        self._logged = {name: problem.reason
                        for name, problem in current.items()}

    def _update_service(self, context, problems) -> None:
        service = objects.Service.get_by_host_and_binary(
            context, self.host, self.binary)
        if problems:
            reason = disabled_reason(problems)
            if service.disabled and not is_automatic(
                    service.disabled_reason):
                return          # the operator's disable stands
            if service.disabled and service.disabled_reason == reason:
                return
            service.disabled = True
            service.disabled_reason = reason
            service.save()
        elif service.disabled and is_automatic(service.disabled_reason):
            LOG.info('%s on %s passes its checks again; enabling it',
                     self.binary, self.host)
            service.disabled = False
            service.disabled_reason = None
            service.save()
