"""Server bodies per microversion: the key set of GET, PUT and rebuild
bodies at the version before and at the version that changes them (as
Nova's api-ref and doc/api_samples/servers give them), for admins and
members, and the values the new fields carry."""
import datetime
import uuid

from oslo_policy import policy as oslo_policy
from oslo_utils import timeutils
import pytest

from minicompute import context as mc_context
from minicompute import objects, policy
from minicompute.api.openstack import api_version_request as avr
from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute import host_status
from minicompute.api.openstack.compute.views import servers as views
from minicompute.compute import vm_states
from minicompute.db import groups_api, tags_api

# The full body of an ACTIVE server with a NIC, at 2.1, for anyone.
BASE = {
    'id', 'name', 'links', 'status', 'tenant_id', 'user_id', 'metadata',
    'hostId', 'image', 'flavor', 'created', 'updated', 'addresses',
    'accessIPv4', 'accessIPv6', 'OS-DCF:diskConfig', 'progress',
    'OS-EXT-AZ:availability_zone', 'config_drive', 'key_name',
    'OS-SRV-USG:launched_at', 'OS-SRV-USG:terminated_at',
    'OS-EXT-STS:task_state', 'OS-EXT-STS:vm_state', 'OS-EXT-STS:power_state',
    'os-extended-volumes:volumes_attached', 'security_groups'}
EXTENDED_21 = {'OS-EXT-SRV-ATTR:host', 'OS-EXT-SRV-ATTR:hypervisor_hostname',
               'OS-EXT-SRV-ATTR:instance_name'}
EXTENDED_23 = {'OS-EXT-SRV-ATTR:reservation_id',
               'OS-EXT-SRV-ATTR:launch_index', 'OS-EXT-SRV-ATTR:hostname',
               'OS-EXT-SRV-ATTR:kernel_id', 'OS-EXT-SRV-ATTR:ramdisk_id',
               'OS-EXT-SRV-ATTR:root_device_name',
               'OS-EXT-SRV-ATTR:user_data'}
# What PUT and rebuild show below 2.75.
REDUCED = {
    'id', 'name', 'links', 'status', 'tenant_id', 'user_id', 'metadata',
    'hostId', 'image', 'flavor', 'created', 'updated', 'addresses',
    'accessIPv4', 'accessIPv6', 'OS-DCF:diskConfig', 'progress'}
# Keys each microversion adds to every server body, for anyone.
ADDED = [('2.9', {'locked'}), ('2.19', {'description'}), ('2.26', {'tags'}),
         ('2.63', {'trusted_image_certificates'}),
         ('2.73', {'locked_reason'})]
VERSIONS = ['2.1', '2.2', '2.3', '2.8', '2.9', '2.15', '2.16', '2.18',
            '2.19', '2.25', '2.26', '2.46', '2.47', '2.62', '2.63', '2.70',
            '2.71', '2.72', '2.73', '2.74', '2.75', '2.79']
FLAVOR_21 = {'id', 'links'}
FLAVOR_247 = {'original_name', 'vcpus', 'ram', 'disk', 'ephemeral', 'swap'}


def _v(version):
    return tuple(int(part) for part in version.split('.'))


def _added(version):
    keys = set()
    for since, names in ADDED:
        if _v(version) >= _v(since):
            keys |= names
    return keys


def expected_show(version, admin):
    keys = BASE | _added(version)
    if _v(version) >= (2, 71):
        keys.add('server_groups')
    if admin:
        keys |= EXTENDED_21
        if _v(version) >= (2, 3):
            keys |= EXTENDED_23
        if _v(version) >= (2, 16):
            keys.add('host_status')
    return keys


@pytest.fixture(autouse=True)
def enforcer(conf):
    policy.reset()
    policy.get_enforcer(conf)
    yield
    policy.reset()


@pytest.fixture
def admin_ctx():
    return mc_context.RequestContext(user_id='admin', project_id='admin',
                                     roles=['admin'])


def _override(rule, check):
    policy.get_enforcer().set_rules(
        oslo_policy.Rules.from_dict({rule: check}), overwrite=False)


def _request(context, version):
    request = wsgi.Request.blank('/v2.1/servers')
    request.environ['minicompute.context'] = context
    request.environ['minicompute.api_version'] = avr.APIVersionRequest(
        version)
    return request


def _flavor(**values):
    fields = dict(id=1, flavorid='42', name='m1.nano', memory_mb=64,
                  vcpus=1, root_gb=1, ephemeral_gb=0, swap=0,
                  extra_specs={'hw:cpu_policy': 'shared'})
    fields.update(values)
    return objects.Flavor(**fields)


def _instance(ctx, host='host1', **values):
    fields = dict(
        uuid=str(uuid.uuid4()), project_id=ctx.project_id,
        user_id=ctx.user_id, display_name='web', vm_state=vm_states.ACTIVE,
        task_state=None, host=host, node=host, image_ref='img-1',
        flavor=_flavor(), networks='auto', launched_at=timeutils.utcnow(),
        power_state=1, reservation_id='r-abcdefgh', launch_index=0,
        hostname='web')
    fields.update(values)
    instance = objects.Instance(ctx, **fields)
    instance.create()
    return objects.Instance.get_by_uuid(ctx, instance.uuid)


@pytest.fixture
def server(db, ctx, make_service):
    make_service('host1')
    return _instance(ctx)


# ------------------------------------------------------------------- GET
@pytest.mark.parametrize('version', VERSIONS)
@pytest.mark.parametrize('as_admin', [True, False])
def test_show_keys(server, ctx, admin_ctx, conf, version, as_admin):
    context = admin_ctx if as_admin else ctx
    body = views.show(_request(context, version), server, conf=conf)
    assert set(body) == expected_show(version, as_admin)


@pytest.mark.parametrize('version', VERSIONS)
def test_detail_list_keys_have_no_server_groups(server, admin_ctx, conf,
                                                version):
    (body,) = views.detail_list(_request(admin_ctx, version), [server],
                                conf=conf)
    assert set(body) == expected_show(version, True) - {'server_groups'}


def test_detail_is_the_list_body(server, admin_ctx, conf):
    request = _request(admin_ctx, '2.79')
    assert views.detail(request, server, conf=conf) == \
        views.detail_list(request, [server], conf=conf)[0]


def test_index_list_is_id_name_links(server, ctx):
    (body,) = views.index_list(_request(ctx, '2.79'), [server])
    assert set(body) == {'id', 'name', 'links'}


def test_no_security_groups_without_a_nic(db, ctx, conf):
    instance = _instance(ctx, networks='none')
    body = views.show(_request(ctx, '2.1'), instance, conf=conf)
    assert 'security_groups' not in body


# --------------------------------------------------------------- 2.3
def test_extended_attributes_at_2_3(db, admin_ctx, ctx, conf):
    instance = _instance(ctx, user_data='IyEvYmluL3No',
                         root_device_name='/dev/vda')
    body = views.show(_request(admin_ctx, '2.3'), instance, conf=conf)
    assert body['OS-EXT-SRV-ATTR:reservation_id'] == 'r-abcdefgh'
    assert body['OS-EXT-SRV-ATTR:launch_index'] == 0
    assert body['OS-EXT-SRV-ATTR:hostname'] == 'web'
    # Nova stores "" for an image without kernel or ramdisk.
    assert body['OS-EXT-SRV-ATTR:kernel_id'] == ''
    assert body['OS-EXT-SRV-ATTR:ramdisk_id'] == ''
    assert body['OS-EXT-SRV-ATTR:root_device_name'] == '/dev/vda'
    assert body['OS-EXT-SRV-ATTR:user_data'] == 'IyEvYmluL3No'
    assert body['os-extended-volumes:volumes_attached'] == []


def test_user_data_is_null_when_none_was_given(server, admin_ctx, conf):
    body = views.show(_request(admin_ctx, '2.3'), server, conf=conf)
    assert body['OS-EXT-SRV-ATTR:user_data'] is None


# --------------------------------------------------------------- 2.9/2.73
def test_locked_and_locked_reason(db, ctx, conf):
    locked = _instance(ctx, locked=True, locked_by='owner',
                       locked_reason='maintenance window')
    unlocked = _instance(ctx)
    at_272 = views.show(_request(ctx, '2.72'), locked, conf=conf)
    assert at_272['locked'] is True
    assert 'locked_reason' not in at_272
    assert views.show(_request(ctx, '2.73'), locked,
                      conf=conf)['locked_reason'] == 'maintenance window'
    body = views.show(_request(ctx, '2.73'), unlocked, conf=conf)
    assert body['locked'] is False
    assert body['locked_reason'] is None


# --------------------------------------------------------------- 2.16
@pytest.mark.parametrize('service, status', [
    ({}, 'UP'),
    ({'last_seen_up': timeutils.utcnow() - datetime.timedelta(hours=1)},
     'UNKNOWN'),
    ({'forced_down': True}, 'DOWN'),
    ({'disabled': True}, 'MAINTENANCE'),
    # A forced-down service wins over a disabled one, as in Nova.
    ({'forced_down': True, 'disabled': True}, 'DOWN'),
])
def test_host_status_from_the_compute_service(ctx, admin_ctx, conf,
                                              make_service, service, status):
    make_service('host9', **service)
    instance = _instance(ctx, host='host9')
    body = views.show(_request(admin_ctx, '2.16'), instance, conf=conf)
    assert body['host_status'] == status


def test_host_status_is_empty_without_a_host(db, ctx, admin_ctx, conf):
    instance = _instance(ctx, host=None)
    body = views.show(_request(admin_ctx, '2.16'), instance, conf=conf)
    assert body['host_status'] == ''


def test_host_status_is_empty_when_the_host_has_no_service(db, ctx,
                                                           admin_ctx, conf):
    instance = _instance(ctx, host='gone')
    body = views.show(_request(admin_ctx, '2.16'), instance, conf=conf)
    assert body['host_status'] == ''


def test_host_status_follows_its_policy(server, ctx, conf):
    _override(views.HOST_STATUS, '@')
    body = views.show(_request(ctx, '2.16'), server, conf=conf)
    assert body['host_status'] == 'UP'
    assert 'host_status' not in views.show(_request(ctx, '2.15'), server,
                                           conf=conf)


def test_detail_list_loads_statuses_and_tags_once(db, ctx, admin_ctx, conf,
                                                  make_service, monkeypatch):
    make_service('host1')
    make_service('host2', disabled=True)
    instances = [_instance(ctx, host='host1'), _instance(ctx, host='host2'),
                 _instance(ctx, host=None)]
    tags_api.tags_set(instances[0].uuid, ['web', 'blue'])
    calls = {'services': 0, 'tags': 0}
    get_all = objects.ServiceList.get_all
    tags_get = tags_api.tags_get_by_instances

    def count_services(*args, **kwargs):
        calls['services'] += 1
        return get_all(*args, **kwargs)

    def count_tags(uuids):
        calls['tags'] += 1
        return tags_get(uuids)

    monkeypatch.setattr(objects.ServiceList, 'get_all', count_services)
    monkeypatch.setattr(tags_api, 'tags_get_by_instances', count_tags)
    bodies = views.detail_list(_request(admin_ctx, '2.26'), instances,
                               conf=conf)
    assert calls == {'services': 1, 'tags': 1}
    assert [b['host_status'] for b in bodies] == [
        host_status.UP, host_status.MAINTENANCE, host_status.NONE]
    assert [b['tags'] for b in bodies] == [['blue', 'web'], [], []]


# --------------------------------------------------------------- 2.19
def test_description(db, ctx, conf):
    described = _instance(ctx, display_description='my web server')
    plain = _instance(ctx)
    assert views.show(_request(ctx, '2.19'), described,
                      conf=conf)['description'] == 'my web server'
    assert views.show(_request(ctx, '2.19'), plain,
                      conf=conf)['description'] is None


# --------------------------------------------------------------- 2.47
def test_flavor_is_a_link_below_2_47(server, ctx, conf):
    flavor = views.show(_request(ctx, '2.46'), server, conf=conf)['flavor']
    assert set(flavor) == FLAVOR_21
    assert flavor['id'] == '42'
    assert flavor['links'][0]['rel'] == 'bookmark'


def test_flavor_is_embedded_from_2_47(server, ctx, conf):
    flavor = views.show(_request(ctx, '2.47'), server, conf=conf)['flavor']
    assert flavor == {'original_name': 'm1.nano', 'vcpus': 1, 'ram': 64,
                      'disk': 1, 'ephemeral': 0, 'swap': 0,
                      'extra_specs': {'hw:cpu_policy': 'shared'}}


def test_flavor_extra_specs_follow_their_policy(server, ctx, admin_ctx,
                                                conf):
    _override(views.FLAVOR_EXTRA_SPECS, 'role:admin')
    member = views.show(_request(ctx, '2.47'), server, conf=conf)['flavor']
    assert set(member) == FLAVOR_247
    admin = views.show(_request(admin_ctx, '2.47'), server,
                       conf=conf)['flavor']
    assert set(admin) == FLAVOR_247 | {'extra_specs'}


# --------------------------------------------------------------- 2.63
def test_trusted_image_certificates(db, ctx, conf):
    trusted = _instance(ctx, trusted_certs=['cert-a', 'cert-b'])
    plain = _instance(ctx)
    assert views.show(_request(ctx, '2.63'), trusted, conf=conf)[
        'trusted_image_certificates'] == ['cert-a', 'cert-b']
    assert views.show(_request(ctx, '2.63'), plain, conf=conf)[
        'trusted_image_certificates'] is None


# --------------------------------------------------------------- 2.71
def test_server_groups(server, ctx, conf):
    assert views.show(_request(ctx, '2.71'), server,
                      conf=conf)['server_groups'] == []
    group = groups_api.group_create(
        {'name': 'g', 'project_id': ctx.project_id, 'user_id': ctx.user_id,
         'policy': 'anti-affinity'}, [server.uuid])
    assert views.show(_request(ctx, '2.71'), server,
                      conf=conf)['server_groups'] == [group['uuid']]


# --------------------------------------------------------- PUT, rebuild
def _reduced(version):
    keys = REDUCED | _added(version)
    if _v(version) >= (2, 71):
        keys.add('server_groups')
    return keys


@pytest.mark.parametrize('version', ['2.1', '2.9', '2.19', '2.26', '2.47',
                                     '2.63', '2.70', '2.71', '2.72', '2.73',
                                     '2.74'])
@pytest.mark.parametrize('as_admin', [True, False])
def test_update_response_is_reduced_below_2_75(server, ctx, admin_ctx, conf,
                                               version, as_admin):
    context = admin_ctx if as_admin else ctx
    body = views.update_response(_request(context, version), server,
                                 conf=conf)
    assert set(body) == _reduced(version)


@pytest.mark.parametrize('version', ['2.75', '2.79'])
@pytest.mark.parametrize('as_admin', [True, False])
def test_update_response_is_the_show_body_from_2_75(server, ctx, admin_ctx,
                                                    conf, version, as_admin):
    context = admin_ctx if as_admin else ctx
    request = _request(context, version)
    assert views.update_response(request, server, conf=conf) == \
        views.show(request, server, conf=conf)


@pytest.mark.parametrize('version, extra', [
    ('2.1', set()), ('2.53', set()), ('2.54', {'key_name'}),
    ('2.56', {'key_name'}), ('2.57', {'key_name', 'user_data'}),
    ('2.74', {'key_name', 'user_data'}),
])
def test_rebuild_response_below_2_75(server, admin_ctx, conf, version,
                                     extra):
    body = views.rebuild_response(_request(admin_ctx, version), server,
                                  admin_pass='seekr3t', conf=conf)
    assert set(body) == _reduced(version) | extra | {'adminPass'}
    assert body['adminPass'] == 'seekr3t'


@pytest.mark.parametrize('as_admin', [True, False])
def test_rebuild_response_from_2_75(server, ctx, admin_ctx, conf, as_admin):
    context = admin_ctx if as_admin else ctx
    body = views.rebuild_response(_request(context, '2.75'), server,
                                  admin_pass='seekr3t', conf=conf)
    # The show body, with user_data at the top level instead of the
    # OS-EXT-SRV-ATTR one.
    expected = (expected_show('2.75', as_admin) |
                {'user_data', 'adminPass'}) - {'OS-EXT-SRV-ATTR:user_data'}
    assert set(body) == expected


def test_rebuild_response_without_a_password(server, ctx, conf):
    body = views.rebuild_response(_request(ctx, '2.1'), server, conf=conf)
    assert 'adminPass' not in body


# ------------------------------------------------------------ 2.1 details
def test_usage_times_have_microseconds_and_no_zone(db, ctx, conf):
    launched = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456)
    instance = _instance(ctx, launched_at=launched)
    body = views.show(_request(ctx, '2.1'), instance, conf=conf)
    assert body['OS-SRV-USG:launched_at'] == '2024-05-06T07:08:09.123456'
    assert body['OS-SRV-USG:terminated_at'] is None
    assert body['created'].endswith('Z')


def test_progress_shows_while_rebuilding(db, ctx, conf):
    instance = _instance(ctx, task_state='rebuilding', progress=40)
    body = views.show(_request(ctx, '2.1'), instance, conf=conf)
    assert body['status'] == 'REBUILD'
    assert body['progress'] == 40


def test_stopped_server_has_no_progress(db, ctx, conf):
    instance = _instance(ctx, vm_state=vm_states.STOPPED)
    assert 'progress' not in views.show(_request(ctx, '2.1'), instance,
                                        conf=conf)


def test_fault_details_only_for_admins_on_500(db, ctx, admin_ctx, conf):
    instance = _instance(ctx, vm_state=vm_states.ERROR)
    instance.add_fault(RuntimeError('boom'))
    instance = objects.Instance.get_by_uuid(ctx, instance.uuid,
                                            expected_attrs=['fault'])
    member = views.show(_request(ctx, '2.1'), instance, conf=conf)['fault']
    admin = views.show(_request(admin_ctx, '2.1'), instance,
                       conf=conf)['fault']
    assert set(member) == {'code', 'message', 'created'}
    assert set(admin) == {'code', 'message', 'created', 'details'}
