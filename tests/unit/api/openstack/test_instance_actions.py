"""/servers/{id}/os-instance-actions per microversion: 2.21 deleted
servers, 2.51 events for owners, 2.58 paging/changes-since/updated_at,
2.62 host and hostId, 2.66 changes-before; the key sets against Nova's
api-ref and doc/api_samples/os-instance-actions, on a real SQLite
database."""
import datetime
import hashlib
import uuid

from oslo_utils import timeutils
import pytest

from minicompute import context as mc_context
from minicompute import exception, objects, policy
from minicompute.api.openstack import api_version_request as avr
from minicompute.api.openstack import wsgi
from minicompute.api.openstack.compute import instance_actions
from minicompute.db import actions_api
from minicompute.db import api as db_api

T0 = datetime.datetime(2024, 5, 1, 12, 0, 0)
ACTION_KEYS = {'action', 'instance_uuid', 'request_id', 'user_id',
               'project_id', 'start_time', 'message'}
ACTION_KEYS_258 = ACTION_KEYS | {'updated_at'}
EVENT_KEYS = {'event', 'start_time', 'finish_time', 'result'}


@pytest.fixture(autouse=True)
def enforcer(conf):
    policy.reset()
    policy.get_enforcer(conf)
    yield
    policy.reset()


class Clock:
    """timeutils.utcnow for these tests: T0, moved on by ``advance``."""

    def __init__(self):
        self.now = T0

    def __call__(self, with_timezone=False):
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += datetime.timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timeutils, 'utcnow', clock)
    return clock


@pytest.fixture
def controller(conf, db):
    return instance_actions.InstanceActionsController(conf)


@pytest.fixture
def admin_ctx():
    return mc_context.RequestContext(user_id='admin', project_id='admin',
                                     roles=['admin'])


@pytest.fixture
def server(db, ctx):
    instance = objects.Instance(
        ctx, uuid=str(uuid.uuid4()), project_id=ctx.project_id,
        user_id=ctx.user_id, vm_state='active', host='host1', node='host1',
        image_ref='img-1')
    instance.create()
    return instance


def _act(ctx, server, name, events=(('compute_%s', 'Success', None),)):
    """Record action ``name`` (its own request id) with ``events``, a
    minute after the previous one; returns the request id."""
    timeutils.utcnow.advance(60)
    request_ctx = mc_context.RequestContext(
        user_id=ctx.user_id, project_id=ctx.project_id,
        request_id='req-%s-%s' % (name, uuid.uuid4().hex[:6]))
    objects.InstanceAction.action_start(request_ctx, server.uuid, name)
    for event, result, traceback in events:
        event = event % name if '%s' in event else event
        timeutils.utcnow.advance(1)
        objects.InstanceAction.event_start(request_ctx, server.uuid, event,
                                           host='host1')
        timeutils.utcnow.advance(1)
        objects.InstanceAction.event_finish(request_ctx, server.uuid, event,
                                            result=result,
                                            traceback=traceback)
    return request_ctx.request_id


def _request(context, version, path='', query=''):
    request = wsgi.Request.blank(path + query,
                                 base_url='http://localhost/v2.1')
    request.environ['minicompute.context'] = context
    request.environ['minicompute.api_version'] = avr.APIVersionRequest(
        version)
    return request


def _list(controller, context, server, version, query=''):
    path = '/servers/%s/os-instance-actions' % server.uuid
    return controller.index(_request(context, version, path, query),
                            server.uuid)


def _show(controller, context, server, version, request_id):
    return controller.show(_request(context, version), server.uuid,
                           request_id)['instanceAction']


def _bad(call, *args) -> str:
    with pytest.raises(exception.MinicomputeException) as raised:
        call(*args)
    assert raised.value.code == 400
    return raised.value.format_message()


# ------------------------------------------------------------ key sets

@pytest.mark.parametrize('version, keys', [
    ('2.1', ACTION_KEYS), ('2.57', ACTION_KEYS), ('2.58', ACTION_KEYS_258),
    ('2.79', ACTION_KEYS_258)])
def test_list_newest_first_with_the_keys_of_the_version(
        controller, ctx, server, version, keys):
    create = _act(ctx, server, 'create')
    stop = _act(ctx, server, 'stop')
    body = _list(controller, ctx, server, version)
    assert set(body) == {'instanceActions'}
    actions = body['instanceActions']
    assert [a['request_id'] for a in actions] == [stop, create]
    for action in actions:
        assert set(action) == keys
    assert actions[0]['start_time'] == '2024-05-01T12:02:02.000000'
    if 'updated_at' in keys:
        # The last event of stop finished 2s after it started.
        assert actions[0]['updated_at'] == '2024-05-01T12:02:04.000000'


@pytest.mark.parametrize('version', [
    '2.1', '2.50', '2.51', '2.57', '2.58', '2.61', '2.62', '2.66', '2.79'])
@pytest.mark.parametrize('who', ['admin', 'owner'])
def test_show_events_per_version(controller, ctx, admin_ctx, server,
                                 version, who):
    request_id = _act(ctx, server, 'stop', events=[
        ('first', 'Success', None), ('second', 'Error', 'Traceback...')])
    context = admin_ctx if who == 'admin' else ctx
    action = _show(controller, context, server, version, request_id)
    v = avr.APIVersionRequest(version)
    keys = ACTION_KEYS_258 if v >= avr.APIVersionRequest('2.58') \
        else ACTION_KEYS
    admin = who == 'admin'
    shows_events = admin or v >= avr.APIVersionRequest('2.51')
    assert set(action) == keys | ({'events'} if shows_events else set())
    assert action['message'] == 'Error'
    if not shows_events:
        return
    event_keys = set(EVENT_KEYS)
    if admin:
        event_keys.add('traceback')
    if v >= avr.APIVersionRequest('2.62'):
        event_keys |= {'hostId', 'host'} if admin else {'hostId'}
    # Newest first, as Nova lists them.
    assert [e['event'] for e in action['events']] == ['second', 'first']
    for event in action['events']:
        assert set(event) == event_keys
    if admin:
        assert action['events'][0]['traceback'] == 'Traceback...'
    if 'hostId' in event_keys:
        assert action['events'][0]['hostId'] == hashlib.sha224(
            b'proj-ahost1').hexdigest()
    if 'host' in event_keys:
        assert action['events'][0]['host'] == 'host1'


def test_host_id_of_an_event_without_host_is_empty(controller, ctx,
                                                    server):
    request_id = _act(ctx, server, 'stop', events=())
    action = actions_api.action_get_by_request_id(server.uuid, request_id)
    with db_api.writer() as session:
        session.add(db_api.models.InstanceActionEvent(
            action_id=action.id, event='conductor_thing',
            start_time=timeutils.utcnow()))
    (event,) = _show(controller, ctx, server, '2.62', request_id)['events']
    assert event['hostId'] == ''


def test_unknown_action_is_404(controller, ctx, server):
    with pytest.raises(exception.NotFound) as raised:
        _show(controller, ctx, server, '2.1', 'req-nope')
    assert raised.value.format_message() == 'Action req-nope not found'


# ---------------------------------------------------------- visibility

def test_deleted_servers_from_2_21(controller, ctx, server):
    request_id = _act(ctx, server, 'create')
    server.destroy()
    for call in (lambda v: _list(controller, ctx, server, v),
                 lambda v: _show(controller, ctx, server, v, request_id)):
        with pytest.raises(exception.InstanceNotFound):
            call('2.20')
    assert [a['request_id'] for a in _list(
        controller, ctx, server, '2.21')['instanceActions']] == [request_id]
    assert _show(controller, ctx, server, '2.21', request_id)[
        'request_id'] == request_id


def test_other_projects_servers_are_404(controller, ctx, admin_ctx, server):
    request_id = _act(ctx, server, 'create')
    other = mc_context.RequestContext(user_id='bob', project_id='proj-b',
                                      roles=['member'])
    for version in ('2.1', '2.21', '2.79'):
        with pytest.raises(exception.InstanceNotFound) as raised:
            _list(controller, other, server, version)
        assert raised.value.format_message() == (
            'Instance %s could not be found.' % server.uuid)
        with pytest.raises(exception.InstanceNotFound):
            _show(controller, other, server, version, request_id)
    assert _list(controller, admin_ctx, server, '2.79')['instanceActions']


# -------------------------------------------------------------- paging

def test_paging_with_limit_and_marker(controller, ctx, server):
    ids = [_act(ctx, server, 'a%d' % i) for i in range(5)][::-1]
    page = _list(controller, ctx, server, '2.58', '?limit=2')
    assert [a['request_id'] for a in page['instanceActions']] == ids[:2]
    assert page['links'] == [{
        'rel': 'next',
        'href': 'http://localhost/v2.1/servers/%s/os-instance-actions'
                '?limit=2&marker=%s' % (server.uuid, ids[1])}]
    page = _list(controller, ctx, server, '2.58',
                 '?limit=2&marker=%s' % ids[1])
    assert [a['request_id'] for a in page['instanceActions']] == ids[2:4]
    page = _list(controller, ctx, server, '2.58',
                 '?limit=2&marker=%s' % ids[3])
    assert [a['request_id'] for a in page['instanceActions']] == ids[4:]
    assert 'links' not in page
    # No limit: everything, and no link below the maximum page size.
    assert 'links' not in _list(controller, ctx, server, '2.58')
    assert _list(controller, ctx, server, '2.58', '?limit=0') == {
        'instanceActions': []}
    # Below 2.58 paging parameters (and anything else) are ignored.
    assert len(_list(controller, ctx, server, '2.57',
                     '?limit=1&foo=bar')['instanceActions']) == 5


@pytest.mark.parametrize('version, query, message', [
    ('2.58', '?marker=req-nope', 'Marker req-nope could not be found.'),
    ('2.58', '?limit=-1', "Invalid input for query parameters limit. "
                          "Value: -1. '-1' does not match '^[0-9]*$'"),
    ('2.58', '?limit=x', "Invalid input for query parameters limit. "
                         "Value: x. 'x' does not match '^[0-9]*$'"),
    ('2.58', '?marker=a&marker=b', "Invalid input for query parameters "
                                   "marker. Value: ['a', 'b']. "
                                   "['a', 'b'] is too long"),
    ('2.58', '?foo=1', "Additional properties are not allowed ('foo' was "
                       "unexpected)"),
    ('2.58', '?changes-since=wrong', "Invalid input for query parameters "
                                     "changes-since. Value: wrong. "
                                     "'wrong' is not a 'date-time'"),
    ('2.65', '?changes-before=2024-05-01T12:00:00Z',
     "Additional properties are not allowed ('changes-before' was "
     "unexpected)"),
    ('2.66', '?changes-before=tomorrow',
     "Invalid input for query parameters changes-before. Value: tomorrow. "
     "'tomorrow' is not a 'date-time'"),
    ('2.66', '?changes-since=2024-05-01T13:00:00Z'
             '&changes-before=2024-05-01T12:00:00Z',
     'The value of changes-since must be less than or equal to '
     'changes-before.'),
])
def test_bad_list_query(controller, ctx, server, version, query, message):
    _act(ctx, server, 'create')
    assert _bad(_list, controller, ctx, server, version, query) == message


def test_changes_since_and_before(controller, ctx, server):
    first = _act(ctx, server, 'create')      # 12:01:00 .. 12:01:02
    second = _act(ctx, server, 'stop')       # 12:02:02 .. 12:02:04
    # An event on the first action later on makes it changed again.
    timeutils.utcnow.advance(600)      # 12:12:04
    request_ctx = mc_context.RequestContext(
        user_id=ctx.user_id, project_id=ctx.project_id, request_id=first)
    objects.InstanceAction.event_start(request_ctx, server.uuid, 'late',
                                       host='host1')

    def ids(version, query):
        return [a['request_id'] for a in _list(
            controller, ctx, server, version, query)['instanceActions']]

    assert ids('2.58', '?changes-since=2024-05-01T12:02:00Z') == [
        second, first]
    assert ids('2.58', '?changes-since=2024-05-01T12:05:00Z') == [first]
    assert ids('2.58', '?changes-since=2024-05-01T14:05:00%2B02:00') == [
        first]
    assert ids('2.58', '?changes-since=2024-05-01T12:13:00Z') == []
    assert ids('2.66', '?changes-before=2024-05-01T12:05:00Z') == [second]
    assert ids('2.66', '?changes-since=2024-05-01T12:00:00Z'
                       '&changes-before=2024-05-01T12:02:04Z') == [second]
    action = _show(controller, ctx, server, '2.58', first)
    assert action['updated_at'] == '2024-05-01T12:12:04.000000'


def test_updated_at_follows_the_events(db, ctx, server):
    request_id = _act(ctx, server, 'reboot', events=())
    action = actions_api.action_get_by_request_id(server.uuid, request_id)
    assert action.updated_at == action.start_time == T0 + \
        datetime.timedelta(minutes=1)
    request_ctx = mc_context.RequestContext(project_id=ctx.project_id,
                                            request_id=request_id)
    timeutils.utcnow.advance(5)
    objects.InstanceAction.event_start(request_ctx, server.uuid, 'e',
                                       host='host1')
    assert actions_api.action_get_by_request_id(
        server.uuid, request_id).updated_at == T0 + datetime.timedelta(
        minutes=1, seconds=5)
    timeutils.utcnow.advance(5)
    objects.InstanceAction.event_finish(request_ctx, server.uuid, 'e')
    assert actions_api.action_get_by_request_id(
        server.uuid, request_id).updated_at == T0 + datetime.timedelta(
        minutes=1, seconds=10)
