"""ConductorManager's object indirection, called directly and through a
JSON-serialising in-process stand-in for the RPC hop (no broker)."""
import uuid

import oslo_messaging as messaging
from oslo_serialization import jsonutils
import pytest

from minicompute import exception, objects, rpc
from minicompute.conductor import manager as conductor_manager
from minicompute.db import api as db_api
from minicompute.objects import base as objects_base

VERSIONS = {'Instance': '1.0', 'Flavor': '1.0', 'InstanceFault': '1.0'}
CURRENT = {'Instance': objects.Instance.VERSION, 'Flavor': '1.0',
           'InstanceFault': '1.0'}


@pytest.fixture
def conductor(rpc_conf, db):
    return conductor_manager.ConductorManager(rpc_conf, 'conductor1')


def _create(ctx, **values):
    instance = objects.Instance(
        ctx, uuid=str(uuid.uuid4()), project_id=ctx.project_id,
        vm_state='building', task_state='scheduling', metadata={},
        flavor=objects.Flavor(id=1, flavorid='f1', name='m1.small',
                              memory_mb=512, vcpus=1, root_gb=5,
                              ephemeral_gb=0, swap=0), **values)
    instance.create()
    return instance


# ---------------------------------------------------- direct calls

def test_object_action_save_returns_changed_fields(conductor, ctx):
    instance = _create(ctx, display_name='old')
    instance.display_name = 'new'
    instance.task_state = 'spawning'

    updates, result = conductor.object_action(
        ctx, instance, 'save', (), {'expected_task_state': 'scheduling'})

    assert result is None
    # save() stamped updated_at; the caller already had the new name.
    assert 'updated_at' in updates
    assert updates['updated_at'] == objects.Instance.fields[
        'updated_at'].to_primitive(instance, 'updated_at',
                                   instance.updated_at)
    assert not {'display_name', 'task_state', 'uuid', 'id'} & set(updates)
    row = db_api.instance_get_by_uuid(instance.uuid)
    assert (row.display_name, row.task_state) == ('new', 'spawning')


def test_object_action_reports_what_the_call_changed(conductor, ctx):
    instance = _create(ctx)
    db_api.instance_update(instance.uuid, {'vm_state': 'active',
                                           'host': 'cn1'})

    updates, _result = conductor.object_action(ctx, instance, 'refresh',
                                               (), {})

    assert (updates['vm_state'], updates['host']) == ('active', 'cn1')
    assert 'project_id' not in updates


def test_object_action_expected_error_is_wrapped(conductor, ctx):
    instance = _create(ctx)
    instance.host = 'cn1'

    with pytest.raises(messaging.ExpectedException) as raised:
        conductor.object_action(ctx, instance, 'save', (),
                                {'expected_task_state': 'spawning'})

    assert raised.value.exc_info[0] is exception.UnexpectedTaskStateError
    assert db_api.instance_get_by_uuid(instance.uuid).host is None


def test_object_class_action_versions_get_by_uuid(conductor, ctx):
    instance = _create(ctx, display_name='web-1')

    loaded = conductor.object_class_action_versions(
        ctx, 'Instance', 'get_by_uuid', CURRENT, (instance.uuid,), {})

    assert isinstance(loaded, objects.Instance)
    assert (loaded.uuid, loaded.id, loaded.display_name,
            loaded.flavor.name) == (instance.uuid, instance.id, 'web-1',
                                    'm1.small')


def test_object_class_action_answers_in_the_callers_version(conductor,
                                                             ctx):
    """An older compute asks for Instance 1.0: it gets 1.0 back, not a
    version it would have to ask to have backported."""
    instance = _create(ctx, display_name='web-1')

    loaded = conductor.object_class_action_versions(
        ctx, 'Instance', 'get_by_uuid', VERSIONS, (instance.uuid,), {})

    assert loaded['minicompute_object.version'] == '1.0'
    again = objects.Instance.obj_from_primitive(loaded)
    assert (again.uuid, again.display_name) == (instance.uuid, 'web-1')


def test_object_class_action_versions_not_found(conductor, ctx):
    with pytest.raises(messaging.ExpectedException) as raised:
        conductor.object_class_action_versions(
            ctx, 'Instance', 'get_by_uuid', VERSIONS, (str(uuid.uuid4()),),
            {})

    assert raised.value.exc_info[0] is exception.InstanceNotFound


def test_object_class_action_versions_claim(conductor, ctx, make_node):
    node = make_node('cn1', memory_mb=1024)
    instance_uuid = str(uuid.uuid4())

    claimed = conductor.object_class_action_versions(
        ctx, 'Allocation', 'claim', {'Allocation': '1.0'},
        (instance_uuid, node.id, 1, 1024, 1), {})

    assert claimed is True
    assert db_api.allocation_get(instance_uuid).compute_node_id == node.id


def test_object_backport_versions(conductor, ctx):
    instance = _create(ctx)

    primitive = conductor.object_backport_versions(ctx, instance, VERSIONS)

    assert primitive['minicompute_object.name'] == 'Instance'
    assert primitive['minicompute_object.version'] == '1.0'
    assert primitive['minicompute_object.data']['uuid'] == instance.uuid


# ------------------------------- through a serialising indirection API

class _InProcessConductor:
    """What ConductorAPI does, minus the broker: every argument and answer
    crosses a JSON boundary through the real serializer, and expected
    exceptions are unwrapped as the RPC server would."""

    def __init__(self, manager):
        self.manager = manager
        self.serializer = rpc.RequestContextSerializer()

    def _hop(self, ctx, value):
        wire = jsonutils.loads(jsonutils.dumps(
            self.serializer.serialize_entity(ctx, value)))
        return self.serializer.deserialize_entity(ctx, wire)

    def _call(self, ctx, method, *args):
        remote_ctx = self.serializer.deserialize_context(
            jsonutils.loads(jsonutils.dumps(
                self.serializer.serialize_context(ctx))))
        args = [self._hop(remote_ctx, arg) for arg in args]
        # The conductor runs object methods locally: no indirection there.
        base = objects_base.MinicomputeObject
        base.indirection_api, local = None, base.indirection_api
        try:
            result = getattr(self.manager, method)(remote_ctx, *args)
        except messaging.ExpectedException as e:
            raise e.exc_info[1]
        finally:
            base.indirection_api = local
        return self._hop(ctx, result)

    def object_action(self, ctx, objinst, objmethod, args, kwargs):
        return self._call(ctx, 'object_action', objinst, objmethod, args,
                          kwargs)

    def object_class_action_versions(self, ctx, objname, objmethod,
                                     object_versions, args, kwargs):
        return self._call(ctx, 'object_class_action_versions', objname,
                          objmethod, object_versions, args, kwargs)


@pytest.fixture
def remote(conductor, monkeypatch):
    monkeypatch.setattr(objects_base.MinicomputeObject, 'indirection_api',
                        _InProcessConductor(conductor))


def test_remote_save_updates_database_and_caller(remote, ctx):
    instance = _create(ctx)
    instance.vm_state = 'active'
    instance.task_state = None

    instance.save(expected_task_state=['scheduling'])

    row = db_api.instance_get_by_uuid(instance.uuid)
    assert (row.vm_state, row.task_state) == ('active', None)
    assert instance.updated_at is not None
    assert {'vm_state', 'task_state'}.isdisjoint(
        instance.obj_what_changed())


def test_remote_save_raises_the_real_exception(remote, ctx):
    instance = _create(ctx)
    db_api.instance_update(instance.uuid, {'task_state': 'deleting'})
    instance.host = 'cn1'

    with pytest.raises(exception.UnexpectedDeletingTaskStateError):
        instance.save(expected_task_state=['scheduling', None])


def test_remote_classmethod_returns_objects(remote, ctx):
    instance = _create(ctx, display_name='web-1')

    loaded = objects.Instance.get_by_uuid(ctx, instance.uuid)

    assert (loaded.uuid, loaded.display_name, loaded.flavor.memory_mb) == \
        (instance.uuid, 'web-1', 512)
    assert loaded._context is ctx
