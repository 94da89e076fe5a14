"""The conductor service's RPC endpoints.

``ConductorManager`` runs remotable object methods for computes (which have
no database access); ``ComputeTaskManager`` starts build workflows, whose
steps live in ``conductor/tasks``.
"""
import oslo_messaging as messaging
from oslo_utils import versionutils

from minicompute import exception, manager
from minicompute.compute import rpcapi as compute_rpcapi
from minicompute.conductor.tasks import build
from minicompute.objects import base as objects_base
from minicompute.scheduler import api as scheduler_api


def _older(version: str, than: str) -> bool:
    return (versionutils.convert_version_to_tuple(version) <
            versionutils.convert_version_to_tuple(than))


class ConductorManager(manager.Manager):
    target = messaging.Target(version='1.1')

    def __init__(self, conf, host: str):
        super().__init__(conf, host, 'conductor')
        self.compute_task_mgr = ComputeTaskManager(conf, host)
        self.additional_endpoints = [self.compute_task_mgr]

    def ping(self, context, arg):
        return {'service': 'conductor', 'arg': arg}

    @messaging.expected_exceptions(exception.MinicomputeException)
    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        objclass = objects_base.MinicomputeObject.obj_class_from_name(
            objname, object_versions[objname])
        result = getattr(objclass, objmethod)(context, *args, **kwargs)
        if isinstance(result, objects_base.MinicomputeObject):
            # Answer in the version the caller knows (an older compute
            # during a rolling upgrade), saving it a backport round trip.
            wanted = object_versions.get(result.obj_name())
            if wanted and _older(wanted, result.VERSION):
                return result.obj_to_primitive(
                    target_version=wanted, version_manifest=object_versions)
        return result

    @messaging.expected_exceptions(exception.MinicomputeException)
    def object_action(self, context, objinst, objmethod, args, kwargs):
        """Run ``objinst.objmethod`` here; return (field updates, result)."""
        before = objinst.obj_clone()
        result = getattr(objinst, objmethod)(*args, **kwargs)
        updates = {}
        for name, field in objinst.fields.items():
            if not objinst.obj_attr_is_set(name):
                continue
            value = getattr(objinst, name)
            if (not before.obj_attr_is_set(name) or
                    getattr(before, name) != value):
                updates[name] = field.to_primitive(objinst, name, value)
        updates['obj_what_changed'] = objinst.obj_what_changed()
        return updates, result

    def object_backport_versions(self, context, objinst, object_versions):
        target = object_versions[objinst.obj_name()]
        return objinst.obj_to_primitive(target_version=target,
                                        version_manifest=object_versions)


class ComputeTaskManager:
    target = messaging.Target(namespace='compute_task', version='1.0')

    def __init__(self, conf, host: str):
        self.conf = conf
        self.host = host
        self.builder = build.Builder(conf,
                                     scheduler_api.SchedulerQueryClient(),
                                     compute_rpcapi.ComputeAPI())

    def schedule_and_build_instances(self, context, request_spec,
                                     instance_uuids):
        self.builder.schedule_and_build(context, request_spec,
                                        instance_uuids)

    def build_instances(self, context, instance, request_spec, host_list,
                        reason):
        self.builder.reschedule(context, instance, request_spec, host_list,
                                reason)
