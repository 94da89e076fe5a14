"""Instance: a server, and the compare-and-swap save that keeps its states
honest when a build and a delete race.
"""
from minicompute import exception
from minicompute.db import api as db_api
from minicompute.db import keypairs_api, tags_api
from minicompute.notifications import send as notify
from minicompute.objects import base, fields, instance_fault
from minicompute.objects import flavor as flavor_obj

_FLAVOR_KEYS = ('id', 'flavorid', 'name', 'memory_mb', 'vcpus', 'root_gb',
                'ephemeral_gb', 'swap', 'rxtx_factor', 'is_public',
                'description', 'extra_specs')
_NOT_COLUMNS = ('fault', 'flavor', 'metadata')

#: ``[DEFAULT] instance_name_template``, set by configure_names() when a
#: service starts.
_NAME_TEMPLATE = 'instance-%08x'


def configure_names(conf) -> None:
    """Name instances on the hypervisor by this process's template."""
    global _NAME_TEMPLATE
    _NAME_TEMPLATE = conf.instance_name_template


def _flavor_to_db(flavor):
    return {key: getattr(flavor, key) for key in _FLAVOR_KEYS
            if flavor.obj_attr_is_set(key)}


@base.MinicomputeObjectRegistry.register
class Instance(base.MinicomputePersistentObject, base.MinicomputeObject):
    # Version 1.1: (before the history was kept)
    # Version 1.2: get_notification_extras (a method only: nothing to
    #              backport for a 1.1 peer)
    # Version 1.3: keypairs
    VERSION = '1.3'
    fields = dict(base.MinicomputePersistentObject.fields, **{
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'display_name': fields.StringField(nullable=True),
        'display_description': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'host': fields.StringField(nullable=True),
        'node': fields.StringField(nullable=True),
        'vm_state': fields.StringField(nullable=True),
        'task_state': fields.StringField(nullable=True),
        'power_state': fields.IntegerField(default=0),
        'image_ref': fields.StringField(nullable=True),
        'instance_type_id': fields.IntegerField(nullable=True),
        'flavor': fields.ObjectField('Flavor', nullable=True),
        'memory_mb': fields.IntegerField(nullable=True),
        'vcpus': fields.IntegerField(nullable=True),
        'root_gb': fields.IntegerField(nullable=True),
        'ephemeral_gb': fields.IntegerField(nullable=True),
        'metadata': fields.DictOfStringsField(default={}),
        'networks': fields.StringField(nullable=True),
        'key_name': fields.StringField(nullable=True),
        'availability_zone': fields.StringField(nullable=True),
        'reservation_id': fields.StringField(nullable=True),
        'launch_index': fields.IntegerField(nullable=True),
        'launched_at': fields.DateTimeField(nullable=True),
        'terminated_at': fields.DateTimeField(nullable=True),
        'locked': fields.BooleanField(default=False),
        'progress': fields.IntegerField(nullable=True),
        'access_ip_v4': fields.StringField(nullable=True),
        'access_ip_v6': fields.StringField(nullable=True),
        'config_drive': fields.StringField(nullable=True),
        'hostname': fields.StringField(nullable=True),
        'kernel_id': fields.StringField(nullable=True),
        'ramdisk_id': fields.StringField(nullable=True),
        'root_device_name': fields.StringField(nullable=True),
        'user_data': fields.StringField(nullable=True),
        'locked_by': fields.StringField(nullable=True),
        'locked_reason': fields.StringField(nullable=True),
        'trusted_certs': fields.ListOfStringsField(nullable=True),
        # The key pair named by key_name as it was at create (or rebuild)
        # time, [{name, type, public_key}]: what the guest is given.
        'keypairs': fields.ListOfDictOfNullableStringsField(nullable=True),
        'fault': fields.ObjectField('InstanceFault', nullable=True),
    })

    def obj_make_compatible(self, primitive, target_version):
        super().obj_make_compatible(primitive, target_version)
        if target_version in ('1.0', '1.1', '1.2'):
            primitive.pop('keypairs', None)

    @classmethod
    def _from_db_object(cls, context, obj, db_obj, fault=None):
        base.from_db_row(cls, context, obj, db_obj, skip=_NOT_COLUMNS)
        obj.metadata = dict(db_obj.metadata_ or {})
        obj.flavor = (flavor_obj.Flavor(**db_obj.flavor)
                      if db_obj.flavor else None)
        obj.fault = fault
        obj.obj_reset_changes(recursive=True)
        return obj

    @property
    def name(self) -> str:
        """The hypervisor's name for this instance (Nova's template)."""
        return _NAME_TEMPLATE % self.id

    def _values_for_db(self, values):
        values = dict(values)
        values.pop('fault', None)
        values.pop('id', None)
        if 'flavor' in values:
            values['flavor'] = (_flavor_to_db(values['flavor'])
                                if values['flavor'] is not None else None)
        return values

    @base.remotable
    def create(self):
        if self.obj_attr_is_set('id'):
            raise exception.ObjectActionError(action='create',
                                              reason='already created')
        row = db_api.instance_create(
            self._values_for_db(self.obj_get_changes()))
        self._from_db_object(self._context, self, row)

    @base.remotable
    def save(self, expected_task_state=(), expected_vm_state=()):
        """Write changed fields; with ``expected_*`` only if the stored
        states still match (raises UnexpectedTaskStateError otherwise).
        """
        values = self._values_for_db(self.obj_get_changes())
        if not values:
            return
        before = self._states_before(values)
        row = db_api.instance_update(self.uuid, values,
                                     expected_task_state=expected_task_state,
                                     expected_vm_state=expected_vm_state)
        fault = self.fault if self.obj_attr_is_set('fault') else None
        self._from_db_object(self._context, self, row, fault=fault)
        if before is not None:
            notify.instance_update(self._context, self, *before,
                                   tags=tags_api.tags_get(self.uuid))

    def _states_before(self, values):
        """(vm_state, task_state, display_name) as stored before this save,
        for instance.update; None when no such notification is wanted.
        Read only when a state or the name changes: otherwise the stored
        values are the new ones."""
        if not notify.instance_updates_wanted():
            return None
        if not {'vm_state', 'task_state', 'display_name'} & set(values):
            return tuple(getattr(self, name) if self.obj_attr_is_set(name)
                         else None for name in ('vm_state', 'task_state',
                                                'display_name'))
        try:
            row = db_api.instance_get_by_uuid(self.uuid)
        except exception.InstanceNotFound:
            return None         # the update will say so
        return (row.vm_state, row.task_state, row.display_name)

    @base.remotable
    def get_notification_extras(self) -> dict:
        """The tags and key pair that create notifications carry (Nova
        keeps copies on the instance; here they are looked up, so a key
        pair deleted since the create is no longer listed)."""
        keypairs = []
        if self.key_name:
            try:
                keypair = keypairs_api.key_pair_get(self.user_id,
                                                    self.key_name)
            except exception.KeypairNotFound:
                pass
            else:
                keypairs.append({key: keypair[key] for key in (
                    'user_id', 'name', 'fingerprint', 'public_key',
                    'type')})
        return {'tags': tags_api.tags_get(self.uuid), 'keypairs': keypairs}

    @base.remotable
    def destroy(self):
        row = db_api.instance_destroy(self.uuid)
        self._from_db_object(self._context, self, row)

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid, expected_attrs=None):
        row = db_api.instance_get_by_uuid(uuid)
        fault = None
        if expected_attrs and 'fault' in expected_attrs:
            fault = instance_fault.InstanceFault.get_latest_for_instances(
                context, [uuid]).get(uuid)
        return cls._from_db_object(context, cls(), row, fault=fault)

    @base.remotable
    def refresh(self):
        current = self.__class__.get_by_uuid(self._context, self.uuid)
        for field in self.fields:
            if current.obj_attr_is_set(field) and field != 'fault':
                setattr(self, field, getattr(current, field))
        self.obj_reset_changes(recursive=True)

    def add_fault(self, error, host=None) -> None:
        """Record ``error`` as this instance's latest fault."""
        fault = instance_fault.InstanceFault.from_exception(
            self._context, self.uuid, error, host=host)
        fault.create()
        self.fault = fault
        self.obj_reset_changes(['fault'])


@base.MinicomputeObjectRegistry.register
class InstanceList(base.ObjectListBase, base.MinicomputeObject):
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('Instance')}

    @classmethod
    @base.remotable
    def get_by_filters(cls, context, filters, limit=None, marker=None,
                       expected_attrs=None, sort_keys=None, sort_dirs=None):
        rows = db_api.instance_get_all_by_filters(filters, limit=limit,
                                                  marker=marker,
                                                  sort_keys=sort_keys,
                                                  sort_dirs=sort_dirs)
        faults = {}
        if expected_attrs and 'fault' in expected_attrs:
            faults = instance_fault.InstanceFault.get_latest_for_instances(
                context, [row.uuid for row in rows])
        result = cls(context, objects=[
            Instance._from_db_object(context, Instance(), row,
                                     fault=faults.get(row.uuid))
            for row in rows])
        result.obj_reset_changes()
        return result

    @classmethod
    @base.remotable
    def get_by_host(cls, context, host):
        return cls.get_by_filters(context, {'host': host})
