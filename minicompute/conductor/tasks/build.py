"""The conductor's part of a build: ask the scheduler, record where each
instance goes, cast each build to its host; on a reschedule, claim the next
alternate; mark instances ERROR with a fault when nothing is left.
"""
from __future__ import annotations

from oslo_log import log as logging
import oslo_messaging as messaging

from minicompute import availability_zones, exception, objects
from minicompute.compute import task_states, vm_states

LOG = logging.getLogger(__name__)

EXHAUSTED = ('Exhausted all hosts available for retrying build failures '
             'for instance %(instance_uuid)s.')


class Builder:
    def __init__(self, conf, scheduler_client, compute_rpcapi):
        self.conf = conf
        self.scheduler_client = scheduler_client
        self.compute_rpcapi = compute_rpcapi

    def schedule_and_build(self, context, request_spec,
                           instance_uuids) -> None:
        instances = self._load(context, instance_uuids)
        if not instances:
            return
        event = 'conductor_schedule_and_build_instances'
        for instance in instances:
            objects.InstanceAction.event_start(context, instance.uuid, event,
                                               host=self.conf.host)
        try:
            host_lists = self.scheduler_client.select_destinations(
                context, request_spec, [i.uuid for i in instances])
        except (exception.NoValidHost, messaging.MessagingTimeout) as e:
            if isinstance(e, messaging.MessagingTimeout):
                e = exception.NoValidHost(reason='The scheduler did not '
                                          'answer in time.')
            for instance in instances:
                self._set_error(context, instance, e)
                objects.InstanceAction.event_finish(
                    context, instance.uuid, event, result='Error',
                    traceback=getattr(e, 'kwargs', {}).get('explanation'))
            return
        placed = {hosts[0].instance_uuid: hosts for hosts in host_lists}
        for instance in instances:
            hosts = placed.get(instance.uuid)
            if hosts is None:
                self._set_error(context, instance, exception.NoValidHost(
                    reason='There are not enough hosts available.'))
                objects.InstanceAction.event_finish(
                    context, instance.uuid, event, result='Error')
                continue
            objects.InstanceAction.event_finish(context, instance.uuid,
                                                event)
            self._build_on(context, instance, request_spec, hosts[0],
                           hosts[1:])

    def reschedule(self, context, instance, request_spec, host_list,
                   reason: str) -> None:
        """Try the alternates in order; the first whose claim fits wins."""
        for index, selection in enumerate(host_list):
            if objects.Allocation.claim(
                    context, instance.uuid, selection.compute_node_id,
                    request_spec.vcpus, request_spec.memory_mb,
                    request_spec.disk_gb):
                LOG.info('Rescheduling %s to %s after: %s', instance.uuid,
                         selection.service_host, reason)
                self._build_on(context, instance, request_spec, selection,
                               host_list[index + 1:])
                return
        error = exception.MaxRetriesExceeded(
            reason=EXHAUSTED % {'instance_uuid': instance.uuid},
            explanation='Last failure: %s' % reason)
        self._set_error(context, instance, error)

    def _build_on(self, context, instance, request_spec, selection,
                  alternates) -> None:
        instance.host = selection.service_host
        instance.node = selection.nodename
        if not (request_spec.obj_attr_is_set('availability_zone') and
                request_spec.availability_zone):
            # Nova records the zone the instance landed in when none was
            # requested (again on a reschedule to another host).
            instance.availability_zone = \
                availability_zones.get_host_availability_zone(
                    self.conf, selection.service_host)
        try:
            instance.save(expected_task_state=[task_states.SCHEDULING,
                                               None])
        except (exception.InstanceNotFound,
                exception.UnexpectedTaskStateError):
            LOG.info('Instance %s was deleted while it was scheduled',
                     instance.uuid)
            objects.Allocation.release(context, instance.uuid)
            return
        self.compute_rpcapi.build_and_run_instance(
            context, instance, host=selection.service_host,
            node=selection.nodename, request_spec=request_spec,
            host_list=alternates)

    @staticmethod
    def _load(context, instance_uuids):
        instances = []
        for uuid in instance_uuids:
            try:
                instances.append(objects.Instance.get_by_uuid(context, uuid))
            except exception.InstanceNotFound:
                LOG.info('Instance %s was deleted before scheduling', uuid)
        return instances

    @staticmethod
    def _set_error(context, instance, error) -> None:
        try:
            instance.vm_state = vm_states.ERROR
            instance.task_state = None
            # The fault first: whoever sees ERROR also sees why.
            instance.add_fault(error)
            instance.save()
        except exception.InstanceNotFound:
            return
        LOG.warning('Instance %s failed to build: %s', instance.uuid,
                    error.format_message())

