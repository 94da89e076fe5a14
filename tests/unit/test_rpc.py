"""RequestContextSerializer: versioned objects and the context survive the
trip through primitives and JSON, as they do over oslo.messaging."""
import uuid

from oslo_serialization import jsonutils
import pytest

from minicompute import exception, objects, rpc


@pytest.fixture
def serializer():
    return rpc.RequestContextSerializer()


def _wire(value):
    return jsonutils.loads(jsonutils.dumps(value))


def _instance(ctx):
    instance = objects.Instance(
        ctx, uuid=str(uuid.uuid4()), project_id=ctx.project_id,
        display_name='web-1', vm_state='building', task_state='scheduling',
        metadata={'role': 'web'},
        flavor=objects.Flavor(id=1, flavorid='f1', name='m1.small',
                              memory_mb=512, vcpus=1, root_gb=5,
                              ephemeral_gb=0, swap=0,
                              extra_specs={'k': 'v'}))
    instance.create()
    instance.add_fault(exception.NoValidHost(reason='nothing fits'))
    return objects.Instance.get_by_uuid(ctx, instance.uuid,
                                        expected_attrs=['fault'])


def test_instance_round_trip(db, ctx, serializer):
    instance = _instance(ctx)

    again = serializer.deserialize_entity(
        ctx, _wire(serializer.serialize_entity(ctx, instance)))

    assert isinstance(again, objects.Instance)
    assert again.obj_to_primitive() == instance.obj_to_primitive()
    assert (again.flavor.extra_specs, again.metadata, again.fault.message) \
        == ({'k': 'v'}, {'role': 'web'}, 'No valid host was found. '
            'nothing fits')
    # oslo.versionedobjects sends datetimes to the second.
    assert again.created_at == instance.created_at.replace(microsecond=0)
    assert again._context is ctx


def test_pending_changes_survive(db, ctx, serializer):
    instance = _instance(ctx)
    instance.display_name = 'renamed'

    again = serializer.deserialize_entity(
        ctx, _wire(serializer.serialize_entity(ctx, instance)))

    assert 'display_name' in again.obj_what_changed()
    assert again.display_name == 'renamed'


def test_objects_nested_in_lists(ctx, serializer):
    # The scheduler's answer: one list of Selections per instance.
    selections = [[objects.Selection(
        service_host='cn%d' % i, nodename='cn%d' % i,
        compute_node_uuid=str(uuid.uuid4()), compute_node_id=i,
        instance_uuid=str(uuid.uuid4()), claimed=(i == 0))
        for i in range(2)]]

    again = serializer.deserialize_entity(
        ctx, _wire(serializer.serialize_entity(ctx, selections)))

    assert [[s.obj_to_primitive() for s in hosts] for hosts in again] == \
        [[s.obj_to_primitive() for s in hosts] for hosts in selections]


def test_plain_values_pass_through(ctx, serializer):
    value = {'a': [1, 'two', None], 'b': True}

    assert serializer.deserialize_entity(
        ctx, _wire(serializer.serialize_entity(ctx, value))) == value


def test_context_round_trip(ctx, serializer):
    again = serializer.deserialize_context(
        _wire(serializer.serialize_context(ctx)))

    assert (again.user_id, again.project_id, again.roles, again.request_id,
            again.is_admin, again.timestamp) == \
        (ctx.user_id, ctx.project_id, ctx.roles, ctx.request_id,
         ctx.is_admin, ctx.timestamp)
