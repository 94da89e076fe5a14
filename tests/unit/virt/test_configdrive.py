"""Config drive images: written by pycdlib, read back by pycdlib."""
import pytest

from minicompute.virt import configdrive


def test_round_trip_keeps_rock_ridge_names(tmp_path):
    files = [('openstack/latest/meta_data.json', b'{"uuid": "x"}'),
             ('openstack/latest/vendor_data.json', b'{}'),
             ('openstack/latest/vendor_data2.json', '{"static": {}}'),
             ('openstack/2012-08-10/user_data', b'#!/bin/sh\n'),
             ('ec2/latest/meta-data.json', b'{}'),
             ('ec2/latest/user-data', b'\x00\xffbinary')]
    path = str(tmp_path / 'disk.config')
    configdrive.make_drive(path, files)
    assert configdrive.read_drive(path) == {
        name: data if isinstance(data, bytes) else data.encode()
        for name, data in files}
    assert configdrive.volume_label(path) == 'config-2'
    assert not (tmp_path / 'disk.config.part').exists()


def test_names_that_collide_in_iso9660_stay_apart(tmp_path):
    # Both render as META_DATA.JSON in plain ISO 9660.
    files = [('a/meta-data.json', b'1'), ('a/meta_data.json', b'2'),
             ('a/' + 'x' * 40 + '.json', b'3'),
             ('a/' + 'x' * 40 + 'y.json', b'4')]
    path = str(tmp_path / 'disk.config')
    configdrive.make_drive(path, files)
    assert configdrive.read_drive(path) == dict(files)


def test_a_failed_write_leaves_nothing(tmp_path, monkeypatch):
    import pycdlib

    def broken_write(self, filename, *args, **kwargs):
        with open(filename, 'wb') as f:
            f.write(b'half')
        raise OSError('disk full')
    monkeypatch.setattr(pycdlib.PyCdlib, 'write', broken_write)
    with pytest.raises(OSError):
        configdrive.make_drive(str(tmp_path / 'disk.config'),
                               [('a/b', b'c')])
    assert list(tmp_path.iterdir()) == []
