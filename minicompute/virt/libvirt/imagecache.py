"""Images on a compute host: the verified base copy, and instance overlays.

Every image a host boots is copied once into ``<instances_path>/_base/`` and
checked against the registry's size and checksum there; instance root disks
are qcow2 overlays backed by that copy, so a hundred instances of one image
cost one copy plus their own writes.

Usage::

    cache = ImageCache(conf.instances_path)
    base = cache.fetch_to_base(image_meta)
    create_overlay(base, disk_path, disk_format(image_meta), flavor.root_gb)
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading

from oslo_concurrency import lockutils, processutils
from oslo_log import log as logging
from oslo_serialization import jsonutils
from oslo_utils import units

from minicompute import exception

LOG = logging.getLogger(__name__)

BASE_DIR_NAME = '_base'

# qemu-img parses whatever bytes an image owner uploaded; a crafted image
# can make it eat memory or CPU, so it runs under limits, as in Nova.
QEMU_IMG_LIMITS = processutils.ProcessLimits(cpu_time=30,
                                             address_space=1 * units.Gi)

_COPY_CHUNK = 1 * units.Mi


def _optional(obj, field: str):
    """A versioned-object field, or None while it is unset."""
    return getattr(obj, field) if obj.obj_attr_is_set(field) else None


def disk_format(image_meta) -> str:
    """The format to hand QEMU: 'qcow2' for qcow2 images, else 'raw'.

    Never probed from the file: a guest-controlled file that claims to be
    qcow2 could name any host file as its backing file.
    """
    if _optional(image_meta, 'disk_format') == 'qcow2':
        return 'qcow2'
    return 'raw'


def qemu_img_info(path: str, fmt: str) -> dict:
    """``qemu-img info`` of ``path`` read as ``fmt``; raises
    ProcessExecutionError if the file is not a valid ``fmt`` image."""
    out, _err = processutils.execute('qemu-img', 'info', '--output=json',
                                     '-f', fmt, path,
                                     prlimit=QEMU_IMG_LIMITS)
    return jsonutils.loads(out)


_SAFE_BASES: dict = {}
_SAFE_BASES_LOCK = threading.Lock()


def _check_base_is_safe(base_path: str, fmt: str) -> int:
    """Validate a base image and return its virtual size in bytes.

    Cached bases never change once written (they are replaced, not
    modified), so a verdict is remembered per (path, format, inode, size,
    mtime) and ``qemu-img info`` runs once per base, not once per build.
    """
    stat = os.stat(base_path)
    key = (base_path, fmt, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    with _SAFE_BASES_LOCK:
        if key in _SAFE_BASES:
            return _SAFE_BASES[key]
    virtual_size = _inspect_base(base_path, fmt)
    with _SAFE_BASES_LOCK:
        _SAFE_BASES[key] = virtual_size
    return virtual_size


def _inspect_base(base_path: str, fmt: str) -> int:
    """Run ``qemu-img info`` on a base and refuse an unsafe one.

    A qcow2 base that points at another file (a backing file or an external
    data file) would let an image owner read that host file through their
    instance, so such images are refused.
    """
    image_id = os.path.basename(base_path)
    try:
        info = qemu_img_info(base_path, fmt)
    except processutils.ProcessExecutionError as e:
        detail = (e.stderr or '').strip()
        raise exception.ImageUnacceptable(
            image_id=image_id,
            reason='not a valid %s image: %s' % (fmt, detail))
    if info.get('backing-filename'):
        raise exception.ImageUnacceptable(image_id=image_id,
                                          reason='it has a backing file')
    data = info.get('format-specific', {}).get('data', {})
    if data.get('data-file'):
        raise exception.ImageUnacceptable(image_id=image_id,
                                          reason='it has an external data '
                                                 'file')
    return int(info['virtual-size'])


def create_overlay(base_path: str, disk_path: str, base_format: str,
                   size_gb: int) -> None:
    """Create ``disk_path``, a qcow2 overlay on ``base_path``.

    :param base_format: 'raw' or 'qcow2', the format of the base image
    :param size_gb: virtual size in GiB; 0 keeps the image's own size
    :raises FlavorDiskTooSmall: ``size_gb`` is below the image's virtual
        size (the guest's filesystem would not fit)
    :raises ImageUnacceptable: the base is not a safe ``base_format`` image
    """
    if base_format not in ('raw', 'qcow2'):
        raise ValueError('base_format must be raw or qcow2, not %r'
                         % base_format)
    base_path = os.path.abspath(base_path)
    virtual_size = _check_base_is_safe(base_path, base_format)
    # -F pins the backing format into the overlay so QEMU never probes it.
    cmd = ['qemu-img', 'create', '-f', 'qcow2', '-F', base_format,
           '-b', base_path, disk_path]
    if size_gb:
        size = size_gb * units.Gi
        if size < virtual_size:
            raise exception.FlavorDiskTooSmall(flavor_size=size,
                                               image_size=virtual_size)
        cmd.append('%dG' % size_gb)
    processutils.execute(*cmd)


def _copy_and_hash(src_path: str, dst_file) -> tuple[int, str]:
    """Copy ``src_path`` into the open ``dst_file``; return (bytes, md5)."""
    # md5 only compares against the registry's checksum (Glance v2's
    # ``checksum``); it is not relied on against a malicious uploader.
    digest = hashlib.md5(usedforsecurity=False)
    size = 0
    with open(src_path, 'rb') as src:
        while chunk := src.read(_COPY_CHUNK):
            digest.update(chunk)
            dst_file.write(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


class ImageCache:
    """The ``_base`` directory of one compute host."""

    def __init__(self, instances_path: str):
        self.base_dir = os.path.join(instances_path, BASE_DIR_NAME)

    def base_path(self, image_id: str) -> str:
        # The id becomes a file name; refuse anything that could escape
        # the directory even though registry ids are UUIDs.
        if not image_id or os.sep in image_id or image_id in ('.', '..'):
            raise exception.ImageUnacceptable(image_id=image_id,
                                              reason='invalid image id')
        return os.path.join(self.base_dir, image_id)

    def fetch_to_base(self, image_meta) -> str:
        """Return the path of the verified base copy of ``image_meta``,
        copying it from the registry file the first time.

        :raises ImageUnacceptable: the file is missing or its size or
            checksum differ from the registry's
        """
        path = self.base_path(image_meta.id)
        # Concurrent builds of one image on this host wait for one copy
        # rather than each copying it.
        with lockutils.lock('minicompute-image-%s' % image_meta.id):
            if os.path.exists(path):
                return path
            os.makedirs(self.base_dir, exist_ok=True)
            self._fetch(image_meta, path)
        return path

    def _fetch(self, image_meta, path: str) -> None:
        image_id = image_meta.id
        src = _optional(image_meta, 'path')
        if not src or not os.path.isfile(src):
            raise exception.ImageUnacceptable(
                image_id=image_id, reason='image file %s is missing' % src)
        # Copy under a temporary name and rename: a base file that exists
        # is always complete and verified, even after a crash mid-copy.
        fd, tmp_path = tempfile.mkstemp(dir=self.base_dir,
                                        prefix='.%s.' % image_id,
                                        suffix='.part')
        try:
            with os.fdopen(fd, 'wb') as tmp:
                size, checksum = _copy_and_hash(src, tmp)
                tmp.flush()
                os.fsync(tmp.fileno())
            self._verify(image_meta, size, checksum)
            # mkstemp makes the file 0600; QEMU may run as another user
            # and only ever needs to read a base.
            os.chmod(tmp_path, 0o644)
            os.replace(tmp_path, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_path)
            raise
        LOG.info('Image %s cached at %s (%d bytes)', image_id, path, size)

    @staticmethod
    def _verify(image_meta, size: int, checksum: str) -> None:
        expected_size = _optional(image_meta, 'size')
        if expected_size is not None and expected_size != size:
            raise exception.ImageUnacceptable(
                image_id=image_meta.id,
                reason='size %d does not match the expected %d'
                % (size, expected_size))
        expected_sum = _optional(image_meta, 'checksum')
        if expected_sum and expected_sum.lower() != checksum:
            raise exception.ImageUnacceptable(
                image_id=image_meta.id,
                reason='checksum %s does not match the expected %s'
                % (checksum, expected_sum))
