"""What a guest is told about its networks, from the instance's
``network_info``: ``network_data.json`` (links, networks, services, in the
layout Nova's netutils writes and cloud-init's OpenStack datasource reads)
and the addresses of the EC2 metadata (``local-ipv4``, ``public-ipv4``).

``network_info`` is a list of VIFs in Nova's network model shape (see
minicompute/network/model.py): dicts with ``id``, ``address`` (the MAC),
``type``, ``devname`` and ``network`` {``id``, ``label``, ``meta``
{``mtu``}, ``subnets`` [{``cidr``, ``version``, ``gateway`` {address},
``dns`` [{address}], ``ips`` [{address, version, floating_ips}],
``routes`` [{cidr, gateway}], ``meta`` {enable_dhcp, dhcp_server,
ipv6_address_mode}}]}. Anything that is not such a list (``'none'``,
``'auto'``, None) is no VIFs.

    network_data(network_info) -> {'links': [...], 'networks': [...],
                                    'services': [...]}
"""
from __future__ import annotations

import netaddr

# VIF types Nova has always shown guests as the link type; anything else
# is shown as a physical NIC ('phy').
EXPOSED_VIF_TYPES = ('bridge', 'dvs', 'hw_veb', 'hyperv', 'ovs', 'tap',
                     'vhostuser', 'vif')


def vifs(network_info) -> list:
    """The VIF list of ``network_info``; [] for the legacy strings."""
    if isinstance(network_info, (list, tuple)):
        return list(network_info)
    return []


def _meta(model: dict | None) -> dict:
    return (model or {}).get('meta') or {}


def _version(item: dict, key: str) -> int | None:
    if item.get('version'):
        return int(item['version'])
    value = item.get(key)
    return netaddr.IPNetwork(value).version if value else None


def _first_subnet(network: dict, version: int) -> dict | None:
    for subnet in network.get('subnets') or []:
        if _version(subnet, 'cidr') == version:
            return subnet
    return None


def _link(vif: dict, index: int) -> dict:
    network = vif['network']
    uses_dhcp_server = any(_meta(subnet).get('dhcp_server')
                           for subnet in network.get('subnets') or [])
    vif_type = vif.get('type')
    return {
        'id': vif.get('devname') or 'interface%d' % index,
        'vif_id': vif.get('id'),
        'type': vif_type if vif_type in EXPOSED_VIF_TYPES else 'phy',
        # With a DHCP server the guest learns the MTU from it.
        'mtu': None if uses_dhcp_server else _meta(network).get('mtu'),
        'ethernet_mac_address': vif.get('address'),
    }


def _dns_services(subnet: dict) -> list[dict]:
    return [{'type': 'dns', 'address': dns.get('address')}
            for dns in subnet.get('dns') or []]


def _default_route(subnet: dict, version: int) -> list[dict]:
    gateway = (subnet.get('gateway') or {}).get('address')
    if not gateway:
        return []
    anywhere = '0.0.0.0' if version == 4 else '::'
    return [{'network': anywhere, 'netmask': anywhere, 'gateway': gateway}]


def _network(vif: dict, subnet: dict, version: int, index: int,
             link_id: str) -> dict:
    """One entry of ``networks``: a DHCP one says only that; a static one
    carries the address, mask, routes and DNS servers."""
    meta = _meta(subnet)
    network_id = vif['network'].get('id')
    name = 'network%d' % index
    suffix = ''
    if meta.get('ipv6_address_mode') is not None:
        suffix = '_%s' % meta['ipv6_address_mode']
    elif meta.get('dhcp_server') is not None or meta.get('enable_dhcp'):
        return {'id': name, 'type': 'ipv%d_dhcp' % version,
                'link': link_id, 'network_id': network_id}
    cidr = netaddr.IPNetwork(subnet['cidr'])
    routes = _default_route(subnet, version)
    for route in subnet.get('routes') or []:
        destination = netaddr.IPNetwork(route['cidr'])
        routes.append({'network': str(destination.network),
                       'netmask': str(destination.netmask),
                       'gateway': (route.get('gateway') or {}).get(
                           'address')})
    return {
        'id': name,
        'type': 'ipv%d%s' % (version, suffix),
        'link': link_id,
        'ip_address': subnet['ips'][0]['address'],
        'netmask': str(cidr.netmask),
        'routes': routes,
        'network_id': network_id,
        'services': _dns_services(subnet),
    }


def network_data(network_info) -> dict | None:
    """``network_data.json``; None when the instance has no VIFs (Nova
    then serves ``{}``).

    Each VIF with a subnet is a link (named after its devname); the first
    IPv4 and the first IPv6 subnet with an address on it are networks;
    the DNS servers of all of them, once each, are the services.
    """
    all_vifs = vifs(network_info)
    if not all_vifs:
        return None
    links, networks, services = [], [], []
    link_index = -1
    for vif in all_vifs:
        network = vif.get('network')
        if not network or not network.get('subnets'):
            continue
        link_index += 1
        by_version = [(version, _first_subnet(network, version))
                      for version in (4, 6)]
        by_version = [(version, subnet) for version, subnet in by_version
                      if subnet is not None]
        if not by_version:
            continue
        link = _link(vif, link_index)
        links.append(link)
        for version, subnet in by_version:
            if not subnet.get('ips'):
                continue
            networks.append(_network(vif, subnet, version, len(networks),
                                     link['id']))
            for service in _dns_services(subnet):
                if service not in services:
                    services.append(service)
    return {'links': links, 'networks': networks, 'services': services}


def ip_info(network_info) -> dict:
    """The instance's fixed IPv4, IPv6 and floating addresses, in VIF
    order (the EC2 metadata's local-ipv4 and public-ipv4 are the first)."""
    fixed_v4, fixed_v6, floating = [], [], []
    for vif in vifs(network_info):
        for subnet in (vif.get('network') or {}).get('subnets') or []:
            for ip in subnet.get('ips') or []:
                if _version(ip, 'address') == 6:
                    fixed_v6.append(ip['address'])
                else:
                    fixed_v4.append(ip['address'])
                floating += [f['address']
                             for f in ip.get('floating_ips') or []]
    return {'fixed_ips': fixed_v4, 'fixed_ip6s': fixed_v6,
            'floating_ips': floating}
