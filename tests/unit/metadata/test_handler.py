"""The metadata service's WSGI app on a real SQLite database: who gets
served what, and every refusal of the signing contract."""
import json
import uuid

import pytest
import webob

from minicompute import objects
from minicompute.metadata import handler, signing
from tests.unit.metadata import fakes

SECRET = 'shared-secret'


@pytest.fixture
def app(conf, db):
    conf.set_override('metadata_proxy_shared_secret', SECRET,
                      group='metadata')
    conf.set_override('metadata_cache_expiration', 0, group='metadata')
    return handler.MetadataRequestHandler(conf)


def _create(ctx, **values):
    fields = {name: getattr(fakes.instance(), name)
              for name in ('display_name', 'hostname', 'metadata',
                           'key_name', 'keypairs', 'launch_index',
                           'availability_zone', 'reservation_id',
                           'user_data', 'networks', 'root_device_name',
                           'image_ref', 'kernel_id', 'ramdisk_id', 'flavor')}
    fields.update(uuid=str(uuid.uuid4()), project_id='proj-a',
                  user_id='alice', vm_state='active')
    fields.update(values)
    instance = objects.Instance(ctx, **fields)
    instance.create()
    return instance


def _get(app, path, instance_id=None, tenant_id=None, signature=None,
         method='GET', **headers):
    request = webob.Request.blank(path, method=method)
    if instance_id is not None:
        request.headers[signing.INSTANCE_ID] = instance_id
        request.headers[signing.SIGNATURE] = (
            signature if signature is not None
            else signing.sign(SECRET, instance_id))
    if tenant_id is not None:
        request.headers[signing.TENANT_ID] = tenant_id
    request.headers.update(headers)
    return request.get_response(app)


def test_version_list_needs_no_signature(app):
    response = _get(app, '/')
    assert response.status_int == 200
    assert response.text.splitlines()[-1] == 'latest'


def test_signed_request_gets_its_instance(app, ctx):
    instance = _create(ctx)
    response = _get(app, '/openstack/latest/meta_data.json', instance.uuid,
                    'proj-a')
    assert response.status_int == 200
    assert response.content_type == 'application/json'
    data = response.json
    assert data['uuid'] == instance.uuid
    assert data['public_keys'] == {'mykey': fakes.PUBLIC_KEY}
    ec2 = _get(app, '/latest/meta-data/instance-id', instance.uuid,
               'proj-a')
    assert ec2.text == 'i-%08x' % instance.id
    assert _get(app, '/latest/user-data', instance.uuid,
                'proj-a').body == fakes.USER_DATA


def test_ami_id_is_stable_per_image(app, ctx):
    first = _create(ctx)
    second = _create(ctx, image_ref=first.image_ref)
    third = _create(ctx)
    ids = [_get(app, '/latest/meta-data/ami-id', i.uuid, 'proj-a').text
           for i in (first, second, third, first)]
    assert ids[0] == ids[1] == ids[3]
    assert ids[2] != ids[0]
    assert all(i.startswith('ami-') and len(i) == 12 for i in ids)


def test_unsigned_request_is_forbidden(app, ctx):
    instance = _create(ctx)
    request = webob.Request.blank('/latest/meta-data/')
    request.headers[signing.INSTANCE_ID] = instance.uuid
    request.headers[signing.TENANT_ID] = 'proj-a'
    response = request.get_response(app)
    assert response.status_int == 403
    assert 'X-Instance-ID-Signature header is missing' in response.text


def test_request_without_instance_id_is_forbidden(app):
    response = _get(app, '/openstack/latest/meta_data.json')
    assert response.status_int == 403
    assert 'X-Instance-ID header is missing' in response.text


def test_wrong_signature_is_forbidden(app, ctx):
    instance = _create(ctx)
    for signature in ('0' * 64, signing.sign('other-secret', instance.uuid),
                      'not hex at all \u00e9'):
        response = _get(app, '/latest/meta-data/', instance.uuid, 'proj-a',
                        signature=signature)
        assert response.status_int == 403, signature
        assert 'Invalid proxy request signature' in response.text


def test_a_signature_for_one_instance_does_not_open_another(app, ctx):
    mine = _create(ctx)
    theirs = _create(ctx, project_id='proj-b')
    response = _get(app, '/openstack/latest/meta_data.json', theirs.uuid,
                    'proj-b', signature=signing.sign(SECRET, mine.uuid))
    assert response.status_int == 403


def test_wrong_tenant_is_not_found(app, ctx):
    # Nova answers 404: the instance is not this project's to know of.
    theirs = _create(ctx, project_id='proj-b')
    response = _get(app, '/openstack/latest/meta_data.json', theirs.uuid,
                    'proj-a')
    assert response.status_int == 404
    assert 'mykey' not in response.text and 'Web 1' not in response.text


def test_wrong_tenant_is_refused_from_the_cache_too(conf, db, ctx):
    conf.set_override('metadata_proxy_shared_secret', SECRET,
                      group='metadata')
    app = handler.MetadataRequestHandler(conf)      # cache on (15 s)
    instance = _create(ctx)
    assert _get(app, '/latest/meta-data/', instance.uuid,
                'proj-a').status_int == 200
    assert _get(app, '/latest/meta-data/', instance.uuid,
                'proj-b').status_int == 404


def test_missing_tenant_is_a_bad_request(app, ctx):
    instance = _create(ctx)
    response = _get(app, '/latest/meta-data/', instance.uuid)
    assert response.status_int == 400
    assert 'X-Tenant-ID header is missing' in response.text


def test_unknown_and_deleted_instances_are_not_found(app, ctx):
    unknown = str(uuid.uuid4())
    assert _get(app, '/latest/meta-data/', unknown,
                'proj-a').status_int == 404
    instance = _create(ctx)
    instance.destroy()
    assert _get(app, '/latest/meta-data/', instance.uuid,
                'proj-a').status_int == 404


def test_paths_without_documents_are_not_found(app, ctx):
    instance = _create(ctx, user_data=None)
    for path in ('/openstack/latest/user_data', '/latest/user-data',
                 '/latest/meta-data/nothing', '/openstack/2000-01-01/',
                 '/openstack/latest/password'):
        assert _get(app, path, instance.uuid,
                    'proj-a').status_int == 404, path


def test_only_get_and_head(app, ctx):
    instance = _create(ctx)
    assert _get(app, '/latest/meta-data/', instance.uuid, 'proj-a',
                method='HEAD').status_int == 200
    assert _get(app, '/openstack/latest/password', instance.uuid, 'proj-a',
                method='POST').status_int == 405


def test_cache_expiration_zero_shows_changes_at_once(app, ctx):
    instance = _create(ctx)
    instance.display_name = 'renamed'
    instance.save()
    data = json.loads(_get(app, '/openstack/latest/meta_data.json',
                           instance.uuid, 'proj-a').body)
    assert data['name'] == 'renamed'


def test_cache_keeps_documents_for_its_ttl(conf, db, ctx):
    conf.set_override('metadata_proxy_shared_secret', SECRET,
                      group='metadata')
    app = handler.MetadataRequestHandler(conf)
    instance = _create(ctx)
    path = '/openstack/latest/meta_data.json'
    assert _get(app, path, instance.uuid, 'proj-a').json['name'] == 'Web 1'
    instance.display_name = 'renamed'
    instance.save()
    assert _get(app, path, instance.uuid, 'proj-a').json['name'] == 'Web 1'


def test_ttl_cache_drops_the_oldest_beyond_its_size():
    cache = handler._TTLCache(ttl=60, size=2)
    for key in 'abc':
        cache.set(key, key.upper())
    assert cache.get('a') is None
    assert cache.get('b') == 'B' and cache.get('c') == 'C'
