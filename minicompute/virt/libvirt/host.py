"""The libvirt connection of one compute host, and what it says about the
host.

``Host`` opens the connection on first use, shares it between threads
(libvirt-python calls are blocking and thread-safe, so native threads can
use one connection) and opens a new one when libvirtd went away.

Usage::

    host = Host('qemu:///system', host_name=conf.host)
    guest = host.get_domain_by_uuid(instance.uuid)
"""
from __future__ import annotations

import dataclasses
import threading

import libvirt
from oslo_log import log as logging

from minicompute import exception
from minicompute.virt.libvirt import guest as libvirt_guest

LOG = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class NodeInfo:
    """The parts of ``virNodeGetInfo`` the driver reports."""
    arch: str
    memory_mb: int
    cpus: int


def _ignore_libvirt_error(_ctxt, _error) -> None:
    """libvirt's default handler prints every error to stderr, including
    the ones we expect and handle (a stopped domain, an unknown uuid); the
    error still reaches us as a ``libvirtError``."""


class Host:
    """A lazily opened, self-healing libvirt connection."""

    def __init__(self, uri: str, host_name: str):
        """:param uri: libvirt connection URI
        :param host_name: this compute's name, for HypervisorUnavailable
        """
        self._uri = uri
        self._host_name = host_name
        self._conn: libvirt.virConnect | None = None
        self._lock = threading.Lock()
        self._connect_hooks: list = []

    def add_connect_hook(self, hook) -> None:
        """Call ``hook(conn)`` on every new connection (and now, if one is
        open): event registrations do not survive a reconnect."""
        with self._lock:
            self._connect_hooks.append(hook)
            conn = self._conn
        if conn is not None:
            hook(conn)

    @property
    def uri(self) -> str:
        return self._uri

    @property
    def is_test_driver(self) -> bool:
        """True for libvirt's in-process test driver, which has no QEMU
        behind it and wants ``<domain type='test'>``."""
        return self._uri.startswith('test://')

    @staticmethod
    def _is_alive(conn: libvirt.virConnect) -> bool:
        try:
            return bool(conn.isAlive())
        except libvirt.libvirtError:
            # A closed connection raises instead of answering.
            return False

    def _connect(self) -> libvirt.virConnect:
        libvirt.registerErrorHandler(_ignore_libvirt_error, None)
        LOG.debug('Connecting to libvirt: %s', self._uri)
        try:
            return libvirt.open(self._uri)
        except libvirt.libvirtError as e:
            # A warning: the caller decides whether this is an error (the
            # compute's host check logs it once, with how to fix it).
            LOG.warning('Connection to libvirt %s failed: %s', self._uri, e)
            raise exception.HypervisorUnavailable(host=self._host_name) from e

    def get_connection(self) -> libvirt.virConnect:
        """The open connection, reopened if it died.

        Raises HypervisorUnavailable if libvirt cannot be reached.
        """
        # The lock makes concurrent first users (or users noticing a dead
        # connection together) open one connection, not one each.
        with self._lock:
            if self._conn is not None and not self._is_alive(self._conn):
                LOG.warning('Connection to libvirt %s lost; reconnecting',
                            self._uri)
                self._close_quietly(self._conn)
                self._conn = None
            if self._conn is None:
                self._conn = self._connect()
                for hook in self._connect_hooks:
                    try:
                        hook(self._conn)
                    except libvirt.libvirtError:
                        LOG.exception('Connection hook %s failed', hook)
            return self._conn

    @staticmethod
    def _close_quietly(conn: libvirt.virConnect) -> None:
        try:
            conn.close()
        except libvirt.libvirtError:
            pass

    def close(self) -> None:
        """Close the connection; the next call opens a new one."""
        with self._lock:
            if self._conn is not None:
                self._close_quietly(self._conn)
                self._conn = None

    def get_domain_by_uuid(self, uuid: str) -> libvirt_guest.Guest:
        """The guest with ``uuid``; raises InstanceNotFound."""
        try:
            domain = self.get_connection().lookupByUUIDString(uuid)
        except libvirt.libvirtError as e:
            if e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN:
                raise exception.InstanceNotFound(instance_id=uuid) from e
            raise
        return libvirt_guest.Guest(domain)

    def list_guests(self) -> list[libvirt_guest.Guest]:
        """Every domain, running or only defined."""
        return [libvirt_guest.Guest(domain)
                for domain in self.get_connection().listAllDomains()]

    def get_node_info(self) -> NodeInfo:
        """CPU and memory of the hypervisor host."""
        # [model, memory MiB, cpus, MHz, NUMA nodes, sockets, cores, threads]
        info = self.get_connection().getInfo()
        return NodeInfo(arch=info[0], memory_mb=info[1], cpus=info[2])

    def get_type(self) -> str:
        """The hypervisor driver's name: 'QEMU', or 'TEST'."""
        return self.get_connection().getType()

    def get_version(self) -> int:
        """The hypervisor's version (QEMU's, as major*1e6+minor*1e3+rel)."""
        return self.get_connection().getVersion()

    def get_libvirt_version(self) -> int:
        """The libvirt library version, encoded the same way."""
        return self.get_connection().getLibVersion()

    def get_hostname(self) -> str:
        """The hypervisor host's name as libvirt reports it."""
        return self.get_connection().getHostname()
