"""The create, update and rebuild schemas per microversion
(schemas/servers.py): each field is refused (400) at the version before
the one that brings it and accepted from it; removed fields the other
way round."""
import pytest

from minicompute import exception
from minicompute.api import validation
from minicompute.api.openstack import api_version_request as avr
from minicompute.api.openstack.compute.schemas import servers

IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b'
NET = '3cb9bc59-5699-4588-a4b1-b87f96708bc6'


def _ok(choices, version, body) -> bool:
    schema = avr.for_version(avr.APIVersionRequest(version), choices)
    try:
        validation.validate(body, schema)
    except exception.ValidationError:
        return False
    return True


def _create(**fields):
    server = {'name': 'vm', 'imageRef': IMAGE, 'flavorRef': '1',
              'networks': 'none'}
    server.update(fields)
    return {'server': server}


def _bdm(**fields):
    return [dict({'source_type': 'image', 'destination_type': 'local',
                  'uuid': IMAGE, 'boot_index': 0}, **fields)]


def _rebuild(**fields):
    return {'rebuild': dict({'imageRef': IMAGE}, **fields)}


# (schemas, body, last version refusing it, first version accepting it)
INTRODUCED = [
    (servers.CREATE, _create(description='d'), '2.18', '2.19'),
    (servers.CREATE, _create(description=None), '2.18', '2.19'),
    (servers.CREATE, _create(networks=[{'uuid': NET, 'tag': 't'}]),
     '2.31', '2.32'),
    (servers.CREATE, _create(block_device_mapping_v2=_bdm(tag='t')),
     '2.31', '2.32'),
    (servers.CREATE, _create(networks=[{'uuid': NET, 'tag': 't'}]),
     '2.41', '2.42'),
    (servers.CREATE, _create(block_device_mapping_v2=_bdm(tag='t')),
     '2.41', '2.42'),
    (servers.CREATE, _create(tags=['a', 'b']), '2.51', '2.52'),
    (servers.CREATE, _create(trusted_image_certificates=['c']),
     '2.62', '2.63'),
    (servers.CREATE, _create(block_device_mapping_v2=_bdm(
        volume_type='lvm')), '2.66', '2.67'),
    (servers.CREATE, _create(host='compute-1'), '2.73', '2.74'),
    (servers.CREATE, _create(hypervisor_hostname='node-1'), '2.73',
     '2.74'),
    (servers.UPDATE, {'server': {'description': 'd'}}, '2.18', '2.19'),
    (servers.REBUILD, _rebuild(description='d'), '2.18', '2.19'),
    (servers.REBUILD, _rebuild(key_name='k'), '2.53', '2.54'),
    (servers.REBUILD, _rebuild(key_name=None), '2.53', '2.54'),
    (servers.REBUILD, _rebuild(user_data='aGk='), '2.56', '2.57'),
    (servers.REBUILD, _rebuild(user_data=None), '2.56', '2.57'),
    (servers.REBUILD, _rebuild(trusted_image_certificates=['c']),
     '2.62', '2.63'),
    (servers.REBUILD, _rebuild(trusted_image_certificates=None),
     '2.62', '2.63'),
]


@pytest.mark.parametrize('choices, body, before, since', INTRODUCED)
def test_field_is_refused_before_and_accepted_from(choices, body, before,
                                                   since):
    assert not _ok(choices, before, body)
    assert _ok(choices, since, body)
    assert _ok(choices, '2.79', body)


# (schemas, body, last version accepting it, first version refusing it);
# the device tags come back at 2.42 (above).
REMOVED = [
    (servers.CREATE, _create(networks=[{'uuid': NET, 'tag': 't'}]),
     '2.36', '2.37'),
    (servers.CREATE, _create(block_device_mapping_v2=_bdm(tag='t')),
     '2.32', '2.33'),
    (servers.CREATE, _create(personality=[{'path': '/f',
                                           'contents': 'aGk='}]),
     '2.56', '2.57'),
    (servers.REBUILD, _rebuild(personality=[{'path': '/f',
                                             'contents': 'aGk='}]),
     '2.56', '2.57'),
    (servers.CREATE, _create(networks=[{'uuid': 'not-a-uuid'}]),
     '2.36', '2.37'),
    (servers.CREATE, {'server': {'name': 'vm', 'imageRef': IMAGE,
                                 'flavorRef': '1'}}, '2.36', '2.37'),
]


@pytest.mark.parametrize('choices, body, until, since', REMOVED)
def test_field_is_accepted_until_and_refused_from(choices, body, until,
                                                  since):
    assert _ok(choices, until, body)
    assert not _ok(choices, since, body)


@pytest.mark.parametrize('body', [
    _create(user_data='aGk='),
    _create(accessIPv4='192.0.2.1', accessIPv6='2001:db8::1'),
    _create(networks='auto'),
    _create(networks=[{'port': NET}]),
    _create(networks=[{'uuid': 'net-1', 'fixed_ip': '10.0.0.2'}]),
    _create(block_device_mapping_v2=_bdm(delete_on_termination='true')),
    _create(return_reservation_id=True, min_count='2', max_count=3),
    _create(config_drive=True), _create(config_drive='false'),
])
def test_accepted_at_2_1(body):
    assert _ok(servers.CREATE, '2.1', body)


@pytest.mark.parametrize('choices, version, body', [
    (servers.CREATE, '2.1', _create(user_data='not base64!')),
    (servers.CREATE, '2.1', _create(user_data='QQ' * 32768)),
    (servers.CREATE, '2.1', _create(networks=[{'fixed_ip': 'x'}])),
    (servers.CREATE, '2.1', _create(networks=[{'port': 'not-a-uuid'}])),
    (servers.CREATE, '2.1', _create(config_drive='maybe')),
    (servers.CREATE, '2.1', _create(config_drive=1)),
    (servers.CREATE, '2.19', _create(description='a\nb')),
    (servers.CREATE, '2.19', _create(description='x' * 256)),
    (servers.CREATE, '2.52', _create(tags=['a/b'])),
    (servers.CREATE, '2.52', _create(tags=['a,b'])),
    (servers.CREATE, '2.52', _create(tags=['x' * 61])),
    (servers.CREATE, '2.52', _create(tags=['t%d' % i for i in range(51)])),
    (servers.CREATE, '2.63', _create(trusted_image_certificates=[])),
    (servers.CREATE, '2.63', _create(trusted_image_certificates=['a',
                                                                 'a'])),
    (servers.CREATE, '2.63', _create(trusted_image_certificates=[''])),
    (servers.CREATE, '2.63', _create(
        trusted_image_certificates=['c%d' % i for i in range(51)])),
    (servers.CREATE, '2.74', _create(host='bad host')),
    (servers.CREATE, '2.74', _create(hypervisor_hostname='')),
    (servers.REBUILD, '2.54', _rebuild(key_name='')),
    (servers.REBUILD, '2.57', _rebuild(user_data='not base64!')),
    (servers.UPDATE, '2.19', {'server': {'description': 'tab\there'}}),
])
def test_bad_values_are_refused(choices, version, body):
    assert not _ok(choices, version, body)
