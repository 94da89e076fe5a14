"""The compute API that the REST layer calls: create, read, delete servers.

It writes the instance rows (vm_state building, task_state scheduling) and
hands them to the conductor; it never talks to a hypervisor.
"""
from __future__ import annotations

from oslo_log import log as logging
from oslo_utils import uuidutils

from minicompute import exception, objects, servicegroup
from minicompute.compute import quota, task_states, vm_states
from minicompute.compute import rpcapi as compute_rpcapi
from minicompute.conductor import api as conductor_api
from minicompute.objects import instance_action

LOG = logging.getLogger(__name__)

MULTI_INSTANCE_NAME = '%(name)s-%(count)d'
COMPUTE_BINARY = 'minicompute-compute'


class API:
    def __init__(self, conf):
        self.conf = conf
        self.compute_task_api = conductor_api.ComputeTaskAPI()
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()

    # ------------------------------------------------------------- create
    def create(self, context, flavor, image_id: str, name: str,
               networks: str | None = 'auto', metadata: dict | None = None,
               min_count: int = 1, max_count: int = 1,
               description: str | None = None):
        """Create and start building servers; returns (instances, resv id).

        :raises: ImageNotFound (as 400 by the caller), FlavorMemoryTooSmall,
                 FlavorDiskTooSmall, TooManyInstances
        """
        metadata = metadata or {}
        image = self._get_image(context, image_id)
        self._check_image_fits(image, flavor)
        quota.check_metadata(self.conf, metadata)
        count = quota.check_instances(self.conf, context, flavor, min_count,
                                      max_count)
        reservation_id = 'r-%s' % uuidutils.generate_uuid()[:8]
        instances = []
        for index in range(count):
            display_name = name if count == 1 else MULTI_INSTANCE_NAME % {
                'name': name, 'count': index + 1}
            instance = objects.Instance(
                context, uuid=uuidutils.generate_uuid(),
                display_name=display_name, display_description=description,
                project_id=context.project_id, user_id=context.user_id,
                vm_state=vm_states.BUILDING,
                task_state=task_states.SCHEDULING, power_state=0,
                image_ref=image.id, instance_type_id=flavor.id,
                flavor=flavor, memory_mb=flavor.memory_mb,
                vcpus=flavor.vcpus, root_gb=flavor.root_gb,
                ephemeral_gb=flavor.ephemeral_gb, metadata=metadata,
                networks=networks, reservation_id=reservation_id,
                launch_index=index, locked=False)
            instance.create()
            objects.InstanceAction.action_start(context, instance.uuid,
                                                instance_action.CREATE)
            instances.append(instance)
        spec = objects.RequestSpec(
            instance_uuid=instances[0].uuid, num_instances=count,
            min_count=min(min_count, count), project_id=context.project_id,
            user_id=context.user_id, flavor=flavor, image=image,
            scheduler_hints={}, networks=networks)
        self.compute_task_api.schedule_and_build_instances(
            context, spec, [instance.uuid for instance in instances])
        return instances, reservation_id

    @staticmethod
    def _get_image(context, image_id):
        try:
            image = objects.ImageMeta.get_by_id(context, image_id)
        except exception.ImageNotFound:
            raise exception.InvalidInput(
                reason='Can not find requested image')
        if image.status != 'active':
            raise exception.ImageUnacceptable(image_id=image_id,
                                              reason='status is %s' %
                                              image.status)
        return image

    @staticmethod
    def _check_image_fits(image, flavor) -> None:
        if image.min_ram and flavor.memory_mb < image.min_ram:
            raise exception.FlavorMemoryTooSmall()
        if flavor.root_gb and image.min_disk and \
                flavor.root_gb < image.min_disk:
            raise exception.FlavorDiskTooSmall(
                flavor_size=flavor.root_gb * 1024 ** 3,
                image_size=image.min_disk * 1024 ** 3)
        if flavor.root_gb and image.size and \
                image.size > flavor.root_gb * 1024 ** 3:
            raise exception.FlavorDiskTooSmall(
                flavor_size=flavor.root_gb * 1024 ** 3,
                image_size=image.size)

    # --------------------------------------------------------------- read
    def get(self, context, instance_id: str):
        return objects.Instance.get_by_uuid(context, instance_id,
                                            expected_attrs=['fault'])

    def get_all(self, context, filters: dict, limit: int | None = None,
                marker: str | None = None):
        return objects.InstanceList.get_by_filters(
            context, filters, limit=limit, marker=marker,
            expected_attrs=['fault'])

    # ------------------------------------------------------------- delete
    def delete(self, context, instance) -> None:
        """Delete on the host, or locally if it never reached one (or its
        compute service is down), as Nova does.
        """
        objects.InstanceAction.action_start(context, instance.uuid,
                                            instance_action.DELETE)
        if not instance.host or not self._host_is_up(context,
                                                     instance.host):
            self._local_delete(context, instance)
            return
        instance.task_state = task_states.DELETING
        instance.save()
        self.compute_rpcapi.terminate_instance(context, instance)

    def _host_is_up(self, context, host: str) -> bool:
        try:
            service = objects.Service.get_by_host_and_binary(
                context, host, COMPUTE_BINARY)
        except exception.NotFound:
            return False
        return servicegroup.service_is_up(service,
                                          self.conf.service_down_time)

    @staticmethod
    def _local_delete(context, instance) -> None:
        LOG.info('Deleting instance %s locally (host %s)', instance.uuid,
                 instance.host)
        objects.Allocation.release(context, instance.uuid)
        instance.destroy()
