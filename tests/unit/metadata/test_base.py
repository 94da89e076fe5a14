"""An instance's metadata documents in both formats, path by path, as a
guest (cloud-init, cirros-style shell scripts) reads them."""
import base64
import json

import pytest

from minicompute.metadata import base, vendordata
from tests.unit.metadata import fakes


@pytest.fixture
def metadata(conf):
    return base.InstanceMetadata(
        conf, fakes.instance(), fakes.ec2_ids(),
        [fakes.vif([fakes.subnet_v4(floating=['172.24.4.10'])])],
        address='10.0.0.5')


def _text(md, path):
    document = md.lookup(path)
    assert document.content_type == base.TEXT
    return document.body.decode()


def _json(md, path):
    document = md.lookup(path)
    assert document.content_type == base.JSON
    return json.loads(document.body)


def test_ec2_version_list_and_tree(metadata):
    assert _text(metadata, '/').splitlines() == base.EC2_VERSIONS + [
        'latest']
    assert _text(metadata, '/latest').splitlines() == ['meta-data/',
                                                       'user-data']
    assert _text(metadata, '/latest/meta-data/').splitlines() == [
        'ami-id', 'ami-launch-index', 'ami-manifest-path',
        'block-device-mapping/', 'hostname', 'instance-action',
        'instance-id', 'instance-type', 'local-hostname', 'local-ipv4',
        'placement/', 'public-hostname', 'public-ipv4', 'public-keys/',
        'reservation-id', 'security-groups']


@pytest.mark.parametrize('path,expected', [
    ('/latest/meta-data/instance-id', 'i-00000007'),
    ('/latest/meta-data/ami-id', 'ami-00000001'),
    ('/latest/meta-data/ami-launch-index', '0'),
    ('/latest/meta-data/hostname', 'web-1.novalocal'),
    ('/latest/meta-data/local-hostname', 'web-1.novalocal'),
    ('/latest/meta-data/local-ipv4', '10.0.0.5'),
    ('/latest/meta-data/public-ipv4', '172.24.4.10'),
    ('/latest/meta-data/reservation-id', 'r-abcd1234'),
    ('/latest/meta-data/instance-type', 'm1.tiny'),
    ('/latest/meta-data/security-groups', 'default'),
    ('/latest/meta-data/placement/', 'availability-zone'),
    ('/latest/meta-data/placement/availability-zone', 'nova'),
    ('/latest/meta-data/block-device-mapping/', 'ami\nroot'),
    ('/latest/meta-data/block-device-mapping/root', '/dev/vda'),
    ('/latest/meta-data/public-keys/', '0=mykey'),
    ('/latest/meta-data/public-keys/0/', 'openssh-key'),
    ('/latest/meta-data/public-keys/0/openssh-key', fakes.PUBLIC_KEY),
    ('/2009-04-04/meta-data/instance-action', 'none'),
    ('/ec2/latest/meta-data/instance-id', 'i-00000007'),
])
def test_ec2_values(metadata, path, expected):
    assert _text(metadata, path) == expected


def test_ec2_user_data_is_the_raw_bytes(metadata):
    assert metadata.lookup('/latest/user-data').body == fakes.USER_DATA
    assert metadata.lookup('/2009-04-04/user-data').body == fakes.USER_DATA


def test_older_ec2_versions_have_fewer_entries(metadata):
    listing = _text(metadata, '/1.0/meta-data/').splitlines()
    assert 'local-hostname' not in listing
    assert 'placement/' not in listing
    assert 'instance-id' in listing


def test_ec2_without_key_pair_user_data_or_address(conf):
    md = base.InstanceMetadata(
        conf, fakes.instance(key_name=None, keypairs=None, user_data=None,
                             networks='none'),
        fakes.ec2_ids(), [], address='192.0.2.9')
    assert _text(md, '/latest').splitlines() == ['meta-data/']
    listing = _text(md, '/latest/meta-data/').splitlines()
    assert 'public-keys/' not in listing
    # Without a fixed IP the requester's address stands in, as Nova has it.
    assert _text(md, '/latest/meta-data/local-ipv4') == '192.0.2.9'
    assert _text(md, '/latest/meta-data/security-groups') == ''
    for path in ('/latest/user-data', '/latest/meta-data/public-keys/0',
                 '/latest/meta-data/nothing', '/2999-01-01/meta-data/'):
        with pytest.raises(base.InvalidMetadataPath):
            md.lookup(path)


def test_kernel_and_ramdisk_ids_when_the_instance_has_them(conf):
    md = base.InstanceMetadata(conf, fakes.instance(), fakes.ec2_ids(
        kernel_id='aki-00000002', ramdisk_id='ari-00000003'), [])
    assert _text(md, '/latest/meta-data/kernel-id') == 'aki-00000002'
    assert _text(md, '/latest/meta-data/ramdisk-id') == 'ari-00000003'


def test_openstack_versions_and_listing(metadata):
    assert _text(metadata, '/openstack').splitlines() == \
        base.OPENSTACK_VERSIONS + ['latest']
    assert _text(metadata, '/openstack/latest').splitlines() == [
        'meta_data.json', 'user_data', 'vendor_data.json',
        'network_data.json', 'vendor_data2.json']
    assert _text(metadata, '/openstack/2012-08-10/').splitlines() == [
        'meta_data.json', 'user_data']


def test_future_openstack_versions_are_hidden_from_the_list():
    assert base.openstack_versions(today='2016-07-01') == [
        base.FOLSOM, base.GRIZZLY, base.HAVANA, base.LIBERTY,
        base.NEWTON_ONE, 'latest']


def test_meta_data_json(metadata):
    instance = metadata.instance
    data = _json(metadata, '/openstack/latest/meta_data.json')
    seed = data.pop('random_seed')
    assert len(base64.b64decode(seed)) == 512
    assert data == {
        'uuid': instance.uuid,
        'meta': {'role': 'web'},
        'public_keys': {'mykey': fakes.PUBLIC_KEY},
        'keys': [{'name': 'mykey', 'type': 'ssh',
                  'data': fakes.PUBLIC_KEY}],
        'hostname': 'web-1.novalocal',
        'name': 'Web 1',
        'launch_index': 0,
        'availability_zone': 'nova',
        'project_id': 'proj-a',
        'devices': [],
        'dedicated_cpus': [],
    }


def test_meta_data_json_of_the_first_version(metadata):
    data = _json(metadata, '/openstack/2012-08-10/meta_data.json')
    for later in ('random_seed', 'project_id', 'devices',
                  'dedicated_cpus'):
        assert later not in data
    assert data['hostname'] == 'web-1.novalocal'


def test_dhcp_domain_empty_is_the_bare_hostname(conf):
    conf.set_override('dhcp_domain', '', group='metadata')
    md = base.InstanceMetadata(conf, fakes.instance(), fakes.ec2_ids(), [])
    assert _json(md, '/openstack/latest/meta_data.json')[
        'hostname'] == 'web-1'
    assert _text(md, '/latest/meta-data/hostname') == 'web-1'


def test_user_data_and_its_absence(metadata, conf):
    assert metadata.lookup('/openstack/latest/user_data').body == \
        fakes.USER_DATA
    md = base.InstanceMetadata(conf, fakes.instance(user_data=None),
                               fakes.ec2_ids(), [])
    assert 'user_data' not in _text(md, '/openstack/latest').splitlines()
    with pytest.raises(base.InvalidMetadataPath):
        md.lookup('/openstack/latest/user_data')


def test_network_data_json(metadata, conf):
    data = _json(metadata, '/openstack/latest/network_data.json')
    assert data['links'][0]['ethernet_mac_address'] == fakes.MAC
    assert data['networks'][0]['ip_address'] == '10.0.0.5'
    without = base.InstanceMetadata(conf, fakes.instance(),
                                    fakes.ec2_ids(), [])
    assert _json(without, '/openstack/latest/network_data.json') == {}


def test_vendor_data_from_the_static_json_file(conf, tmp_path):
    path = tmp_path / 'vendor.json'
    path.write_text('{"cloud": "minicompute"}')
    conf.set_override('vendordata_jsonfile_path', str(path),
                      group='metadata')
    md = base.InstanceMetadata(conf, fakes.instance(), fakes.ec2_ids(), [],
                               vendor_data=vendordata.VendorData(conf))
    assert _json(md, '/openstack/latest/vendor_data.json') == {
        'cloud': 'minicompute'}
    assert _json(md, '/openstack/latest/vendor_data2.json') == {
        'static': {'cloud': 'minicompute'}}


def test_vendor_data_without_providers(conf):
    conf.set_override('vendordata_providers', [], group='metadata')
    md = base.InstanceMetadata(conf, fakes.instance(), fakes.ec2_ids(), [])
    with pytest.raises(base.InvalidMetadataPath):
        md.lookup('/openstack/latest/vendor_data.json')
    assert _json(md, '/openstack/latest/vendor_data2.json') == {}
    names = [path for path, _ in md.config_drive_files()]
    assert 'openstack/latest/vendor_data.json' not in names
    assert 'openstack/latest/vendor_data2.json' in names


def test_a_broken_vendor_data_file_stops_the_service(conf, tmp_path):
    from minicompute import exception
    path = tmp_path / 'vendor.json'
    path.write_text('{not json')
    conf.set_override('vendordata_jsonfile_path', str(path),
                      group='metadata')
    with pytest.raises(exception.InvalidInput, match='not JSON'):
        vendordata.VendorData(conf)
    conf.set_override('vendordata_jsonfile_path', str(tmp_path / 'none'),
                      group='metadata')
    with pytest.raises(exception.InvalidInput, match='No such file'):
        vendordata.VendorData(conf)


@pytest.mark.parametrize('path', [
    '/openstack/latest/password', '/openstack/1999-01-01/meta_data.json',
    '/openstack/latest/meta_data.json/extra', '/openstack/latest/nothing'])
def test_openstack_paths_that_hold_nothing(metadata, path):
    with pytest.raises(base.InvalidMetadataPath):
        metadata.lookup(path)


def test_config_drive_files(metadata):
    files = dict(metadata.config_drive_files())
    # Nova's default config_drive_skip_versions keeps two EC2 versions.
    assert sorted(p for p in files if p.startswith('ec2/')) == [
        'ec2/2009-04-04/meta-data.json', 'ec2/2009-04-04/user-data',
        'ec2/latest/meta-data.json', 'ec2/latest/user-data']
    ec2 = json.loads(files['ec2/latest/meta-data.json'])
    # The drive's public key has no listing name.
    assert ec2['public-keys'] == {'0': {'openssh-key': fakes.PUBLIC_KEY}}
    assert ec2['instance-id'] == 'i-00000007'
    assert files['ec2/latest/user-data'] == fakes.USER_DATA
    for version in base.OPENSTACK_VERSIONS + ['latest']:
        assert 'openstack/%s/meta_data.json' % version in files
        assert files['openstack/%s/user_data' % version] == fakes.USER_DATA
    assert 'openstack/2012-08-10/network_data.json' not in files
    assert json.loads(files['openstack/latest/network_data.json'])[
        'networks'][0]['ip_address'] == '10.0.0.5'
