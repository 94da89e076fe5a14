"""InstanceGroup: a server group, its policy and its members.

``hosts`` is not stored: it is the hosts of the live members, filled by
``get_hosts()`` when a scheduler or a compute needs it.

Usage::

    group = objects.InstanceGroup.get_by_uuid(context, group_uuid)
    group.hosts = group.get_hosts(exclude=[instance.uuid])
"""
from minicompute.db import groups_api
from minicompute.objects import base, fields

POLICIES = ('affinity', 'anti-affinity', 'soft-affinity',
            'soft-anti-affinity')


@base.MinicomputeObjectRegistry.register
class InstanceGroup(base.MinicomputeTimestampObject, base.MinicomputeObject):
    VERSION = '1.0'
    fields = dict(base.MinicomputeTimestampObject.fields, **{
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'name': fields.StringField(nullable=True),
        'project_id': fields.StringField(nullable=True),
        'user_id': fields.StringField(nullable=True),
        'policy': fields.StringField(),
        'rules': fields.DictOfStringsField(default={}),
        'members': fields.ListOfStringsField(default=[]),
        'hosts': fields.ListOfStringsField(default=[]),
    })

    @classmethod
    def _from_dict(cls, context, values):
        obj = cls(context)
        for name in cls.fields:
            if name == 'rules':
                obj.rules = {k: str(v) for k, v in values['rules'].items()}
            elif name in values:
                setattr(obj, name, values[name])
        if not obj.obj_attr_is_set('hosts'):
            obj.hosts = []
        obj.obj_reset_changes()
        return obj

    @property
    def policies(self) -> list:
        """The 2.1 API's list form of ``policy``."""
        return [self.policy]

    @property
    def max_server_per_host(self) -> int:
        return int(self.rules.get('max_server_per_host', 1))

    @property
    def typed_rules(self) -> dict:
        """``rules`` as the 2.64 API shows them: the known rule, an int
        (they are stored as strings)."""
        if 'max_server_per_host' in self.rules:
            return {'max_server_per_host': self.max_server_per_host}
        return {}

    @classmethod
    @base.remotable
    def get_by_uuid(cls, context, uuid):
        return cls._from_dict(context, groups_api.group_get(uuid))

    @base.remotable
    def create(self):
        values = {name: getattr(self, name) for name in
                  ('uuid', 'name', 'project_id', 'user_id', 'policy',
                   'rules') if self.obj_attr_is_set(name)}
        members = self.members if self.obj_attr_is_set('members') else []
        created = groups_api.group_create(values, members)
        for name in ('id', 'uuid', 'created_at', 'updated_at', 'members'):
            setattr(self, name, created[name])
        self.hosts = []
        self.obj_reset_changes()

    @base.remotable
    def destroy(self):
        groups_api.group_destroy(self.uuid)

    @base.remotable
    def add_members(self, instance_uuids):
        groups_api.group_add_members(self.uuid, list(instance_uuids))
        self.members = list(self.members) + list(instance_uuids)
        self.obj_reset_changes(['members'])

    @base.remotable
    def get_hosts(self, exclude=None):
        """Hosts of the group's live members, minus ``exclude`` uuids."""
        return groups_api.group_member_hosts(self.uuid, exclude)

    @base.remotable
    def get_members_on_host(self, host):
        """``{instance uuid: vm_state}`` of the live members on ``host``."""
        return groups_api.group_members_on_host(self.uuid, host)


@base.MinicomputeObjectRegistry.register
class InstanceGroupList(base.ObjectListBase, base.MinicomputeObject):
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('InstanceGroup')}

    @classmethod
    @base.remotable
    def get_all(cls, context, project_id=None, limit=None, offset=None):
        groups = groups_api.group_get_all(project_id, limit, offset)
        return cls(context, objects=[InstanceGroup._from_dict(context, g)
                                     for g in groups])
