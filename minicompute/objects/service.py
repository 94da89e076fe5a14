"""Service: a running minicompute daemon and its heartbeat.

``SERVICE_VERSION`` is what a service writes into its record; it indexes
``SERVICE_VERSION_HISTORY``, which says which RPC API versions that code
speaks, so that ``[upgrade_levels] ... = auto`` can cap what newer
services send to the oldest one still running. Bump it (append a line)
with every RPC API version bump.
"""
from minicompute.db import api as db_api
from minicompute.objects import base, fields

SERVICE_VERSION_HISTORY = (
    # 0: releases up to 0.1, which never wrote their version.
    {'compute_rpc': '1.3', 'conductor_rpc': '1.0',
     'compute_task_rpc': '1.0', 'scheduler_rpc': '1.0'},
    # 1: conductor 1.1 (ping); services write their version.
    {'compute_rpc': '1.3', 'conductor_rpc': '1.1',
     'compute_task_rpc': '1.0', 'scheduler_rpc': '1.0'},
)
SERVICE_VERSION = len(SERVICE_VERSION_HISTORY) - 1


@base.MinicomputeObjectRegistry.register
class Service(base.MinicomputePersistentObject, base.MinicomputeObject):
    # Version 1.0: initial version
    # Version 1.1: get_minimum_version
    VERSION = '1.1'
    fields = dict(base.MinicomputePersistentObject.fields, **{
        'id': fields.IntegerField(),
        'uuid': fields.UUIDField(),
        'host': fields.StringField(),
        'binary': fields.StringField(),
        'topic': fields.StringField(),
        'report_count': fields.IntegerField(default=0),
        'disabled': fields.BooleanField(default=False),
        'disabled_reason': fields.StringField(nullable=True),
        'forced_down': fields.BooleanField(default=False),
        'last_seen_up': fields.DateTimeField(nullable=True),
        'version': fields.IntegerField(default=0),
    })

    @classmethod
    @base.remotable
    def get_by_host_and_binary(cls, context, host, binary):
        return cls._from_db_object(
            context, cls(),
            db_api.service_get_by_host_and_binary(host, binary))

    @classmethod
    @base.remotable
    def get_minimum_version(cls, context, binary) -> int | None:
        """The oldest SERVICE_VERSION among ``binary``'s services (None
        when there is none)."""
        return db_api.service_get_minimum_version(binary)

    @classmethod
    @base.remotable
    def get_by_id(cls, context, service_id):
        return cls._from_db_object(context, cls(),
                                   db_api.service_get(service_id))

    @base.remotable
    def create(self):
        values = self.obj_get_changes()
        values.pop('id', None)
        self._from_db_object(self._context, self,
                             db_api.service_create(values))

    @base.remotable
    def save(self):
        values = self.obj_get_changes()
        if values:
            self._from_db_object(self._context, self,
                                 db_api.service_update(self.id, values))

    @base.remotable
    def destroy(self):
        db_api.service_destroy(self.id)


@base.MinicomputeObjectRegistry.register
class ServiceList(base.ObjectListBase, base.MinicomputeObject):
    VERSION = '1.0'
    fields = {'objects': fields.ListOfObjectsField('Service')}

    @classmethod
    @base.remotable
    def get_all(cls, context, binary=None, host=None):
        return base.obj_make_list(context, cls(context),
                                  db_api.service_get_all(binary=binary,
                                                         host=host))
