"""What a libvirt compute host needs before it can build a server, checked
for real: ``qemu-img`` on the service's PATH (every root disk is a qcow2
overlay it creates), a libvirt that answers, an ``instances_path`` the
service can write, and, when QEMU runs as its own user (``qemu:///system``),
an ``instances_path`` that user can reach.

Each check returns a ``HostProblem`` (what is wrong, how to fix it) or
None. ``LibvirtDriver.check_host`` runs them; the compute service disables
itself while any fails, and ``minicompute-status upgrade check`` reports
each one.

Usage::

    problem = check_qemu_img()
    if problem:
        print(problem.reason, problem.fix)
"""
from __future__ import annotations

import grp
import os
import pwd
import re
import shutil
import stat
import tempfile
import urllib.parse

from minicompute import exception
from minicompute.virt.driver import HostProblem

QEMU_IMG = 'qemu-img'
LIBVIRT = 'libvirt'
INSTANCES_PATH = 'instances_path'
QEMU_ACCESS = 'qemu_access'

#: Every check's name, in the order they run.
CHECKS = (QEMU_IMG, LIBVIRT, INSTANCES_PATH, QEMU_ACCESS)

#: How to fix what each check finds, for whoever reads it far from the
#: host (minicompute-status on another machine reads only the name).
FIXES = {
    QEMU_IMG: 'install qemu-img (Debian/Ubuntu: apt-get install qemu-utils; '
              'Fedora/RHEL: dnf install qemu-img) or add its directory to '
              "the compute service's PATH",
    LIBVIRT: 'start libvirt (virtlogd, then libvirtd: systemctl start '
             'libvirtd) or correct [libvirt] connection_uri',
    INSTANCES_PATH: 'create [DEFAULT] instances_path and make it writable '
                    'by the user the compute service runs as, or point it '
                    'at a directory that is',
    QEMU_ACCESS: 'let the QEMU user search every directory down to '
                 '[DEFAULT] instances_path (chmod o+x on each), or move '
                 'instances_path',
}

QEMU_CONF = '/etc/libvirt/qemu.conf'
# libvirt's built-in default QEMU user differs by distribution.
_DEFAULT_QEMU_USERS = ('libvirt-qemu', 'qemu')
_USER_LINE = re.compile(r'^\s*user\s*=\s*"([^"]+)"', re.MULTILINE)


def _problem(check: str, reason: str) -> HostProblem:
    return HostProblem(check=check, reason=reason, fix=FIXES[check])


def check_qemu_img(search_path: str | None = None) -> HostProblem | None:
    """``qemu-img`` must be an executable on ``search_path`` (default: this
    process's PATH, which is what processutils runs it with)."""
    search_path = os.environ.get('PATH', os.defpath) \
        if search_path is None else search_path
    if shutil.which(QEMU_IMG, path=search_path):
        return None
    return _problem(QEMU_IMG, 'qemu-img is not on the PATH of the compute '
                              'service (%s)' % search_path)


def check_libvirt(host) -> HostProblem | None:
    """The connection to libvirt opens (``host`` is a libvirt ``Host``)."""
    try:
        host.get_connection()
    except exception.HypervisorUnavailable as e:
        cause = e.__cause__ or e
        detail = (cause.get_error_message()
                  if hasattr(cause, 'get_error_message') else str(cause))
        return _problem(LIBVIRT, 'libvirt at %s does not answer: %s'
                        % (host.uri, detail))
    return None


def check_instances_path(path: str) -> HostProblem | None:
    """``path`` exists (it is created if need be) and a file can be
    written in it: permission bits lie to root and to read-only mounts,
    a real write does not."""
    try:
        os.makedirs(path, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix='.write-check-', dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        return _problem(INSTANCES_PATH,
                        '[DEFAULT] instances_path %s is not writable by '
                        'the compute service (uid %d): %s'
                        % (path, os.getuid(), e.strerror or e))
    return None


def qemu_user(qemu_conf: str = QEMU_CONF) -> str | None:
    """The user libvirt runs QEMU as: ``user`` in qemu.conf, else the
    distribution's default user if it exists here; None if unknown."""
    try:
        with open(qemu_conf) as f:
            match = _USER_LINE.search(f.read())
    except OSError:
        match = None
    if match:
        return match.group(1)
    for name in _DEFAULT_QEMU_USERS:
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    return None


def _lookup_user(user: str):
    """(uid, gids) of a qemu.conf user: a name or ``+uid``."""
    if user.startswith('+'):
        uid = int(user[1:])
        try:
            entry = pwd.getpwuid(uid)
        except KeyError:
            return uid, set()
    else:
        entry = pwd.getpwnam(user)
        uid = entry.pw_uid
    gids = set(os.getgrouplist(entry.pw_name, entry.pw_gid))
    return uid, gids


def _can_search(st: os.stat_result, uid: int, gids: set[int]) -> bool:
    if uid == 0:
        return True
    if st.st_uid == uid:
        return bool(st.st_mode & stat.S_IXUSR)
    if st.st_gid in gids:
        return bool(st.st_mode & stat.S_IXGRP)
    return bool(st.st_mode & stat.S_IXOTH)


def _owner(st: os.stat_result) -> str:
    try:
        user = pwd.getpwuid(st.st_uid).pw_name
    except KeyError:
        user = str(st.st_uid)
    try:
        group = grp.getgrgid(st.st_gid).gr_name
    except KeyError:
        group = str(st.st_gid)
    return '%s:%s' % (user, group)


def check_qemu_access(path: str, user: str) -> HostProblem | None:
    """The QEMU user can search (``x``) every directory from ``/`` down to
    ``path``, or it cannot open the disks and console logs there.

    The mode bits are read as the kernel does for that user (owner, then
    group, then other); ACLs are not looked at. A part of ``path`` that
    does not exist yet is the instances_path check's business.
    """
    try:
        uid, gids = _lookup_user(user)
    except (KeyError, ValueError):
        return _problem(QEMU_ACCESS, 'the QEMU user %r (libvirt qemu.conf) '
                                     'does not exist on this host' % user)
    current = os.sep
    parts = [part for part in os.path.abspath(path).split(os.sep) if part]
    for part in [None] + parts:
        if part is not None:
            current = os.path.join(current, part)
        try:
            st = os.stat(current)
        except OSError:
            return None
        if not _can_search(st, uid, gids):
            return _problem(QEMU_ACCESS,
                            'the QEMU user %s cannot reach [DEFAULT] '
                            'instances_path %s: %s is mode %s, owned by %s'
                            % (user, path, current,
                               stat.filemode(st.st_mode), _owner(st)))
    return None


def qemu_runs_as_own_user(uri: str) -> bool:
    """True for the local system libvirt (``qemu:///system``), whose QEMU
    processes run as qemu.conf's user; the session libvirt runs them as
    the caller, the test driver has none, and a remote host is not ours
    to inspect."""
    parsed = urllib.parse.urlsplit(uri)
    return (parsed.scheme in ('qemu', 'qemu+unix') and not parsed.netloc
            and parsed.path == '/system')


def check_all(host, instances_path: str, virt_type: str
              ) -> list[HostProblem]:
    """Every check that applies to this host; the problems found."""
    problems = [check_qemu_img(), check_libvirt(host),
                check_instances_path(instances_path)]
    if virt_type in ('qemu', 'kvm') and qemu_runs_as_own_user(host.uri):
        user = qemu_user()
        if user is not None:
            problems.append(check_qemu_access(instances_path, user))
    return [problem for problem in problems if problem is not None]
