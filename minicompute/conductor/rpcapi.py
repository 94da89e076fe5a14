"""Client side of the conductor RPC APIs.

Two APIs share the ``conductor`` topic, as in Nova: ``ConductorAPI`` carries
remotable object methods for services without database access (compute),
``ComputeTaskAPI`` (namespace ``compute_task``) starts build workflows.
"""
from oslo_versionedobjects import base as ovo_base

from minicompute import rpc_versions

TOPIC = 'conductor'


class ConductorAPI(rpc_versions.RPCAPI,
                   ovo_base.VersionedObjectIndirectionAPI):
    """Client side of the conductor object RPC API.

    API version history:

    * 1.0 - Initial version: object_class_action_versions, object_action,
            object_backport_versions
    * 1.1 - Added ping
    """

    TOPIC = TOPIC
    VERSION = '1.1'
    UPGRADE_LEVEL = 'conductor'

    def ping(self, context, arg, timeout: float | None = None):
        """Call: a conductor answers ``arg`` back (is one listening?)."""
        cctxt = self.client.prepare(version='1.1', timeout=timeout)
        return cctxt.call(context, 'ping', arg=arg)

    def object_class_action_versions(self, context, objname, objmethod,
                                     object_versions, args, kwargs):
        cctxt = self.client.prepare(version='1.0')
        return cctxt.call(context, 'object_class_action_versions',
                          objname=objname, objmethod=objmethod,
                          object_versions=object_versions,
                          args=args, kwargs=kwargs)

    def object_action(self, context, objinst, objmethod, args, kwargs):
        cctxt = self.client.prepare(version='1.0')
        return cctxt.call(context, 'object_action', objinst=objinst,
                          objmethod=objmethod, args=args, kwargs=kwargs)

    def object_backport_versions(self, context, objinst, object_versions):
        cctxt = self.client.prepare(version='1.0')
        return cctxt.call(context, 'object_backport_versions',
                          objinst=objinst, object_versions=object_versions)


class ComputeTaskAPI(rpc_versions.RPCAPI):
    """Client side of the conductor's compute-task RPC API.

    API version history:

    * 1.0 - Initial version: schedule_and_build_instances, build_instances
    """

    TOPIC = TOPIC
    NAMESPACE = 'compute_task'
    VERSION = '1.0'
    UPGRADE_LEVEL = 'compute_task'

    def schedule_and_build_instances(self, context, request_spec,
                                     instance_uuids):
        """Cast: schedule the instances, then cast each build to its host.

        :param request_spec: objects.RequestSpec shared by the instances
        :param instance_uuids: the instances, already in the database
        """
        cctxt = self.client.prepare(version='1.0')
        cctxt.cast(context, 'schedule_and_build_instances',
                   request_spec=request_spec, instance_uuids=instance_uuids)

    def build_instances(self, context, instance, request_spec, host_list,
                        reason):
        """Cast: reschedule a failed build to the next alternate host.

        :param host_list: remaining objects.Selection alternates
        :param reason: why the previous host failed, for the final fault
        """
        cctxt = self.client.prepare(version='1.0')
        cctxt.cast(context, 'build_instances', instance=instance,
                   request_spec=request_spec, host_list=host_list,
                   reason=reason)
