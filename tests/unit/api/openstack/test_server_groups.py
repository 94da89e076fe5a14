"""/os-server-groups per microversion (2.13 owner ids, 2.15 soft
policies, 2.64 policy + rules, 2.75 strict list query), against Nova's
api-ref and doc/api_samples/os-server-groups, on a real SQLite database.
"""
import pytest

from minicompute import context as mc_context
from minicompute import exception, policy
from minicompute.api.openstack import api_version_request as avr
from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute import server_groups

KEYS_21 = {'id', 'name', 'policies', 'members', 'metadata'}
KEYS_213 = KEYS_21 | {'project_id', 'user_id'}
KEYS_264 = {'id', 'name', 'policy', 'rules', 'members', 'project_id',
            'user_id'}


@pytest.fixture(autouse=True)
def enforcer(conf):
    policy.reset()
    policy.get_enforcer(conf)
    yield
    policy.reset()


@pytest.fixture
def controller(conf, db):
    return server_groups.ServerGroupsController(conf)


@pytest.fixture
def admin_ctx():
    return mc_context.RequestContext(user_id='admin', project_id='admin',
                                     roles=['admin'])


def _request(context, version, query=''):
    request = wsgi.Request.blank('/v2.1/os-server-groups' + query)
    request.environ['minicompute.context'] = context
    request.environ['minicompute.api_version'] = avr.APIVersionRequest(
        version)
    return request


def _create(controller, ctx, version, group):
    return controller.create(_request(ctx, version),
                             {'server_group': group})['server_group']


def _legacy(policy_name='anti-affinity', name='g'):
    return {'name': name, 'policies': [policy_name]}


def _bad(call, *args) -> str:
    with pytest.raises(exception.MinicomputeException) as raised:
        call(*args)
    assert raised.value.code == 400
    return raised.value.format_message()


# ------------------------------------------------------------ key sets

@pytest.mark.parametrize('version, keys', [
    ('2.1', KEYS_21), ('2.12', KEYS_21), ('2.13', KEYS_213),
    ('2.63', KEYS_213)])
def test_legacy_bodies(controller, ctx, version, keys):
    group = _create(controller, ctx, version, _legacy())
    assert set(group) == keys
    assert (group['policies'], group['metadata'], group['members']) == (
        ['anti-affinity'], {}, [])
    if 'project_id' in keys:
        assert (group['project_id'], group['user_id']) == ('proj-a',
                                                          'alice')
    shown = controller.show(_request(ctx, version), group['id'])
    assert shown == {'server_group': group}
    listed = controller.index(_request(ctx, version))['server_groups']
    assert listed == [group]


@pytest.mark.parametrize('version', ['2.64', '2.75', '2.79'])
def test_policy_and_rules_bodies(controller, ctx, version):
    group = _create(controller, ctx, version, {
        'name': 'g', 'policy': 'anti-affinity',
        'rules': {'max_server_per_host': 3}})
    assert set(group) == KEYS_264
    assert (group['policy'], group['rules']) == (
        'anti-affinity', {'max_server_per_host': 3})
    shown = controller.show(_request(ctx, version), group['id'])[
        'server_group']
    assert shown == group
    # A group made with the 2.1 body shows empty rules at 2.64 ...
    legacy = _create(controller, ctx, '2.1', _legacy('affinity', 'old'))
    shown = controller.show(_request(ctx, version), legacy['id'])[
        'server_group']
    assert (shown['policy'], shown['rules']) == ('affinity', {})
    # ... and a 2.64 group shows its policy as a list below 2.64.
    old_view = controller.show(_request(ctx, '2.63'), group['id'])[
        'server_group']
    assert set(old_view) == KEYS_213
    assert old_view['policies'] == ['anti-affinity']


def test_rules_given_as_a_string_show_as_an_int(controller, ctx):
    group = _create(controller, ctx, '2.64', {
        'name': 'g', 'policy': 'anti-affinity',
        'rules': {'max_server_per_host': '2'}})
    assert group['rules'] == {'max_server_per_host': 2}


# ------------------------------------------------------------ policies

@pytest.mark.parametrize('name', ['soft-affinity', 'soft-anti-affinity'])
def test_soft_policies_arrive_with_2_15(controller, ctx, name):
    message = _bad(_create, controller, ctx, '2.14', _legacy(name))
    assert message == (
        "Invalid input for field/attribute 0. Value: %s. '%s' is not one "
        "of ['anti-affinity', 'affinity']" % (name, name))
    assert _create(controller, ctx, '2.15', _legacy(name))['policies'] == \
        [name]
    group = _create(controller, ctx, '2.64', {'name': 'g', 'policy': name})
    assert (group['policy'], group['rules']) == (name, {})


@pytest.mark.parametrize('version, group, message', [
    ('2.63', {'name': 'g', 'policy': 'affinity'},
     "'policies' is a required property"),
    ('2.63', {'name': 'g', 'policies': ['affinity'], 'policy': 'affinity'},
     "Additional properties are not allowed ('policy' was unexpected)"),
    ('2.64', {'name': 'g', 'policies': ['affinity']},
     "'policy' is a required property"),
    ('2.64', {'name': 'g', 'policy': 'affinity', 'policies': ['affinity']},
     "Additional properties are not allowed ('policies' was unexpected)"),
    ('2.64', {'name': 'g'}, "'policy' is a required property"),
    ('2.64', {'name': 'g', 'policy': 'bogus'},
     "'bogus' is not one of ['anti-affinity', 'affinity', "
     "'soft-anti-affinity', 'soft-affinity']"),
    ('2.64', {'name': 'g', 'policy': 'affinity',
              'rules': {'max_server_per_host': 2}},
     'Only anti-affinity policy supports rules.'),
    ('2.64', {'name': 'g', 'policy': 'soft-anti-affinity',
              'rules': {'max_server_per_host': 2}},
     'Only anti-affinity policy supports rules.'),
    ('2.64', {'name': 'g', 'policy': 'anti-affinity',
              'rules': {'max_server_per_host': 0}},
     '0 is less than the minimum of 1'),
    ('2.64', {'name': 'g', 'policy': 'anti-affinity',
              'rules': {'max_server_per_host': '0'}},
     'Invalid input for field/attribute max_server_per_host. Value: 0. '
     '0 is less than the minimum of 1'),
    ('2.64', {'name': 'g', 'policy': 'anti-affinity',
              'rules': {'max_server_per_host': 'two'}},
     "'two' does not match '^[0-9]*$'"),
    ('2.64', {'name': 'g', 'policy': 'anti-affinity',
              'rules': {'max_server_per_host': -1}},
     '-1 is less than the minimum of 1'),
    ('2.64', {'name': 'g', 'policy': 'anti-affinity',
              'rules': {'max_servers': 2}},
     "Additional properties are not allowed ('max_servers' was "
     "unexpected)"),
])
def test_bad_create_bodies(controller, ctx, version, group, message):
    assert message in _bad(_create, controller, ctx, version, group)


def test_affinity_with_empty_rules_is_fine(controller, ctx):
    group = _create(controller, ctx, '2.64', {
        'name': 'g', 'policy': 'affinity', 'rules': {}})
    assert group['rules'] == {}


# ---------------------------------------------------------------- list

def test_list_paging_and_projects(controller, ctx, admin_ctx, conf):
    mine = [_create(controller, ctx, '2.13', _legacy(name='g%d' % i))['id']
            for i in range(3)]
    other = mc_context.RequestContext(user_id='bob', project_id='proj-b',
                                      roles=['member'])
    theirs = _create(controller, other, '2.13', _legacy())['id']

    def ids(context, query, version='2.1'):
        return [g['id'] for g in controller.index(
            _request(context, version, query))['server_groups']]

    assert ids(ctx, '') == mine
    assert ids(ctx, '?limit=2') == mine[:2]
    assert ids(ctx, '?limit=2&offset=2') == mine[2:]
    # limit=0 means "the maximum", as in Nova.
    assert ids(ctx, '?limit=0') == mine
    conf.set_override('max_limit', 1, group='api')
    assert ids(ctx, '?limit=5') == mine[:1]
    conf.clear_override('max_limit', group='api')
    # all_projects: its presence counts, only for admins; others get
    # their own project's groups, not a 403.
    assert ids(ctx, '?all_projects=True') == mine
    assert ids(admin_ctx, '') == []
    assert ids(admin_ctx, '?all_projects=True') == mine + [theirs]
    assert ids(admin_ctx, '?all_projects=False') == mine + [theirs]


@pytest.mark.parametrize('query, message', [
    ('?limit=-1', "Invalid input for query parameters limit. Value: -1. "
                  "'-1' does not match '^[0-9]*$'"),
    ('?offset=x', "Invalid input for query parameters offset. Value: x. "
                  "'x' does not match '^[0-9]*$'"),
])
def test_bad_list_query(controller, ctx, query, message):
    assert _bad(controller.index, _request(ctx, '2.1', query)) == message


def test_unknown_list_parameters_are_400_from_2_75(controller, ctx):
    assert controller.index(_request(ctx, '2.74', '?foo=1')) == {
        'server_groups': []}
    assert _bad(controller.index, _request(ctx, '2.75', '?foo=1')) == (
        "Additional properties are not allowed ('foo' was unexpected)")
    assert controller.index(_request(
        ctx, '2.75', '?all_projects=1&limit=1&offset=0')) == {
        'server_groups': []}


# ---------------------------------------------------- visibility, quota

def test_other_projects_groups_are_404(controller, ctx, admin_ctx):
    group = _create(controller, ctx, '2.1', _legacy())
    other = mc_context.RequestContext(user_id='bob', project_id='proj-b',
                                      roles=['member'])
    for call in (controller.show, controller.delete):
        with pytest.raises(exception.InstanceGroupNotFound) as raised:
            call(_request(other, '2.64'), group['id'])
        assert raised.value.format_message() == (
            'Instance group %s could not be found.' % group['id'])
    assert controller.show(_request(admin_ctx, '2.1'), group['id'])
    response = controller.delete(_request(ctx, '2.1'), group['id'])
    assert response.code == 204


def test_server_groups_quota(controller, ctx, conf):
    conf.set_override('server_groups', 1, group='quota')
    _create(controller, ctx, '2.64', {'name': 'a', 'policy': 'affinity'})
    with pytest.raises(exception.OverQuota) as raised:
        _create(controller, ctx, '2.64', {'name': 'b',
                                          'policy': 'affinity'})
    assert raised.value.code == 403
    assert raised.value.format_message() == (
        'Quota exceeded, too many server groups.')
    assert len(controller.index(_request(ctx, '2.1'))['server_groups']) == 1
