"""minicompute's own image registry (there is no Glance): image files under
``state_path/images`` and their metadata in the ``images`` table.
"""
from __future__ import annotations

import hashlib
import os
import tempfile

from oslo_utils import uuidutils

from minicompute.db import api as db_api

CHUNK = 1024 * 1024


def images_dir(conf) -> str:
    path = os.path.join(conf.state_path, 'images')
    os.makedirs(path, exist_ok=True)
    return path


def create(conf, context, name: str, source_path: str | None = None,
           disk_format: str = 'raw', container_format: str = 'bare',
           properties: dict | None = None, visibility: str = 'public',
           min_disk: int = 0, min_ram: int = 0):
    """Register an image; with ``source_path`` its bits are copied in and
    it becomes ``active``, otherwise it stays ``queued`` until uploaded.
    """
    image_id = uuidutils.generate_uuid()
    row = db_api.image_create({
        'id': image_id, 'name': name, 'status': 'queued',
        'disk_format': disk_format, 'container_format': container_format,
        'properties': dict(properties or {}), 'visibility': visibility,
        'owner': context.project_id, 'min_disk': min_disk,
        'min_ram': min_ram})
    if source_path is None:
        return row
    with open(source_path, 'rb') as source:
        return upload(conf, image_id, source)


def upload(conf, image_id: str, stream):
    """Store the image's bits from a file-like object and activate it."""
    directory = images_dir(conf)
    checksum = hashlib.md5(usedforsecurity=False)
    size = 0
    fd, tmp_path = tempfile.mkstemp(dir=directory, prefix='.upload-')
    try:
        with os.fdopen(fd, 'wb') as target:
            while True:
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                checksum.update(chunk)
                size += len(chunk)
                target.write(chunk)
        final_path = os.path.join(directory, image_id)
        # mkstemp makes 0600; computes may run as another user.
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, final_path)
    except BaseException:
        if os.path.exists(tmp_path):
            os.unlink(tmp_path)
        raise
    return db_api.image_update(image_id, {
        'status': 'active', 'size': size, 'checksum': checksum.hexdigest(),
        'path': final_path})


def delete(image_id: str) -> None:
    row = db_api.image_get(image_id)
    db_api.image_destroy(image_id)
    if row.path and os.path.exists(row.path):
        os.unlink(row.path)


def write_blank_disk(path: str, size_bytes: int = 1024 * 1024) -> str:
    """A raw, all-zero disk: the all-in-one's placeholder ``tiny`` image,
    enough for libvirt's test driver (it boots nothing)."""
    with open(path, 'wb') as f:
        f.truncate(size_bytes)
    return path


