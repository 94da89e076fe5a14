"""network_data.json and the EC2 addresses from network_info, as Nova's
netutils lays them out (what cloud-init's OpenStack datasource reads)."""
from minicompute.metadata import netdata
from tests.unit.metadata import fakes


def test_no_vifs_is_no_network_data():
    assert netdata.network_data([]) is None
    # The legacy request strings carry no VIFs.
    assert netdata.network_data('auto') is None
    assert netdata.network_data(None) is None


def test_static_ipv4_and_ipv6_network():
    info = [fakes.vif([fakes.subnet_v4(), fakes.subnet_v6()])]
    data = netdata.network_data(info)
    assert data['links'] == [{
        'id': 'tapa1b2c3d4-e5', 'vif_id': fakes.PORT_ID, 'type': 'bridge',
        'mtu': 1450, 'ethernet_mac_address': fakes.MAC}]
    v4, v6 = data['networks']
    assert v4 == {
        'id': 'network0', 'type': 'ipv4', 'link': 'tapa1b2c3d4-e5',
        'ip_address': '10.0.0.5', 'netmask': '255.255.255.0',
        'routes': [
            {'network': '0.0.0.0', 'netmask': '0.0.0.0',
             'gateway': '10.0.0.1'},
            {'network': '192.168.0.0', 'netmask': '255.255.0.0',
             'gateway': '10.0.0.254'}],
        'network_id': fakes.NETWORK_ID,
        'services': [{'type': 'dns', 'address': '10.0.0.2'}]}
    assert v6['id'] == 'network1'
    assert v6['type'] == 'ipv6'
    assert v6['ip_address'] == 'fd00:1::5'
    assert v6['netmask'] == 'ffff:ffff:ffff:ffff::'
    assert v6['routes'] == [{'network': '::', 'netmask': '::',
                             'gateway': 'fd00:1::1'}]
    assert data['services'] == [{'type': 'dns', 'address': '10.0.0.2'},
                                {'type': 'dns', 'address': 'fd00:1::2'}]


def test_dhcp_subnet_says_dhcp_and_leaves_the_mtu_to_it():
    info = [fakes.vif([fakes.subnet_v4(dhcp=True)])]
    data = netdata.network_data(info)
    assert data['networks'] == [{'id': 'network0', 'type': 'ipv4_dhcp',
                                 'link': 'tapa1b2c3d4-e5',
                                 'network_id': fakes.NETWORK_ID}]
    assert data['links'][0]['mtu'] is None
    assert data['services'] == [{'type': 'dns', 'address': '10.0.0.2'}]


def test_two_vifs_unknown_type_and_no_devname():
    second = fakes.vif([fakes.subnet_v4(address='10.0.0.6')],
                       port_id='p2', mac='fa:16:3e:00:00:02',
                       vif_type='unbound', devname=None)
    data = netdata.network_data([fakes.vif([fakes.subnet_v4()]), second])
    assert [link['id'] for link in data['links']] == ['tapa1b2c3d4-e5',
                                                      'interface1']
    assert data['links'][1]['type'] == 'phy'
    assert [n['link'] for n in data['networks']] == ['tapa1b2c3d4-e5',
                                                     'interface1']
    # The same DNS server is listed once.
    assert data['services'] == [{'type': 'dns', 'address': '10.0.0.2'}]


def test_vif_without_subnets_is_skipped():
    bare = fakes.vif([])
    data = netdata.network_data([bare, fakes.vif([fakes.subnet_v4()])])
    assert [link['id'] for link in data['links']] == ['tapa1b2c3d4-e5']
    assert data['links'][0]['id'] == 'tapa1b2c3d4-e5'


def test_ip_info_lists_fixed_and_floating_addresses():
    info = [fakes.vif([fakes.subnet_v4(floating=['172.24.4.10']),
                       fakes.subnet_v6()])]
    assert netdata.ip_info(info) == {'fixed_ips': ['10.0.0.5'],
                                     'fixed_ip6s': ['fd00:1::5'],
                                     'floating_ips': ['172.24.4.10']}
