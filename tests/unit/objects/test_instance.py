"""Instance create/save/destroy round trips on a real SQLite database."""
import uuid

import pytest

from minicompute import exception, objects
from minicompute.db import api as db_api

FLAVOR = {'id': 7, 'flavorid': 'f-small', 'name': 'm1.small',
          'memory_mb': 512, 'vcpus': 1, 'root_gb': 5, 'ephemeral_gb': 1,
          'swap': 256, 'rxtx_factor': 1.5, 'is_public': False,
          'description': 'small one', 'extra_specs': {'hw:cpu': 'shared'}}


def _flavor(**overrides):
    return objects.Flavor(**dict(FLAVOR, **overrides))


def _new_instance(ctx, **values):
    values.setdefault('uuid', str(uuid.uuid4()))
    values.setdefault('project_id', ctx.project_id)
    values.setdefault('user_id', ctx.user_id)
    values.setdefault('vm_state', 'building')
    values.setdefault('task_state', 'scheduling')
    values.setdefault('flavor', _flavor())
    values.setdefault('metadata', {'role': 'web', 'tier': '1'})
    instance = objects.Instance(ctx, **values)
    instance.create()
    return instance


def _flavor_values(flavor):
    return {key: getattr(flavor, key) for key in FLAVOR}


def test_create_then_load_round_trip(db, ctx):
    created = _new_instance(ctx, display_name='web-1', memory_mb=512,
                            vcpus=1)

    loaded = objects.Instance.get_by_uuid(ctx, created.uuid)

    assert loaded.id == created.id > 0
    assert (loaded.display_name, loaded.project_id, loaded.vm_state,
            loaded.task_state, loaded.memory_mb) == \
        ('web-1', ctx.project_id, 'building', 'scheduling', 512)
    assert loaded.metadata == {'role': 'web', 'tier': '1'}
    assert _flavor_values(loaded.flavor) == FLAVOR
    assert loaded.fault is None
    assert loaded.deleted is False
    assert loaded.name == 'instance-%08x' % created.id


def test_flavor_stored_as_json_of_known_keys_only(db, ctx):
    created = _new_instance(ctx, flavor=_flavor(disabled=True))

    stored = db_api.instance_get_by_uuid(created.uuid).flavor

    assert stored == FLAVOR


def test_second_create_refused(db, ctx):
    instance = _new_instance(ctx)

    with pytest.raises(exception.ObjectActionError):
        instance.create()
    assert len(db_api.instance_get_all_by_filters({})) == 1


def _after_create(ctx, instance):
    return instance


def _after_load(ctx, instance):
    return objects.Instance.get_by_uuid(ctx, instance.uuid)


def _after_save(ctx, instance):
    instance.display_name = 'x'
    instance.save()
    return instance


def _after_refresh(ctx, instance):
    instance.refresh()
    return instance


def _after_list(ctx, instance):
    (listed,) = objects.InstanceList.get_by_filters(ctx, {})
    return listed



@pytest.mark.parametrize('step', [
    pytest.param(_after_create, id='create'),
    pytest.param(_after_load, id='get_by_uuid'),
    pytest.param(_after_save, id='save'),
    pytest.param(_after_refresh, id='refresh'),
    pytest.param(_after_list, id='list'),
])
def test_instance_from_database_has_no_pending_changes(db, ctx, step):
    instance = step(ctx, _new_instance(ctx))

    assert instance.obj_what_changed() == set()


def test_instance_without_flavor_has_no_pending_changes(db, ctx):
    instance = _new_instance(ctx, flavor=None)

    assert instance.obj_what_changed() == set()


def test_instance_without_flavor(db, ctx):
    created = _new_instance(ctx, flavor=None, metadata={})

    loaded = objects.Instance.get_by_uuid(ctx, created.uuid)

    assert (loaded.flavor, loaded.metadata) == (None, {})


def test_save_writes_changed_fields(db, ctx):
    instance = _new_instance(ctx)
    instance.display_name = 'renamed'
    instance.metadata = {'role': 'db'}
    instance.flavor = _flavor(name='m1.big', memory_mb=4096)
    instance.task_state = 'spawning'

    instance.save(expected_task_state='scheduling')

    loaded = objects.Instance.get_by_uuid(ctx, instance.uuid)
    assert (loaded.display_name, loaded.metadata, loaded.flavor.name,
            loaded.flavor.memory_mb, loaded.task_state) == \
        ('renamed', {'role': 'db'}, 'm1.big', 4096, 'spawning')
    assert instance.updated_at is not None


def test_save_without_changes_does_not_touch_row(db, ctx):
    instance = _new_instance(ctx)

    instance.save(expected_task_state='something-else')

    assert db_api.instance_get_by_uuid(instance.uuid).updated_at is None


@pytest.mark.parametrize('stored, expected, error', [
    ('spawning', 'scheduling', exception.UnexpectedTaskStateError),
    ('deleting', ['scheduling', None],
     exception.UnexpectedDeletingTaskStateError),
])
def test_save_compare_and_swap(db, ctx, stored, expected, error):
    instance = _new_instance(ctx)
    db_api.instance_update(instance.uuid, {'task_state': stored})
    instance.host = 'cn1'

    with pytest.raises(error):
        instance.save(expected_task_state=expected)

    assert db_api.instance_get_by_uuid(instance.uuid).host is None


def test_save_keeps_fault_already_loaded(db, ctx):
    instance = _new_instance(ctx)
    instance.add_fault(exception.NoValidHost(reason='none',
                                             explanation='RamFilter: 1 -> 0'))
    instance.vm_state = 'error'

    instance.save()

    assert instance.fault.details == 'RamFilter: 1 -> 0'
    loaded = objects.Instance.get_by_uuid(ctx, instance.uuid,
                                          expected_attrs=['fault'])
    assert (loaded.vm_state, loaded.fault.code, loaded.fault.message) == \
        ('error', 500, 'No valid host was found. none')


def test_destroy_soft_deletes(db, ctx):
    instance = _new_instance(ctx)

    instance.destroy()

    assert (instance.vm_state, instance.task_state, instance.deleted) == \
        ('deleted', None, True)
    assert instance.metadata == {'role': 'web', 'tier': '1'}
    with pytest.raises(exception.InstanceNotFound):
        objects.Instance.get_by_uuid(ctx, instance.uuid)


def test_refresh_picks_up_changes_made_elsewhere(db, ctx):
    instance = _new_instance(ctx)
    db_api.instance_update(instance.uuid, {'vm_state': 'active',
                                           'task_state': None,
                                           'metadata': {'x': 'y'}})

    instance.refresh()

    assert (instance.vm_state, instance.task_state, instance.metadata) == \
        ('active', None, {'x': 'y'})


def test_list_by_filters_with_faults(db, ctx):
    failed = _new_instance(ctx, display_name='failed')
    failed.add_fault(exception.NoValidHost(reason='x'))
    _new_instance(ctx, display_name='fine')
    _new_instance(ctx, project_id='other')

    listed = objects.InstanceList.get_by_filters(
        ctx, {'project_id': ctx.project_id}, expected_attrs=['fault'])

    faults = {i.display_name: i.fault and i.fault.message for i in listed}
    assert faults == {'failed': 'No valid host was found. x', 'fine': None}


def test_keypairs_are_kept_with_the_instance(db, ctx):
    keypairs = [{'name': 'k', 'type': 'ssh', 'public_key': 'ssh-rsa AAA'}]
    created = _new_instance(ctx, key_name='k', keypairs=keypairs)
    assert objects.Instance.get_by_uuid(ctx, created.uuid).keypairs == \
        keypairs


def test_older_peers_get_no_keypairs():
    instance = objects.Instance(uuid=str(uuid.uuid4()), key_name='k',
                                keypairs=[{'name': 'k'}])
    primitive = instance.obj_to_primitive(target_version='1.2')
    assert 'keypairs' not in primitive['minicompute_object.data']
    assert primitive['minicompute_object.data']['key_name'] == 'k'


def test_ec2_ids_of_an_instance(db, ctx):
    image = str(uuid.uuid4())
    instance = _new_instance(ctx, image_ref=image, kernel_id=image,
                             ramdisk_id='')
    ids = objects.EC2Ids.get_by_instance(ctx, instance)
    assert ids.instance_id == 'i-%08x' % instance.id
    assert ids.ami_id.startswith('ami-')
    # The same image has one integer whatever its role.
    assert ids.kernel_id == 'aki-' + ids.ami_id[4:]
    assert ids.ramdisk_id is None
