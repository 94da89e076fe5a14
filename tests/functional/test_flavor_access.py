"""Private flavors and their access lists, through the REST API."""
from tests.functional import client as api_client


def _private_flavor(admin, flavor_id):
    return admin.post('/flavors', {'flavor': {
        'name': 'private-%s' % flavor_id, 'ram': 128, 'vcpus': 1,
        'disk': 1, 'id': flavor_id,
        'os-flavor-access:is_public': False}}, expect=200).json()['flavor']


def _flavor_ids(client, path='/flavors'):
    return [f['id'] for f in client.get(path).json()['flavors']]


def test_private_flavor_needs_access(admin, user, image_id):
    flavor = _private_flavor(admin, 'priv-1')
    project = user.session.headers['X-Auth-Token'].split(':')[1]
    access = '/flavors/priv-1/os-flavor-access'
    try:
        # Hidden from a project without access: list, show, boot.
        assert 'priv-1' not in _flavor_ids(user)
        user.get('/flavors/priv-1', expect=404)
        user.post('/servers', {'server': {
            'name': 'x', 'imageRef': image_id, 'flavorRef': 'priv-1',
            'networks': 'none'}}, expect=400)
        assert admin.get(access).json() == {'flavor_access': []}

        granted = admin.post('/flavors/priv-1/action', {
            'addTenantAccess': {'tenant': project}}, expect=200).json()
        assert granted == {'flavor_access': [
            {'flavor_id': 'priv-1', 'tenant_id': project}]}
        admin.post('/flavors/priv-1/action', {
            'addTenantAccess': {'tenant': project}}, expect=409)
        assert 'priv-1' in _flavor_ids(user)
        assert 'priv-1' in _flavor_ids(user, '/flavors/detail')
        assert user.get('/flavors/priv-1').json()['flavor'][
            'os-flavor-access:is_public'] is False
        server = user.create_server('private', image_id, 'priv-1')
        api_client.wait_for_state(user, server['server']['id'], 'ACTIVE')
        user.delete('/servers/%s' % server['server']['id'], expect=204)
        api_client.wait_until_deleted(user, server['server']['id'])

        admin.post('/flavors/priv-1/action', {
            'removeTenantAccess': {'tenant': project}}, expect=200)
        admin.post('/flavors/priv-1/action', {
            'removeTenantAccess': {'tenant': project}}, expect=404)
        assert 'priv-1' not in _flavor_ids(user)
        user.get('/flavors/priv-1', expect=404)
    finally:
        admin.delete('/flavors/%s' % flavor['id'], expect=202)


def test_flavor_access_errors(admin, user):
    _private_flavor(admin, 'priv-2')
    try:
        user.get('/flavors/priv-2/os-flavor-access', expect=403)
        user.post('/flavors/priv-2/action', {
            'addTenantAccess': {'tenant': 'p'}}, expect=403)
        admin.get('/flavors/42/os-flavor-access', expect=404)
        admin.post('/flavors/nope/action', {
            'addTenantAccess': {'tenant': 'p'}}, expect=404)
        admin.get('/flavors/nope/os-flavor-access', expect=404)
        for body in ({}, {'addTenantAccess': {}},
                     {'addTenantAccess': {'tenant': 'p', 'x': 1}},
                     {'addTenantAccess': {'tenant': 'p'},
                      'removeTenantAccess': {'tenant': 'p'}},
                     {'bogusAction': {'tenant': 'p'}}):
            admin.post('/flavors/priv-2/action', body, expect=400)
        # Deleting the flavor takes its access list with it.
        admin.post('/flavors/priv-2/action', {
            'addTenantAccess': {'tenant': 'p'}}, expect=200)
    finally:
        admin.delete('/flavors/priv-2', expect=202)
    admin.get('/flavors/priv-2/os-flavor-access', expect=404)


def test_public_flavor_access_below_2_7_is_recorded(admin):
    """Nova records access to a public flavor before 2.7 (it changes
    nothing: everyone may use the flavor) and refuses it from 2.7."""
    granted = admin.post('/flavors/42/action', {
        'addTenantAccess': {'tenant': 'p-26'}}, expect=200).json()
    assert {'flavor_id': '42', 'tenant_id': 'p-26'} in \
        granted['flavor_access']
    # The list itself stays unavailable for a public flavor.
    admin.get('/flavors/42/os-flavor-access', expect=404)
    admin.post('/flavors/42/action', {
        'removeTenantAccess': {'tenant': 'p-26'}}, expect=200)
    admin.post('/flavors/42/action', {
        'removeTenantAccess': {'tenant': 'p-26'}}, expect=404)


def test_public_flavor_access_from_2_7_is_409(aio):
    for version in ('2.7', '2.79'):
        admin = api_client.ApiClient(aio.endpoint, microversion=version)
        fault = admin.post('/flavors/42/action', {
            'addTenantAccess': {'tenant': 'p-27'}}, expect=409).json()
        assert fault == {'conflictingRequest': {
            'code': 409,
            'message': 'Can not add access to a public flavor.'}}
        # Removing is no conflict: there is just no such access.
        admin.post('/flavors/42/action', {
            'removeTenantAccess': {'tenant': 'p-27'}}, expect=404)
    admin = api_client.ApiClient(aio.endpoint, microversion='2.7')
    _private_flavor(admin, 'priv-27')
    try:
        admin.post('/flavors/priv-27/action', {
            'addTenantAccess': {'tenant': 'p-27'}}, expect=200)
    finally:
        admin.delete('/flavors/priv-27', expect=202)
