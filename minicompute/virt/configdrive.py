"""Config drive v2: the metadata service's documents on an ISO 9660 image
labelled ``config-2``, which a guest (cloud-init, or the tiny guest's
init) mounts when it cannot or need not reach the metadata service.

The image is written by pycdlib, in Python: no genisoimage on the compute
hosts, and the tests read images back with the same library. Files carry
Rock Ridge and Joliet names (what Linux and Windows show), so the guest
sees ``openstack/latest/meta_data.json`` as Nova's genisoimage call
writes it; the plain ISO 9660 names underneath are unique upper-case
renderings nobody reads.

    if configdrive.required_by(conf, instance, image_meta):
        configdrive.update_instance(conf, instance, image_meta)
        configdrive.make_drive(path, metadata.config_drive_files())
"""
from __future__ import annotations

import io
import os
import posixpath
import re

import pycdlib

VOLUME_LABEL = 'config-2'
PUBLISHER = 'minicompute'
# The image property a cloud sets on images that only boot with a drive.
IMAGE_PROPERTY = 'img_config_drive'
MANDATORY = 'mandatory'

_ISO_NAME_LENGTH = 30       # ISO 9660 level 3: at most 30 d-characters
_NOT_D_CHARACTERS = re.compile('[^A-Z0-9_]')


def required_by(conf, instance, image_meta) -> bool:
    """Whether the instance gets a config drive: it asked for one, the
    image demands one, or ``[DEFAULT] force_config_drive`` gives every new
    instance one (not one that has launched before: a rebuilt guest that
    booted from the metadata service does not get one added)."""
    properties = {}
    if image_meta is not None and image_meta.obj_attr_is_set('properties'):
        properties = image_meta.properties or {}
    launched = (instance.obj_attr_is_set('launched_at') and
                instance.launched_at is not None)
    return bool(
        (instance.obj_attr_is_set('config_drive') and instance.config_drive)
        or (conf.force_config_drive and not launched)
        or properties.get(IMAGE_PROPERTY) == MANDATORY)


def update_instance(conf, instance, image_meta) -> None:
    """Record on the instance that it has a drive when the image or the
    configuration gave it one (the API then shows ``config_drive``
    "True", as it shows what the guest really has)."""
    if not instance.config_drive and required_by(conf, instance,
                                                 image_meta):
        instance.config_drive = 'True'


class _IsoNames:
    """Unique ISO 9660 names for the Rock Ridge names of one image."""

    def __init__(self):
        self._taken: dict[str, set[str]] = {}
        self._dirs: dict[str, str] = {'': '/'}

    def _unique(self, parent: str, name: str, is_dir: bool) -> str:
        if is_dir:
            stem, ext = name, ''
        else:
            stem, _dot, ext = name.rpartition('.')
            if not stem:
                stem, ext = ext, ''
        stem = _NOT_D_CHARACTERS.sub('_', stem.upper()) or '_'
        ext = _NOT_D_CHARACTERS.sub('_', ext.upper())
        room = _ISO_NAME_LENGTH - len(ext) - (0 if is_dir else 1)
        taken = self._taken.setdefault(parent, set())
        candidate, counter = stem[:room], 0
        while candidate + '.' + ext in taken:
            counter += 1
            suffix = '_%d' % counter
            candidate = stem[:room - len(suffix)] + suffix
        taken.add(candidate + '.' + ext)
        return candidate if is_dir else '%s.%s;1' % (candidate, ext)

    def directory(self, rr_path: str, make) -> str:
        """The ISO path of directory ``rr_path``, made (with its parents)
        through ``make(iso_path, rr_name, rr_path)`` on first use."""
        if rr_path in self._dirs:
            return self._dirs[rr_path]
        parent, name = posixpath.split(rr_path)
        parent_iso = self.directory(parent, make)
        iso_path = posixpath.join(parent_iso, self._unique(parent, name,
                                                           True))
        make(iso_path, name, rr_path)
        self._dirs[rr_path] = iso_path
        return iso_path

    def file(self, rr_path: str, parent_iso: str) -> str:
        parent, name = posixpath.split(rr_path)
        return posixpath.join(parent_iso, self._unique(parent, name, False))


def make_drive(path: str, files) -> None:
    """Write the ISO image at ``path`` holding ``files``, (relative path,
    bytes or str) pairs; written to a temporary name and renamed, so a
    failure leaves no half image behind."""
    iso = pycdlib.PyCdlib()
    iso.new(interchange_level=3, vol_ident=VOLUME_LABEL, joliet=3,
            rock_ridge='1.09', pub_ident_str=PUBLISHER,
            app_ident_str=PUBLISHER)
    names = _IsoNames()

    def make_dir(iso_path, rr_name, rr_path):
        iso.add_directory(iso_path, rr_name=rr_name,
                          joliet_path='/' + rr_path)

    for rel_path, data in files:
        if isinstance(data, str):
            data = data.encode('utf-8')
        rel_path = rel_path.strip('/')
        parent = posixpath.dirname(rel_path)
        parent_iso = names.directory(parent, make_dir)
        iso.add_fp(io.BytesIO(data), len(data),
                   names.file(rel_path, parent_iso),
                   rr_name=posixpath.basename(rel_path),
                   joliet_path='/' + rel_path)
    partial = path + '.part'
    try:
        iso.write(partial)
        os.rename(partial, path)
    finally:
        iso.close()
        if os.path.exists(partial):
            os.unlink(partial)


def read_drive(path: str) -> dict[str, bytes]:
    """Every file of a config drive by its Rock Ridge path (tests and
    operators checking what a guest was given)."""
    iso = pycdlib.PyCdlib()
    iso.open(path)
    try:
        found = {}
        for dirpath, _dirs, filenames in iso.walk(rr_path='/'):
            for filename in filenames:
                rr_path = posixpath.join(dirpath, filename)
                buffer = io.BytesIO()
                iso.get_file_from_iso_fp(buffer, rr_path=rr_path)
                found[rr_path.lstrip('/')] = buffer.getvalue()
        return found
    finally:
        iso.close()


def volume_label(path: str) -> str:
    """The image's volume identifier (``config-2``)."""
    iso = pycdlib.PyCdlib()
    iso.open(path)
    try:
        return iso.pvd.volume_identifier.decode('ascii').strip()
    finally:
        iso.close()
