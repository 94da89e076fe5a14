"""The Glance v2 subset at /image on the API port, and the clients that
use it: create, upload, list, filter, patch, download, delete; and a server
booted from an image found by name."""
import hashlib

import requests

from tests.functional import client as api_client


def _image_api(aio, token='admin:admin'):
    root = aio.endpoint.rsplit('/v2.1', 1)[0] + '/image'
    return api_client.ApiClient(root, token)


def test_versions_need_no_token(aio):
    root = aio.endpoint.rsplit('/v2.1', 1)[0] + '/image/'
    response = requests.get(root, timeout=10)
    assert response.status_code == 300
    assert response.json()['versions'][0]['status'] == 'CURRENT'


def test_image_lifecycle_over_http(aio):
    api = _image_api(aio, 'alice:imgproj')
    created = api.post('/v2/images', {
        'name': 'cirrus', 'disk_format': 'raw', 'container_format': 'bare',
        'visibility': 'private', 'hw_disk_bus': 'virtio',
        'tags': ['a', 'b']}, expect=201).json()
    image_id = created['id']
    assert created['status'] == 'queued' and created['size'] is None
    assert created['hw_disk_bus'] == 'virtio'
    assert created['tags'] == ['a', 'b']
    data = b'\x01' * 4096
    api.request('PUT', '/v2/images/%s/file' % image_id, expect=204,
                data=data,
                headers={'Content-Type': 'application/octet-stream'})
    shown = api.get('/v2/images/%s' % image_id).json()
    assert shown['status'] == 'active' and shown['size'] == 4096
    assert shown['checksum'] == hashlib.md5(data).hexdigest()
    # A second upload is refused; the data comes back as it went in.
    api.request('PUT', '/v2/images/%s/file' % image_id, expect=409,
                data=data,
                headers={'Content-Type': 'application/octet-stream'})
    download = api.get('/v2/images/%s/file' % image_id)
    assert download.content == data
    assert download.headers['Content-MD5'] == shown['checksum']
    # Filters and paging.
    by_name = api.get('/v2/images?name=cirrus').json()['images']
    assert [i['id'] for i in by_name] == [image_id]
    by_id = api.get('/v2/images?id=in:%s,nope' % image_id).json()
    assert [i['id'] for i in by_id['images']] == [image_id]
    page = api.get('/v2/images?limit=1').json()
    assert len(page['images']) == 1 and 'next' in page
    api.get('/v2/images?limit=x', expect=400)
    # JSON patch.
    patched = api.request(
        'PATCH', '/v2/images/%s' % image_id, expect=200,
        json=[{'op': 'replace', 'path': '/name', 'value': 'cirrus2'},
              {'op': 'add', 'path': '/os_distro', 'value': 'busybox'},
              {'op': 'remove', 'path': '/hw_disk_bus'}],
        headers={'Content-Type':
                 'application/openstack-images-v2.1-json-patch'}).json()
    assert patched['name'] == 'cirrus2'
    assert patched['os_distro'] == 'busybox'
    assert 'hw_disk_bus' not in patched
    api.request('PATCH', '/v2/images/%s' % image_id, expect=403,
                json=[{'op': 'replace', 'path': '/size', 'value': 1}],
                headers={'Content-Type':
                         'application/openstack-images-v2.1-json-patch'})
    # Private: another project neither sees nor deletes it.
    other = _image_api(aio, 'bob:elsewhere')
    other.get('/v2/images/%s' % image_id, expect=404)
    assert image_id not in [i['id'] for i in
                            other.get('/v2/images').json()['images']]
    other.delete('/v2/images/%s' % image_id, expect=404)
    api.delete('/v2/images/%s' % image_id, expect=204)
    api.get('/v2/images/%s' % image_id, expect=404)


def test_bad_image_requests(aio):
    api = _image_api(aio)
    api.post('/v2/images', {'visibility': 'everyone'}, expect=400)
    api.post('/v2/images', {'size': 5}, expect=403)
    api.post('/v2/images', {'min_ram': -1}, expect=400)
    api.request('POST', '/v2/images', expect=400, data='{nope',
                headers={'Content-Type': 'application/json'})
    api.get('/v2/images/%s' % 'f' * 36, expect=404)
    assert requests.get(api.endpoint + '/v2/images',
                        timeout=10).status_code == 401


def test_openstacksdk_uploads_and_boots_by_name(aio, tmp_path):
    import openstack
    root = aio.endpoint.rsplit('/v2.1', 1)[0]
    conn = openstack.connect(auth_type='admin_token', token='admin:admin',
                             endpoint=aio.endpoint,
                             compute_endpoint_override=aio.endpoint,
                             image_endpoint_override=root + '/image')
    path = tmp_path / 'disk.raw'
    path.write_bytes(b'\0' * 65536)
    image = conn.image.create_image(name='sdk-image', filename=str(path),
                                    disk_format='raw',
                                    container_format='bare',
                                    visibility='public')
    # Like Glance, the POST answers 'queued'; the upload activates it.
    image = conn.image.get_image(image)
    assert image.status == 'active' and image.size == 65536
    found = conn.image.find_image('sdk-image')
    assert found.id == image.id
    assert 'sdk-image' in [i.name for i in conn.image.images()]
    server = conn.compute.create_server(name='by-name', image_id=found.id,
                                        flavor_id='42', networks='none')
    server = conn.compute.wait_for_server(server, status='ACTIVE', wait=60,
                                          interval=0.5)
    conn.compute.delete_server(server)
    conn.compute.wait_for_delete(server, wait=60, interval=0.5)
    conn.image.delete_image(image)
    assert conn.image.find_image('sdk-image') is None
