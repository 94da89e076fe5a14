"""/os-hypervisors and /os-services through the REST API."""
from tests.functional import client as api_client

NANO = '42'


def test_hypervisors_report_real_usage(admin, user, image_id, aio):
    user.get('/os-hypervisors', expect=403)
    listed = admin.get('/os-hypervisors').json()['hypervisors']
    assert {h['hypervisor_hostname'] for h in listed} == set(
        aio.compute_hosts())
    assert all(h['state'] == 'up' and h['status'] == 'enabled'
               for h in listed)
    server = admin.create_server('hv', image_id, NANO)['server']
    active = api_client.wait_for_state(admin, server['id'], 'ACTIVE')
    host = active['OS-EXT-SRV-ATTR:host']
    detail = {h['hypervisor_hostname']: h for h in
              admin.get('/os-hypervisors/detail').json()['hypervisors']}
    node = detail[host]
    # 3072 MB and 16 vCPUs: libvirt's test driver, as reported by libvirt.
    assert (node['memory_mb'], node['vcpus']) == (3072, 16)
    assert node['hypervisor_type'] == 'TEST'
    assert node['memory_mb_used'] >= 128 and node['vcpus_used'] >= 1
    assert node['free_ram_mb'] == node['memory_mb'] - node['memory_mb_used']
    shown = admin.get('/os-hypervisors/%s' % node['id']).json()
    assert shown['hypervisor']['hypervisor_hostname'] == host
    admin.get('/os-hypervisors/999999', expect=404)
    servers = admin.get('/os-hypervisors/%s/servers' % host).json()
    assert server['id'] in [s['uuid'] for s in
                            servers['hypervisors'][0]['servers']]
    stats = admin.get('/os-hypervisors/statistics').json()[
        'hypervisor_statistics']
    assert stats['count'] == len(aio.compute_hosts())
    admin.delete('/servers/%s' % server['id'], expect=204)
    api_client.wait_until_deleted(admin, server['id'])


def test_disabled_compute_gets_no_servers(admin, user, image_id, aio):
    user.get('/os-services', expect=403)
    services = admin.get('/os-services').json()['services']
    binaries = {s['binary'] for s in services}
    assert {'minicompute-conductor', 'minicompute-scheduler',
            'minicompute-compute'} <= binaries
    first, second = aio.compute_hosts()
    body = {'host': first, 'binary': 'minicompute-compute',
            'disabled_reason': 'maintenance'}
    reply = admin.request('PUT', '/os-services/disable-log-reason',
                          json=body, expect=200).json()['service']
    assert reply == {'host': first, 'binary': 'minicompute-compute',
                     'status': 'disabled',
                     'disabled_reason': 'maintenance'}
    try:
        ids = [admin.create_server('dis-%d' % i, image_id,
                                   NANO)['server']['id'] for i in range(3)]
        for server_id in ids:
            active = api_client.wait_for_state(admin, server_id, 'ACTIVE')
            assert active['OS-EXT-SRV-ATTR:host'] == second
        for server_id in ids:
            admin.delete('/servers/%s' % server_id, expect=204)
        for server_id in ids:
            api_client.wait_until_deleted(admin, server_id)
    finally:
        admin.request('PUT', '/os-services/enable', json={
            'host': first, 'binary': 'minicompute-compute'}, expect=200)
    admin.request('PUT', '/os-services/enable', json={
        'host': 'nope', 'binary': 'minicompute-compute'}, expect=404)
    admin.request('PUT', '/os-services/enable', json={'host': first},
                  expect=400)
    admin.delete('/os-services/999999', expect=404)
