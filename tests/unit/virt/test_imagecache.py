"""The image cache and overlays, against real files and real qemu-img."""
import hashlib
import json
import os
import subprocess
import threading
import uuid

import pytest

from minicompute import exception, objects
from minicompute.virt.libvirt import imagecache

objects.register_all()

GiB = 1024 ** 3


def _qemu_img_info(path):
    out = subprocess.run(['qemu-img', 'info', '--output=json', path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def _image(tmp_path, data=b'minicompute image\n' * 100, disk_format='raw',
           checksum=True, size=True, **kwargs):
    path = tmp_path / ('registry-%s' % uuid.uuid4())
    path.write_bytes(data)
    fields = dict(id=str(uuid.uuid4()), status='active',
                  disk_format=disk_format, path=str(path))
    if checksum:
        fields['checksum'] = hashlib.md5(data).hexdigest()
    if size:
        fields['size'] = len(data)
    fields.update(kwargs)
    return objects.ImageMeta(**fields)


@pytest.fixture
def cache(tmp_path):
    return imagecache.ImageCache(str(tmp_path / 'instances'))


def _base_dir_entries(cache):
    if not os.path.isdir(cache.base_dir):
        return []
    return sorted(os.listdir(cache.base_dir))


def test_fetch_copies_into_base(tmp_path, cache):
    image = _image(tmp_path)
    path = cache.fetch_to_base(image)
    assert path == os.path.join(str(tmp_path), 'instances', '_base',
                                image.id)
    with open(image.path, 'rb') as src, open(path, 'rb') as dst:
        assert src.read() == dst.read()
    assert _base_dir_entries(cache) == [image.id]   # no temp file left


def test_fetch_once(tmp_path, cache):
    image = _image(tmp_path)
    first = cache.fetch_to_base(image)
    inode = os.stat(first).st_ino
    os.unlink(image.path)     # a second copy would now fail
    assert cache.fetch_to_base(image) == first
    assert os.stat(first).st_ino == inode


def test_concurrent_fetches_copy_once(tmp_path, cache, monkeypatch):
    image = _image(tmp_path)
    copies = []
    real_copy = imagecache._copy_and_hash

    def counting_copy(src, dst):
        copies.append(src)
        return real_copy(src, dst)

    monkeypatch.setattr(imagecache, '_copy_and_hash', counting_copy)
    results = []
    threads = [threading.Thread(
        target=lambda: results.append(cache.fetch_to_base(image)))
        for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(copies) == 1
    assert len(results) == 8 and len(set(results)) == 1


def test_fetch_without_checksum_or_size(tmp_path, cache):
    image = _image(tmp_path, checksum=False, size=False)
    assert os.path.isfile(cache.fetch_to_base(image))


def test_checksum_mismatch_raises_and_leaves_no_file(tmp_path, cache):
    image = _image(tmp_path, checksum=False)
    image.checksum = hashlib.md5(b'something else').hexdigest()
    with pytest.raises(exception.ImageUnacceptable, match='checksum'):
        cache.fetch_to_base(image)
    assert _base_dir_entries(cache) == []


def test_size_mismatch_raises_and_leaves_no_file(tmp_path, cache):
    image = _image(tmp_path, size=False)
    image.size = 1
    with pytest.raises(exception.ImageUnacceptable, match='size'):
        cache.fetch_to_base(image)
    assert _base_dir_entries(cache) == []


def test_missing_image_file_raises(tmp_path, cache):
    image = _image(tmp_path)
    os.unlink(image.path)
    with pytest.raises(exception.ImageUnacceptable, match='missing'):
        cache.fetch_to_base(image)
    assert _base_dir_entries(cache) == []


def test_image_id_cannot_escape_base_dir(tmp_path, cache):
    with pytest.raises(exception.ImageUnacceptable):
        cache.base_path('../etc')


def test_disk_format():
    assert imagecache.disk_format(objects.ImageMeta(disk_format='qcow2')) \
        == 'qcow2'
    for fmt in ('raw', 'iso', None):
        assert imagecache.disk_format(objects.ImageMeta(disk_format=fmt)) \
            == 'raw'
    assert imagecache.disk_format(objects.ImageMeta()) == 'raw'


def _make_qcow2(path, size):
    subprocess.run(['qemu-img', 'create', '-f', 'qcow2', str(path), size],
                   check=True, capture_output=True)


def test_overlay_has_requested_size_and_backing(tmp_path):
    base = tmp_path / 'base'
    _make_qcow2(base, '512M')
    disk = tmp_path / 'disk'
    imagecache.create_overlay(str(base), str(disk), 'qcow2', 2)
    info = _qemu_img_info(str(disk))
    assert info['format'] == 'qcow2'
    assert info['virtual-size'] == 2 * GiB
    assert info['backing-filename'] == str(base)
    assert info['backing-filename-format'] == 'qcow2'


def test_overlay_over_raw_base(tmp_path):
    base = tmp_path / 'base'
    base.write_bytes(b'\0' * 1024 * 1024)
    disk = tmp_path / 'disk'
    imagecache.create_overlay(str(base), str(disk), 'raw', 1)
    info = _qemu_img_info(str(disk))
    assert info['virtual-size'] == GiB
    assert info['backing-filename-format'] == 'raw'


def test_overlay_size_zero_keeps_image_size(tmp_path):
    base = tmp_path / 'base'
    _make_qcow2(base, '3M')
    disk = tmp_path / 'disk'
    imagecache.create_overlay(str(base), str(disk), 'qcow2', 0)
    assert _qemu_img_info(str(disk))['virtual-size'] == 3 * 1024 * 1024


def test_flavor_disk_too_small(tmp_path):
    base = tmp_path / 'base'
    _make_qcow2(base, '2G')
    disk = tmp_path / 'disk'
    with pytest.raises(exception.FlavorDiskTooSmall) as excinfo:
        imagecache.create_overlay(str(base), str(disk), 'qcow2', 1)
    assert str(2 * GiB) in str(excinfo.value)
    assert not disk.exists()


def test_base_with_backing_file_refused(tmp_path):
    backing = tmp_path / 'secret'
    backing.write_bytes(b'host data')
    base = tmp_path / 'base'
    subprocess.run(['qemu-img', 'create', '-f', 'qcow2', '-F', 'raw', '-b',
                    str(backing), str(base)], check=True, capture_output=True)
    with pytest.raises(exception.ImageUnacceptable, match='backing file'):
        imagecache.create_overlay(str(base), str(tmp_path / 'disk'),
                                  'qcow2', 1)


def test_base_not_of_declared_format_refused(tmp_path):
    base = tmp_path / 'base'
    base.write_bytes(b'not a qcow2 header' * 100)
    with pytest.raises(exception.ImageUnacceptable, match='not a valid'):
        imagecache.create_overlay(str(base), str(tmp_path / 'disk'),
                                  'qcow2', 1)
