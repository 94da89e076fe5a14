"""Server create, update and rebuild across the microversions that change
their request bodies (2.3 to 2.75): each new field is refused before its
version and stored from it, as GET then shows it.

A body the schema accepts is told apart from one it refuses without
building anything: its flavor does not exist, so an accepted body fails
later, with "Flavor nope could not be found.".
"""
import base64

import pytest

from minicompute import context as mc_context
from minicompute.db import tags_api
from minicompute.image import registry
from tests.functional import client as api_client

NANO = '42'
NO_FLAVOR = 'Flavor nope could not be found.'
USER_DATA = base64.b64encode(b'#!/bin/sh\necho hello\n').decode()


def _client(aio, version, token='admin:admin'):
    return api_client.ApiClient(aio.endpoint, token, microversion=version)


def _message(response) -> str:
    fault = response.json()
    return next(iter(fault.values()))['message']


def _create(client, image_id, expect=400, flavor='nope', **server):
    """POST /servers; the status and the fault message (or the body)."""
    server.setdefault('name', 'mv')
    body = {'server': dict(imageRef=image_id, flavorRef=flavor, **server)}
    response = client.post('/servers', body, expect=expect)
    return response.json() if expect == 202 else _message(response)


def _accepted(client, image_id, **server):
    """The schema let the body through (it failed on the flavor)."""
    return _create(client, image_id, **server) == NO_FLAVOR


def _refused(client, image_id, field, **server):
    message = _create(client, image_id, **server)
    return ("'%s' was unexpected" % field) in message


def _boot(client, image_id, name='mv', **server):
    server.setdefault('networks', 'none')
    created = _create(client, image_id, expect=202, flavor=NANO, name=name,
                      **server)
    return api_client.wait_for_state(client, created['server']['id'],
                                     'ACTIVE')


def _delete(client, server_id):
    client.delete('/servers/%s' % server_id, expect=204)
    api_client.wait_until_deleted(client, server_id)


def _action(client, server_id, body, expect=202):
    return client.post('/servers/%s/action' % server_id, body,
                       expect=expect)


def _rebuild(client, server_id, image_id, expect=202, **argument):
    response = _action(client, server_id, {'rebuild': dict(
        imageRef=image_id, **argument)}, expect=expect)
    if expect != 202:
        return _message(response)
    return api_client.wait_for_state(client, server_id, 'ACTIVE')


def _put(client, server_id, server, expect=200):
    return client.request('PUT', '/servers/%s' % server_id, expect,
                          json={'server': server})


def _image(aio, tmp_path, name, **properties):
    source = registry.write_blank_disk(str(tmp_path / ('%s.raw' % name)))
    return registry.create(aio.conf, mc_context.get_admin_context(), name,
                           source_path=source, properties=properties)


@pytest.fixture
def latest(aio):
    return _client(aio, '2.79')


# ---------------------------------------------------------------- 2.1, 2.3

def test_create_stores_hostname_user_data_and_root_device(latest,
                                                          image_id):
    server = _boot(latest, image_id, name='Web_Server 01',
                   user_data=USER_DATA)
    assert server['OS-EXT-SRV-ATTR:hostname'] == 'web-server-01'
    assert server['OS-EXT-SRV-ATTR:user_data'] == USER_DATA
    assert server['OS-EXT-SRV-ATTR:root_device_name'] == '/dev/vda'
    assert server['OS-EXT-SRV-ATTR:kernel_id'] == ''
    assert server['OS-EXT-SRV-ATTR:ramdisk_id'] == ''
    assert server['OS-EXT-SRV-ATTR:launch_index'] == 0
    assert server['OS-EXT-SRV-ATTR:reservation_id'].startswith('r-')
    _delete(latest, server['id'])


def test_multi_create_numbers_the_hostnames(latest, image_id):
    _create(latest, image_id, expect=202, flavor=NANO, name='Multi Web',
            networks='none', min_count=2, max_count=2)
    servers = sorted((s for s in latest.list_servers()
                      if s['name'].startswith('Multi Web-')),
                     key=lambda s: s['name'])
    assert [(s['name'], s['OS-EXT-SRV-ATTR:hostname']) for s in servers] \
        == [('Multi Web-1', 'multi-web-1'), ('Multi Web-2', 'multi-web-2')]
    for server in servers:
        _delete(latest, server['id'])


def test_a_name_without_hostname_characters_gets_server_uuid(latest,
                                                             image_id):
    created = _create(latest, image_id, expect=202, flavor=NANO,
                      name='東京', networks='none')['server']
    shown = latest.show_server(created['id'])
    assert shown['OS-EXT-SRV-ATTR:hostname'] == 'Server-%s' % created['id']
    _delete(latest, created['id'])


def test_kernel_and_ramdisk_come_from_the_image(aio, latest, tmp_path):
    kernel = _image(aio, tmp_path, 'vmlinuz')
    ramdisk = _image(aio, tmp_path, 'initrd')
    image = _image(aio, tmp_path, 'ami', kernel_id=kernel.id,
                   ramdisk_id=ramdisk.id)
    created = _create(latest, image.id, expect=202, flavor=NANO,
                      networks='none')['server']
    shown = latest.show_server(created['id'])
    assert shown['OS-EXT-SRV-ATTR:kernel_id'] == kernel.id
    assert shown['OS-EXT-SRV-ATTR:ramdisk_id'] == ramdisk.id
    _delete(latest, created['id'])
    missing = _image(aio, tmp_path, 'ami-broken',
                     kernel_id='0d9ad7e4-4c47-4a7a-8b3f-000000000000')
    assert _create(latest, missing.id, flavor=NANO, networks='none') == \
        'Can not find requested image'


@pytest.mark.parametrize('user_data, fragment', [
    ('not base64!', "is not a 'base64'"),
    ('QQ' * 32768, 'is too long'),
])
def test_bad_user_data_is_400_at_2_1(aio, image_id, user_data, fragment):
    message = _create(_client(aio, '2.1'), image_id, user_data=user_data)
    assert 'user_data' in message and fragment in message


def test_user_data_is_accepted_at_2_1(aio, image_id):
    assert _accepted(_client(aio, '2.1'), image_id, user_data=USER_DATA)


# -------------------------------------------------------------------- 2.19

def test_description_on_create_from_2_19(aio, image_id):
    assert _refused(_client(aio, '2.18'), image_id, 'description',
                    description='text')
    v219 = _client(aio, '2.19')
    server = _boot(v219, image_id, name='described', description='my box')
    assert server['description'] == 'my box'
    _delete(v219, server['id'])


def test_below_2_19_the_description_is_the_name(aio, image_id):
    old = _boot(_client(aio, '2.18'), image_id, name='named')
    assert _client(aio, '2.19').show_server(old['id'])['description'] == \
        'named'
    _delete(_client(aio, '2.18'), old['id'])


@pytest.mark.parametrize('description', ['x' * 256, 'two\nlines', 5])
def test_bad_descriptions_are_400(aio, image_id, description):
    message = _create(_client(aio, '2.19'), image_id,
                      description=description)
    assert message.startswith(
        'Invalid input for field/attribute description.')


def test_description_on_update_and_rebuild_from_2_19(aio, image_id):
    v219 = _client(aio, '2.19')
    sid = _boot(v219, image_id, name='upd')['id']
    v218 = _client(aio, '2.18')
    assert "'description' was unexpected" in _message(
        _put(v218, sid, {'description': 'x'}, expect=400))
    assert _put(v219, sid, {'description': 'set'}).json()['server'][
        'description'] == 'set'
    assert _put(v219, sid, {'description': None}).json()['server'][
        'description'] is None
    assert "'description' was unexpected" in _rebuild(
        v218, sid, image_id, expect=400, description='x')
    assert _rebuild(v219, sid, image_id, description='rebuilt')[
        'description'] == 'rebuilt'
    _delete(v219, sid)


# ------------------------------------------------- 2.32, 2.33, 2.37, 2.42

def _tagged_bdm(image_id):
    return [{'source_type': 'image', 'destination_type': 'local',
             'uuid': image_id, 'boot_index': 0, 'tag': 'root'}]


NET = '3cb9bc59-5699-4588-a4b1-b87f96708bc6'


@pytest.mark.parametrize('version, network_tag, bdm_tag', [
    ('2.31', False, False),
    ('2.32', True, True),
    ('2.33', True, False),
    ('2.36', True, False),
    ('2.37', False, False),
    ('2.41', False, False),
    ('2.42', True, True),
    ('2.79', True, True),
])
def test_device_tags_by_version(aio, image_id, version, network_tag,
                                bdm_tag):
    client = _client(aio, version)
    message = _create(client, image_id,
                      networks=[{'uuid': NET, 'tag': 'nic1'}])
    if network_tag:
        assert message == 'Network %s could not be found.' % NET
    else:
        assert "'tag' was unexpected" in message
    message = _create(client, image_id, networks='none',
                      block_device_mapping_v2=_tagged_bdm(image_id))
    assert (message == NO_FLAVOR) == bdm_tag


def test_a_tagged_boot_device_builds_at_2_42(aio, image_id):
    client = _client(aio, '2.42')
    server = _boot(client, image_id, name='tagged',
                   block_device_mapping_v2=_tagged_bdm(image_id))
    _delete(client, server['id'])


def test_networks_required_from_2_37(aio, image_id):
    assert _accepted(_client(aio, '2.36'), image_id)
    assert "'networks' is a required property" in _create(
        _client(aio, '2.37'), image_id)
    # Below 2.37 a listed network's uuid is checked after the schema.
    assert _create(_client(aio, '2.36'), image_id,
                   networks=[{'uuid': 'net-1'}]) == (
        'Bad networks format: network uuid is not in proper format '
        '(net-1)')
    assert "is not a 'uuid'" in _create(
        _client(aio, '2.37'), image_id, networks=[{'uuid': 'net-1'}])
    for version in ('2.36', '2.37'):
        assert _accepted(_client(aio, version), image_id, networks='auto')


# -------------------------------------------------------------------- 2.52

def test_tags_on_create_from_2_52(aio, image_id):
    assert _refused(_client(aio, '2.51'), image_id, 'tags', tags=['a'],
                    networks='none')
    client = _client(aio, '2.52')
    _create(client, image_id, expect=202, flavor=NANO, name='tagged-multi',
            networks='none', tags=['web', 'prod'], min_count=2)
    servers = [s for s in client.list_servers()
               if s['name'].startswith('tagged-multi-')]
    assert len(servers) == 2
    for server in servers:
        assert server['tags'] == ['prod', 'web']
        assert tags_api.tags_get(server['id']) == ['prod', 'web']
        _delete(client, server['id'])


@pytest.mark.parametrize('tags', [
    ['a/b'], ['a,b'], [''], ['x' * 61], ['t%d' % i for i in range(51)],
    'web'])
def test_bad_tags_are_400(aio, image_id, tags):
    assert _create(_client(aio, '2.52'), image_id, tags=tags,
                   networks='none').startswith(
        'Invalid input for field/attribute')


# -------------------------------------------------------------------- 2.54

def test_key_name_on_rebuild_from_2_54(aio, image_id):
    token = 'kp-user:kp-project'
    owner = _client(aio, '2.54', token)
    owner.post('/os-keypairs', {'keypair': {'name': 'rebuild-key'}},
               expect=201)
    sid = _boot(owner, image_id, name='keyed')['id']
    assert "'key_name' was unexpected" in _rebuild(
        _client(aio, '2.53', token), sid, image_id, expect=400,
        key_name='rebuild-key')
    rebuilt = _rebuild(owner, sid, image_id, key_name='rebuild-key')
    assert rebuilt['key_name'] == 'rebuild-key'
    assert _rebuild(owner, sid, image_id, expect=400,
                    key_name='no-such-key') == 'Invalid key_name provided.'
    assert _rebuild(owner, sid, image_id, key_name=None)['key_name'] is None
    _delete(owner, sid)
    owner.delete('/os-keypairs/rebuild-key', expect=204)


# -------------------------------------------------------------------- 2.57

def _files(count, contents='aGk='):
    return [{'path': '/etc/f%d' % i, 'contents': contents}
            for i in range(count)]


def test_personality_until_2_57(aio, image_id):
    v256 = _client(aio, '2.56')
    assert _accepted(v256, image_id, personality=_files(1),
                     networks='none')
    response = v256.post('/servers', {'server': {
        'name': 'p', 'imageRef': image_id, 'flavorRef': NANO,
        'networks': 'none', 'personality': _files(6)}}, expect=403)
    assert _message(response) == 'Personality file limit exceeded'
    response = v256.post('/servers', {'server': {
        'name': 'p', 'imageRef': image_id, 'flavorRef': NANO,
        'networks': 'none', 'personality': _files(1, 'QUFB' * 2600)}},
        expect=403)
    assert _message(response) == \
        'Personality file content exceeds maximum 10240'
    assert _refused(_client(aio, '2.57'), image_id, 'personality',
                    personality=_files(1), networks='none')


def test_user_data_on_rebuild_from_2_57(aio, image_id):
    v257 = _client(aio, '2.57')
    sid = _boot(v257, image_id, name='ud', user_data=USER_DATA)['id']
    assert "'user_data' was unexpected" in _rebuild(
        _client(aio, '2.56'), sid, image_id, expect=400,
        user_data=USER_DATA)
    assert "'personality' was unexpected" in _rebuild(
        v257, sid, image_id, expect=400, personality=_files(1))
    new = base64.b64encode(b'second').decode()
    reply = _action(v257, sid, {'rebuild': {'imageRef': image_id,
                                            'user_data': new}})
    assert reply.json()['server']['user_data'] == new
    shown = api_client.wait_for_state(_client(aio, '2.79'), sid, 'ACTIVE')
    assert shown['OS-EXT-SRV-ATTR:user_data'] == new
    _rebuild(v257, sid, image_id, user_data=None)
    assert _client(aio, '2.79').show_server(sid)[
        'OS-EXT-SRV-ATTR:user_data'] is None
    # Left out, user_data stays.
    _rebuild(v257, sid, image_id, user_data=new)
    _rebuild(v257, sid, image_id)
    assert _client(aio, '2.79').show_server(sid)[
        'OS-EXT-SRV-ATTR:user_data'] == new
    _delete(v257, sid)


# -------------------------------------------------------------------- 2.63

def _build_on_every_host(aio, image_id):
    """A successful build on each host, which clears the failed builds a
    trusted-certificates abort counted against one (BuildFailureWeigher
    would otherwise steer the later tests' servers away from it)."""
    admin = _client(aio, '2.74')
    for host in aio.compute_hosts():
        _delete(admin, _boot(admin, image_id, name='reset', host=host)['id'])


@pytest.mark.parametrize('certs', [
    [], ['a', 'a'], [''], [5], ['c%d' % i for i in range(51)], 'abc'])
def test_bad_trusted_certificates_are_400(aio, image_id, certs):
    assert _create(_client(aio, '2.63'), image_id, networks='none',
                   trusted_image_certificates=certs).startswith(
        'Invalid input for field/attribute')


def test_trusted_certificates_are_stored_and_abort_the_build(aio,
                                                             image_id):
    assert _refused(_client(aio, '2.62'), image_id,
                    'trusted_image_certificates', networks='none',
                    trusted_image_certificates=['cert-1'])
    client = _client(aio, '2.63')
    created = _create(client, image_id, expect=202, flavor=NANO,
                      networks='none',
                      trusted_image_certificates=['cert-1', 'cert-2'])
    failed = api_client.wait_for_state(client, created['server']['id'],
                                       'ERROR')
    assert failed['trusted_image_certificates'] == ['cert-1', 'cert-2']
    assert failed['fault']['message'] == (
        'Build of instance %s aborted: Trusted image certificates provided '
        'on host that does not support certificate validation.'
        % created['server']['id'])
    _delete(client, created['server']['id'])
    _build_on_every_host(aio, image_id)


def test_trusted_certificates_on_rebuild_from_2_63(aio, image_id):
    client = _client(aio, '2.63')
    sid = _boot(client, image_id, name='certs')['id']
    assert "'trusted_image_certificates' was unexpected" in _rebuild(
        _client(aio, '2.62'), sid, image_id, expect=400,
        trusted_image_certificates=None)
    rebuilt = _rebuild(client, sid, image_id,
                       trusted_image_certificates=None)
    assert rebuilt['trusted_image_certificates'] is None
    _action(client, sid, {'rebuild': {
        'imageRef': image_id, 'trusted_image_certificates': ['cert-1']}})
    failed = api_client.wait_for_state(client, sid, 'ERROR')
    assert failed['trusted_image_certificates'] == ['cert-1']
    assert 'does not support certificate validation' in \
        failed['fault']['message']
    _delete(client, sid)


# -------------------------------------------------------------------- 2.67

def test_volume_type_in_block_devices_from_2_67(aio, image_id):
    bdm = [{'source_type': 'image', 'destination_type': 'local',
            'uuid': image_id, 'boot_index': 0, 'volume_type': 'lvm'}]
    assert _refused(_client(aio, '2.66'), image_id, 'volume_type',
                    networks='none', block_device_mapping_v2=bdm)
    client = _client(aio, '2.67')
    assert _create(client, image_id, networks='none',
                   block_device_mapping_v2=bdm) == (
        'Block Device Mapping is Invalid: Specifying a volume_type with '
        'destination_type=local is not supported.')
    bdm[0].update(destination_type='volume', volume_size=1)
    assert 'there is no volume service' in _create(
        client, image_id, networks='none', block_device_mapping_v2=bdm)


# -------------------------------------------------------------------- 2.74

def test_host_and_node_on_create_from_2_74(aio, image_id):
    host = aio.compute_hosts()[-1]
    assert _refused(_client(aio, '2.73'), image_id, 'host', host=host,
                    networks='none')
    user = _client(aio, '2.74', 'alice:dest-project')
    response = user.post('/servers', {'server': {
        'name': 'd', 'imageRef': image_id, 'flavorRef': NANO,
        'networks': 'none', 'host': host}}, expect=403)
    assert 'compute:servers:create:requested_destination' in \
        _message(response)
    admin = _client(aio, '2.74')
    for server, message in [
            ({'host': 'nope'}, 'Compute host nope could not be found.'),
            ({'host': host, 'hypervisor_hostname': 'nope'},
             'Compute host %s could not be found.' % host),
            ({'hypervisor_hostname': 'nope'},
             'Compute host nope could not be found.'),
            ({'host': host, 'availability_zone': 'nova:%s' % host},
             'One mechanism with host and/or hypervisor_hostname and '
             'another mechanism with zone:host:node are mutually '
             'exclusive.')]:
        assert _create(admin, image_id, flavor=NANO, networks='none',
                       **server) == message
    for server in ({'host': host}, {'hypervisor_hostname': host},
                   {'host': host, 'hypervisor_hostname': host}):
        built = _boot(admin, image_id, name='placed', **server)
        assert built['OS-EXT-SRV-ATTR:host'] == host
        _delete(admin, built['id'])


def test_a_requested_host_still_runs_the_filters(aio, admin, image_id):
    flavor = admin.post('/flavors', {'flavor': {
        'name': 'too-big-for-dest', 'ram': 40000, 'vcpus': 1, 'disk': 1}},
        expect=200).json()['flavor']
    client = _client(aio, '2.74')
    created = _create(client, image_id, expect=202, flavor=flavor['id'],
                      networks='none', host=aio.compute_hosts()[0])
    failed = api_client.wait_for_state(client, created['server']['id'],
                                       'ERROR')
    assert failed['fault']['message'].startswith('No valid host was found.')
    assert 'RamFilter: 1 -> 0' in failed['fault']['details']
    _delete(client, created['server']['id'])
    admin.delete('/flavors/%s' % flavor['id'], expect=202)


# ------------------------------------------------------ 2.1 rebuild fields

def test_rebuild_sets_access_ips_and_checks_personality(aio, image_id):
    client = _client(aio, '2.1')
    sid = _boot(client, image_id, name='rb-ips')['id']
    reply = _action(client, sid, {'rebuild': {
        'imageRef': image_id, 'accessIPv4': '192.0.2.7',
        'preserve_ephemeral': False, 'personality': _files(1)}})
    assert reply.json()['server']['accessIPv4'] == '192.0.2.7'
    api_client.wait_for_state(client, sid, 'ACTIVE')
    assert _rebuild(client, sid, image_id, expect=403,
                    personality=_files(6)) == \
        'Personality file limit exceeded'
    assert _rebuild(client, sid, 'f7b4ff5b-1a07-4bcd-a3c8-8b5b2e0d0000',
                    expect=400) == 'Cannot find image for rebuild'
    api_client.wait_for_state(client, sid, 'ACTIVE')
    _delete(client, sid)
