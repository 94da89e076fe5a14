"""RequestContext: the dict form that crosses RPC, and elevated()."""
import datetime

import pytest

from minicompute import context as mc_context


def _ctx(**kwargs):
    values = {'user_id': 'alice', 'project_id': 'proj-a',
              'roles': ['member', 'reader'], 'request_id': 'req-1234'}
    values.update(kwargs)
    return mc_context.RequestContext(**values)


def _identity(ctx):
    return (ctx.user_id, ctx.project_id, list(ctx.roles), ctx.request_id,
            ctx.is_admin, ctx.timestamp)


@pytest.mark.parametrize('kwargs', [
    {},
    {'roles': ['admin']},
    {'roles': [], 'is_admin': True},
    {'user_id': None, 'project_id': None, 'roles': []},
    {'timestamp': datetime.datetime(2024, 5, 6, 7, 8, 9, 123456)},
])
def test_dict_round_trip_keeps_identity(kwargs):
    ctx = _ctx(**kwargs)

    again = mc_context.RequestContext.from_dict(ctx.to_dict())

    assert _identity(again) == _identity(ctx)


def test_to_dict_is_json_friendly():
    values = _ctx(timestamp=datetime.datetime(2024, 1, 2, 3, 4, 5)).to_dict()

    assert (values['user_id'], values['project_id'], values['roles'],
            values['timestamp']) == ('alice', 'proj-a', ['member', 'reader'],
                                     '2024-01-02T03:04:05')


@pytest.mark.parametrize('roles, is_admin', [
    (['admin'], True),
    (['Admin'], True),
    (['member', 'ADMIN'], True),
    (['member'], False),
    ([], False),
])
def test_admin_role_implies_is_admin(roles, is_admin):
    assert _ctx(roles=roles).is_admin is is_admin


def test_explicit_is_admin_overrides_roles():
    assert _ctx(roles=['admin'], is_admin=False).is_admin is False


@pytest.mark.parametrize('roles, elevated_roles', [
    (['member'], ['member', 'admin']),
    ([], ['admin']),
    (['admin'], ['admin']),
])
def test_elevated_adds_admin_without_touching_original(roles,
                                                       elevated_roles):
    ctx = _ctx(roles=roles)
    before = _identity(ctx)

    admin = ctx.elevated()

    assert admin is not ctx
    assert admin.is_admin is True
    assert admin.roles == elevated_roles
    assert (admin.user_id, admin.project_id, admin.request_id) == \
        (ctx.user_id, ctx.project_id, ctx.request_id)
    assert _identity(ctx) == before


def test_roles_list_not_shared_with_caller():
    roles = ['member']
    ctx = mc_context.RequestContext(user_id='u', project_id='p', roles=roles)

    ctx.elevated()
    ctx.roles.append('extra')

    assert roles == ['member']


def test_admin_context():
    ctx = mc_context.get_admin_context()

    assert (ctx.is_admin, ctx.roles, ctx.user_id, ctx.project_id) == \
        (True, ['admin'], None, None)
