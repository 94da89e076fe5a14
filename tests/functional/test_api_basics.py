"""Versions, microversions, auth, faults, flavors and images."""
import requests

from minicompute.api.openstack import api_version_request as avr
from tests.functional import client as api_client


def _root(aio):
    return aio.endpoint.rsplit('/v2.1', 1)[0]


def test_version_documents_need_no_token(aio):
    root = requests.get(_root(aio) + '/', timeout=10)
    assert root.status_code == 200
    (version,) = root.json()['versions']
    assert version['id'] == 'v2.1' and version['status'] == 'CURRENT'
    assert version['min_version'] == '2.1'
    v21 = requests.get(aio.endpoint + '/', timeout=10)
    assert v21.status_code == 200
    assert v21.json()['version']['id'] == 'v2.1'


def test_missing_token_is_401(aio):
    response = requests.get(aio.endpoint + '/servers', timeout=10)
    assert response.status_code == 401
    assert response.json()['unauthorized']['code'] == 401


def test_microversion_negotiation(admin):
    response = admin.get('/flavors', headers={
        'OpenStack-API-Version': 'compute latest'})
    assert response.headers['OpenStack-API-Version'] == \
        'compute %s' % avr.MAX_VERSION
    assert 'OpenStack-API-Version' in response.headers['Vary']
    legacy = admin.get('/flavors', headers={
        'X-OpenStack-Nova-API-Version': '2.1'})
    assert legacy.headers['X-OpenStack-Nova-API-Version'] == '2.1'
    too_new = admin.get('/flavors', expect=406, headers={
        'OpenStack-API-Version': 'compute 2.999'})
    assert too_new.json()['notAcceptable']['code'] == 406
    bad = admin.get('/flavors', expect=400, headers={
        'OpenStack-API-Version': 'compute two'})
    assert 'invalid format' in bad.json()['badRequest']['message']


def test_request_id_headers(admin):
    response = admin.get('/flavors')
    assert response.headers['X-OpenStack-Request-Id'].startswith('req-')
    assert response.headers['X-Compute-Request-Id'] == \
        response.headers['X-OpenStack-Request-Id']


def test_unknown_path_and_method(admin):
    admin.get('/flavors/1/nothing-here', expect=404)
    admin.get('/nothing-here/at-all', expect=404)
    response = admin.request('PUT', '/flavors', expect=405)
    assert 'GET' in response.headers['Allow']


def test_flavors(admin, user):
    names = [f['name'] for f in admin.get('/flavors').json()['flavors']]
    assert {'m1.nano', 'm1.tiny', 'm1.small'} <= set(names)
    tiny = admin.get('/flavors/1').json()['flavor']
    assert (tiny['ram'], tiny['vcpus'], tiny['disk']) == (512, 1, 1)
    detail = admin.get('/flavors/detail').json()['flavors']
    assert all('os-flavor-access:is_public' in f for f in detail)
    admin.get('/flavors/does-not-exist', expect=404)
    body = {'flavor': {'name': 'custom.x', 'ram': 256, 'vcpus': 2,
                       'disk': 2, 'id': 'custom-x'}}
    user.post('/flavors', body, expect=403)
    created = admin.post('/flavors', body, expect=200).json()['flavor']
    assert created['id'] == 'custom-x' and created['vcpus'] == 2
    conflict = admin.post('/flavors', body, expect=409).json()
    assert conflict['conflictingRequest']['code'] == 409
    admin.delete('/flavors/custom-x', expect=202)
    admin.get('/flavors/custom-x', expect=404)


def test_flavor_paging(admin):
    page = admin.get('/flavors?limit=1').json()
    assert len(page['flavors']) == 1
    assert page['flavors_links'][0]['rel'] == 'next'
    admin.get('/flavors?limit=-1', expect=400)
    admin.get('/flavors?limit=abc', expect=400)


def test_images_proxy(admin, image_id):
    image = admin.get('/images/%s' % image_id).json()['image']
    assert image['status'] == 'ACTIVE' and image['name'] == 'tiny'
    assert image['OS-EXT-IMG-SIZE:size'] == 1024 * 1024
    admin.get('/images/nope', expect=404)
    listed = admin.get('/images/detail').json()['images']
    assert image_id in [i['id'] for i in listed]


def test_server_not_found_is_404(admin):
    body = admin.get('/servers/00000000-0000-0000-0000-000000000000',
                     expect=404).json()
    assert body['itemNotFound']['message'].endswith('could not be found.')


def test_openstacksdk_lists_flavors_and_boots(aio):
    import openstack
    conn = openstack.connect(auth_type='admin_token', token='admin:admin',
                             endpoint=aio.endpoint,
                             compute_endpoint_override=aio.endpoint)
    flavors = {f.name: f for f in conn.compute.flavors()}
    assert 'm1.nano' in flavors
    image = next(conn.compute.images())
    server = conn.compute.create_server(name='sdk', image_id=image.id,
                                        flavor_id=flavors['m1.nano'].id,
                                        networks='none')
    server = conn.compute.wait_for_server(server, status='ACTIVE', wait=60,
                                          interval=0.5)
    assert server.status == 'ACTIVE'
    conn.compute.delete_server(server)
    conn.compute.wait_for_delete(server, wait=60, interval=0.5)
    admin = api_client.ApiClient(aio.endpoint)
    admin.get('/servers/%s' % server.id, expect=404)


def test_oversized_body_is_413(admin, aio):
    limit = aio.conf.api.max_request_body_size
    body = '{"server": {"name": "%s"}}' % ('x' * limit)
    response = admin.request('POST', '/servers', expect=413, data=body,
                             headers={'Content-Type': 'application/json'})
    assert response.json()['overLimit']['code'] == 413


def test_project_id_in_urls(aio, user):
    """Every route also answers under /v2.1/{project_id}/, and links keep
    that form; another project's id in the URL is a 400 (as Nova)."""
    project = user.session.headers['X-Auth-Token'].split(':')[1]
    flavors = user.get('/%s/flavors' % project).json()['flavors']
    assert flavors
    self_link = flavors[0]['links'][0]['href']
    assert '/v2.1/%s/flavors/' % project in self_link
    assert '/%s/flavors/' % project in flavors[0]['links'][1]['href']
    assert user.get('/flavors').json()['flavors'][0]['links'][0][
        'href'].endswith('/v2.1/flavors/%s' % flavors[0]['id'])
    assert user.get('/%s/' % project).json()['version']['id'] == 'v2.1'
    wrong = user.get('/other-project/servers', expect=400)
    assert "doesn't match Context's project_id" in \
        wrong.json()['badRequest']['message']
