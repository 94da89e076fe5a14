"""The compute API that the REST layer calls: create, read, delete servers.

It writes the instance rows (vm_state building, task_state scheduling) and
hands them to the conductor; it never talks to a hypervisor.
"""
from __future__ import annotations

from oslo_log import log as logging
from oslo_utils import strutils, uuidutils

from minicompute import compute, exception, objects, servicegroup
from minicompute.compute import instance_names, quota, task_states, vm_states
from minicompute.compute import rpcapi as compute_rpcapi
from minicompute.compute import scheduler_hints as scheduler_hints_mod
from minicompute.conductor import api as conductor_api
from minicompute.db import keypairs_api, tags_api
from minicompute.notifications import send as notify
from minicompute.objects import instance_action

LOG = logging.getLogger(__name__)

COMPUTE_BINARY = compute.BINARY

# A rebuild argument left out: the instance keeps what it has (None is a
# value: it clears the field).
KEEP = object()


class API:
    def __init__(self, conf):
        self.conf = conf
        self.compute_task_api = conductor_api.ComputeTaskAPI()
        self.compute_rpcapi = compute_rpcapi.ComputeAPI()

    # ------------------------------------------------------------- create
    def create(self, context, flavor, image_id: str, name: str,
               networks: str | None = 'auto', metadata: dict | None = None,
               min_count: int = 1, max_count: int = 1,
               description: str | None = None,
               availability_zone: str | None = None,
               scheduler_hints: dict | None = None,
               key_name: str | None = None, *,
               user_data: str | None = None,
               access_ip_v4: str | None = None,
               access_ip_v6: str | None = None,
               injected_files: list | None = None,
               tags: list | None = None,
               trusted_certs: list | None = None,
               requested_host: str | None = None,
               requested_node: str | None = None,
               config_drive=None):
        """Create and start building servers; returns (instances, resv id).

        ``availability_zone`` may be ``az:host[:node]`` (the caller checks
        the admin-only policy); ``scheduler_hints`` may name a server
        ``group``, which all the new instances join. ``requested_host``
        and ``requested_node`` (2.74) narrow the scheduling without
        skipping its filters. ``injected_files`` ((path, contents) pairs
        of personality) are checked against the quotas, never injected.
        Every instance gets ``tags`` and ``trusted_certs``;
        ``config_drive`` (a boolean or its string) asks for a config drive.

        :raises: ValidationError (unknown image, kernel or ramdisk, bad
                 hints or key_name), FlavorMemoryTooSmall,
                 FlavorDiskTooSmall, TooManyInstances,
                 InvalidAvailabilityZone, ComputeHostNotFound (the caller
                 makes it a 400), OnsetFileLimitExceeded (403)
        """
        metadata = metadata or {}
        placement = scheduler_hints_mod.build(self.conf, context,
                                              availability_zone,
                                              scheduler_hints)
        image = self._get_image(context, image_id)
        self._check_image_fits(image, flavor)
        kernel_id, ramdisk_id = self._kernel_and_ramdisk(context, image)
        quota.check_metadata(self.conf, metadata, context.project_id)
        check_injected_files(self.conf, context.project_id, injected_files)
        key_pair = self._get_key_pair(context, key_name)
        config_drive = _check_config_drive(config_drive)
        destination = _requested_destination(context, requested_host,
                                             requested_node)
        count = quota.check_instances(self.conf, context, flavor, min_count,
                                      max_count)
        if placement.group is not None:
            quota.check_server_group_members(self.conf, context,
                                             placement.group, count)
        reservation_id = 'r-%s' % uuidutils.generate_uuid()[:8]
        instances = []
        for index in range(count):
            instance_uuid = uuidutils.generate_uuid()
            display_name, hostname = instance_names.for_instance(
                name, count, index, instance_uuid)
            instance = objects.Instance(
                context, uuid=instance_uuid,
                display_name=display_name, display_description=description,
                hostname=hostname,
                project_id=context.project_id, user_id=context.user_id,
                vm_state=vm_states.BUILDING,
                task_state=task_states.SCHEDULING, power_state=0,
                image_ref=image.id, kernel_id=kernel_id,
                ramdisk_id=ramdisk_id, instance_type_id=flavor.id,
                flavor=flavor, memory_mb=flavor.memory_mb,
                vcpus=flavor.vcpus, root_gb=flavor.root_gb,
                ephemeral_gb=flavor.ephemeral_gb, metadata=metadata,
                networks=networks, reservation_id=reservation_id,
                launch_index=index, locked=False,
                availability_zone=placement.availability_zone,
                key_name=key_pair and key_pair['name'],
                keypairs=_instance_keypairs(key_pair),
                config_drive=config_drive,
                user_data=user_data, access_ip_v4=access_ip_v4,
                access_ip_v6=access_ip_v6,
                trusted_certs=list(trusted_certs) if trusted_certs else None)
            instance.create()
            if tags:
                tags_api.tags_set(instance.uuid, tags)
            objects.InstanceAction.action_start(context, instance.uuid,
                                                instance_action.CREATE)
            instances.append(instance)
        spec = objects.RequestSpec(
            instance_uuid=instances[0].uuid, num_instances=count,
            min_count=min(min_count, count), project_id=context.project_id,
            user_id=context.user_id, flavor=flavor, image=image,
            scheduler_hints=placement.scheduler_hints, networks=networks,
            availability_zone=placement.availability_zone,
            force_hosts=placement.force_hosts,
            force_nodes=placement.force_nodes,
            instance_group=placement.group,
            requested_destination=destination)
        if placement.group is not None:
            placement.group.add_members([i.uuid for i in instances])
        self.compute_task_api.schedule_and_build_instances(
            context, spec, [instance.uuid for instance in instances])
        return instances, reservation_id

    def _kernel_and_ramdisk(self, context, image) -> tuple[str, str]:
        """The image's kernel_id and ramdisk_id properties, each an image
        that must exist ('' when unset; kernel_id 'nokernel' clears both),
        stored as Nova stores them."""
        properties = image.properties or {}
        kernel_id = properties.get('kernel_id') or None
        ramdisk_id = properties.get('ramdisk_id') or None
        if kernel_id == 'nokernel':
            kernel_id = ramdisk_id = None
        for image_id in (kernel_id, ramdisk_id):
            if image_id is not None:
                self._get_image(context, image_id, check_active=False)
        return kernel_id or '', ramdisk_id or ''

    @staticmethod
    def _get_key_pair(context, key_name: str | None) -> dict | None:
        if key_name is None:
            return None
        try:
            return keypairs_api.key_pair_get(context.user_id, key_name)
        except exception.KeypairNotFound:
            raise exception.ValidationError(
                detail='Invalid key_name provided.')

    @staticmethod
    def _get_image(context, image_id, check_active: bool = True,
                   not_found: str = 'Can not find requested image'):
        try:
            image = objects.ImageMeta.get_by_id(context, image_id)
        except exception.ImageNotFound:
            raise exception.ValidationError(detail=not_found)
        if check_active and image.status != 'active':
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
                marker: str | None = None, sort_keys=None, sort_dirs=None):
        return objects.InstanceList.get_by_filters(
            context, filters, limit=limit, marker=marker,
            expected_attrs=['fault'], sort_keys=sort_keys,
            sort_dirs=sort_dirs)

    # ------------------------------------------------------------- delete
    def delete(self, context, instance) -> None:
        """Delete on the host, or locally if it never reached one (or its
        compute service is down), as Nova does. A locked instance refuses
        non-admins (InstanceIsLocked).
        """
        check_instance_lock(context, instance)
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

    def get_host_uptime(self, context, service) -> str:
        """The ``uptime`` line of the hypervisor under ``service`` (a
        compute service), asked of that service.

        :raises: ComputeServiceUnavailable (the service is down: Nova
                 answers 400 rather than wait out an RPC timeout)
        """
        if not servicegroup.service_is_up(service,
                                          self.conf.service_down_time):
            raise exception.ComputeServiceUnavailable(host=service.host)
        return self.compute_rpcapi.get_host_uptime(context, service.host)

    def _local_delete(self, context, instance) -> None:
        LOG.info('Deleting instance %s locally (host %s)', instance.uuid,
                 instance.host)
        # Nova's API sends the delete notifications itself here.
        notify.instance_action(context, instance, self.conf.host, 'delete',
                               notify.START, source=notify.API)
        objects.Allocation.release(context, instance.uuid)
        instance.destroy()
        notify.instance_action(context, instance, self.conf.host, 'delete',
                               notify.END, source=notify.API)

    # ------------------------------------------------- lifecycle actions
    # Each checks the lock and the states as Nova's check_instance_lock /
    # check_instance_state do, moves the task_state with a compare-and-
    # swap save (a concurrent request gets 409), records the action and
    # casts to the instance's host.

    def _start_action(self, context, instance, action: str,
                      task_state: str, expected=(None,)) -> None:
        instance.task_state = task_state
        instance.progress = 0
        instance.save(expected_task_state=list(expected))
        objects.InstanceAction.action_start(context, instance.uuid, action)

    def reboot(self, context, instance, reboot_type: str) -> None:
        """:param reboot_type: 'SOFT' (ACTIVE only) or 'HARD' (also
        STOPPED, PAUSED, SUSPENDED, ERROR, and over a running reboot)."""
        check_instance_lock(context, instance)
        if reboot_type == 'SOFT':
            check_instance_state(instance, 'reboot',
                                 vm_states.ALLOW_SOFT_REBOOT,
                                 task_states.SOFT_REBOOT_TASK_STATES)
            task_state = task_states.REBOOTING
            expected = task_states.SOFT_REBOOT_TASK_STATES
        else:
            check_instance_state(instance, 'reboot',
                                 vm_states.ALLOW_HARD_REBOOT,
                                 task_states.HARD_REBOOT_TASK_STATES)
            task_state = task_states.REBOOTING_HARD
            expected = task_states.HARD_REBOOT_TASK_STATES
        check_instance_host(instance)
        self._start_action(context, instance, instance_action.REBOOT,
                           task_state, expected)
        self.compute_rpcapi.reboot_instance(context, instance, reboot_type)

    def stop(self, context, instance, clean_shutdown: bool = True) -> None:
        check_instance_lock(context, instance)
        check_instance_host(instance)
        check_instance_state(instance, 'stop',
                             (vm_states.ACTIVE, vm_states.ERROR))
        self._start_action(context, instance, instance_action.STOP,
                           task_states.POWERING_OFF)
        self.compute_rpcapi.stop_instance(context, instance,
                                          clean_shutdown=clean_shutdown)

    def start(self, context, instance) -> None:
        check_instance_lock(context, instance)
        check_instance_host(instance)
        check_instance_state(instance, 'start', (vm_states.STOPPED,))
        self._start_action(context, instance, instance_action.START,
                           task_states.POWERING_ON)
        self.compute_rpcapi.start_instance(context, instance)

    def _simple_action(self, context, instance, method: str,
                       vm_state: str, task_state: str, cast) -> None:
        check_instance_lock(context, instance)
        check_instance_state(instance, method, (vm_state,))
        check_instance_host(instance)
        self._start_action(context, instance, method, task_state)
        cast(context, instance)

    def pause(self, context, instance) -> None:
        self._simple_action(context, instance, instance_action.PAUSE,
                            vm_states.ACTIVE, task_states.PAUSING,
                            self.compute_rpcapi.pause_instance)

    def unpause(self, context, instance) -> None:
        self._simple_action(context, instance, instance_action.UNPAUSE,
                            vm_states.PAUSED, task_states.UNPAUSING,
                            self.compute_rpcapi.unpause_instance)

    def suspend(self, context, instance) -> None:
        self._simple_action(context, instance, instance_action.SUSPEND,
                            vm_states.ACTIVE, task_states.SUSPENDING,
                            self.compute_rpcapi.suspend_instance)

    def resume(self, context, instance) -> None:
        self._simple_action(context, instance, instance_action.RESUME,
                            vm_states.SUSPENDED, task_states.RESUMING,
                            self.compute_rpcapi.resume_instance)

    def rebuild(self, context, instance, image_id: str,
                name: str | None = None, metadata: dict | None = None, *,
                description=KEEP, key_name=KEEP, user_data=KEEP,
                trusted_certs=KEEP, access_ip_v4: str | None = None,
                access_ip_v6: str | None = None,
                injected_files: list | None = None) -> None:
        """Respawn the instance from ``image_id`` on its host (ACTIVE,
        SHUTOFF or ERROR servers). ``name``, ``metadata`` and the access
        IPs replace the current ones when given; ``description``,
        ``key_name`` (a key pair of the caller), ``user_data`` and
        ``trusted_certs`` do unless KEEP, None clearing them. The kernel
        and ramdisk follow the new image.

        :raises: ValidationError (unknown image or key_name),
                 ImageUnacceptable, FlavorDiskTooSmall, FlavorMemoryTooSmall,
                 Forbidden (metadata or injected files over quota)
        """
        check_instance_lock(context, instance)
        check_instance_state(instance, 'rebuild', (
            vm_states.ACTIVE, vm_states.STOPPED, vm_states.ERROR))
        check_instance_host(instance)
        image = self._get_image(context, image_id,
                                not_found='Cannot find image for rebuild')
        self._check_image_fits(image, instance.flavor)
        if metadata is not None:
            quota.check_metadata(self.conf, metadata, instance.project_id)
        check_injected_files(self.conf, instance.project_id, injected_files)
        kernel_id, ramdisk_id = self._kernel_and_ramdisk(context, image)
        if key_name is not KEEP:
            key_pair = self._get_key_pair(context, key_name)
            instance.key_name = key_pair and key_pair['name']
            instance.keypairs = _instance_keypairs(key_pair)
        if metadata is not None:
            instance.metadata = metadata
        if name is not None:
            instance.display_name = name
        if trusted_certs not in (KEEP, None):
            trusted_certs = list(trusted_certs)
        changes = {'display_description': description,
                   'user_data': user_data, 'trusted_certs': trusted_certs,
                   'access_ip_v4': access_ip_v4 or KEEP,
                   'access_ip_v6': access_ip_v6 or KEEP}
        for field, value in changes.items():
            if value is not KEEP:
                setattr(instance, field, value)
        instance.kernel_id = kernel_id
        instance.ramdisk_id = ramdisk_id
        orig_image_ref = instance.image_ref
        instance.image_ref = image.id
        self._start_action(context, instance, instance_action.REBUILD,
                           task_states.REBUILDING)
        self.compute_rpcapi.rebuild_instance(context, instance, image,
                                             orig_image_ref)

    def lock(self, context, instance, reason: str | None = None) -> None:
        """Lock the instance against actions by non-admins, remembering
        who locked it (``locked_by``: the owner or an admin of another
        project) and why (``reason``, microversion 2.73), as Nova does.

        The owner locking a locked instance again changes nothing; an
        admin doing so takes the lock over.
        """
        is_owner = instance.project_id == context.project_id
        if instance.locked and is_owner:
            return
        objects.InstanceAction.action_start(context, instance.uuid,
                                            instance_action.LOCK)
        with instance_action.EventReporter(context, 'api_lock',
                                           self.conf.host, instance.uuid):
            instance.locked = True
            instance.locked_by = 'owner' if is_owner else 'admin'
            if reason:
                instance.locked_reason = reason
            instance.save()
        notify.instance_action(context, instance, self.conf.host, 'lock',
                               source=notify.API)

    @staticmethod
    def is_expected_locked_by(context, instance) -> bool:
        """False when the lock was set by the other side (an admin's lock
        on the owner's unlock, or the reverse): unlocking it then needs
        the unlock_override policy."""
        is_owner = instance.project_id == context.project_id
        expected = 'owner' if is_owner else 'admin'
        return not instance.locked_by or instance.locked_by == expected

    def unlock(self, context, instance) -> None:
        """Unlock the instance and forget who locked it and why."""
        objects.InstanceAction.action_start(context, instance.uuid,
                                            instance_action.UNLOCK)
        with instance_action.EventReporter(context, 'api_unlock',
                                           self.conf.host, instance.uuid):
            instance.locked = False
            instance.locked_by = None
            instance.locked_reason = None
            instance.save()
        notify.instance_action(context, instance, self.conf.host, 'unlock',
                               source=notify.API)

    def trigger_crash_dump(self, context, instance) -> None:
        """Have the instance's host inject an NMI into the guest (2.17).

        :raises: InstanceIsLocked, InstanceInvalidState (not ACTIVE, or a
                 task in progress), InstanceNotReady (409s)
        """
        check_instance_lock(context, instance)
        check_instance_state(instance, 'trigger_crash_dump',
                             (vm_states.ACTIVE,))
        check_instance_host(instance)
        objects.InstanceAction.action_start(
            context, instance.uuid, instance_action.TRIGGER_CRASH_DUMP)
        self.compute_rpcapi.trigger_crash_dump(context, instance)

    def get_console_output(self, context, instance,
                           tail_length: int | None = None) -> str:
        """The last ``tail_length`` lines of the serial console, read on
        the instance's host.

        :raises: InstanceNotReady (no host yet, or still building),
                 InstanceInvalidState (being deleted), InstanceNotFound
        """
        check_instance_host(instance)
        if instance.vm_state == vm_states.BUILDING:
            raise exception.InstanceNotReady(instance_id=instance.uuid)
        if instance.task_state == task_states.DELETING:
            raise exception.InstanceInvalidState(
                method='get_console_output', instance_uuid=instance.uuid,
                attr='task_state', state=instance.task_state)
        return self.compute_rpcapi.get_console_output(context, instance,
                                                      tail_length)

    # ------------------------------------------------------------ update
    def update_instance(self, context, instance, updates: dict):
        """Rename a server, set its access IPs or its description (any
        state, as in Nova's update_instance)."""
        for field, value in updates.items():
            setattr(instance, field, value)
        instance.save()
        return instance

    def update_instance_metadata(self, context, instance, metadata: dict,
                                 delete: bool = False) -> dict:
        """Merge ``metadata`` into the server's, or replace it all with
        ``delete=True``; the result counts against metadata_items.

        :raises: InstanceIsLocked, InstanceInvalidState (409),
                 Forbidden (metadata_items quota)
        """
        self._check_metadata_allowed(context, instance, 'update metadata')
        new = dict(metadata) if delete else dict(instance.metadata or {},
                                                 **metadata)
        quota.check_metadata(self.conf, new, project_id=instance.project_id)
        instance.metadata = new
        instance.save()
        return new

    def delete_instance_metadata(self, context, instance, key: str) -> None:
        self._check_metadata_allowed(context, instance, 'delete metadata')
        metadata = dict(instance.metadata or {})
        metadata.pop(key, None)
        instance.metadata = metadata
        instance.save()

    @staticmethod
    def _check_metadata_allowed(context, instance, method: str) -> None:
        check_instance_lock(context, instance)
        check_instance_state(instance, method, (
            vm_states.ACTIVE, vm_states.PAUSED, vm_states.SUSPENDED,
            vm_states.STOPPED))


def check_instance_lock(context, instance) -> None:
    """Nova's check_instance_lock: a locked instance refuses non-admins."""
    if instance.locked and not context.is_admin:
        raise exception.InstanceIsLocked(instance_uuid=instance.uuid)


def check_instance_host(instance) -> None:
    """An action that runs on the host needs one."""
    if not instance.host:
        raise exception.InstanceNotReady(instance_id=instance.uuid)


def check_instance_state(instance, method: str, vm_state=None,
                         task_state=(None,),
                         must_have_launched: bool = True) -> None:
    """Nova's check_instance_state: refuse ``method`` unless the instance
    is in one of ``vm_state`` and ``task_state`` (None: any) and has been
    launched; raises InstanceInvalidState (409)."""
    if vm_state is not None and instance.vm_state not in vm_state:
        raise exception.InstanceInvalidState(
            method=method, instance_uuid=instance.uuid, attr='vm_state',
            state=instance.vm_state)
    if task_state is not None and instance.task_state not in task_state:
        raise exception.InstanceInvalidState(
            method=method, instance_uuid=instance.uuid, attr='task_state',
            state=instance.task_state)
    if must_have_launched and not instance.launched_at:
        raise exception.InstanceInvalidState(
            method=method, instance_uuid=instance.uuid, attr='launched_at',
            state=instance.launched_at)


def _check_config_drive(value) -> str:
    """The stored form of a requested config drive, as Nova stores it:
    ``'True'`` or ``''`` (the column is a string)."""
    if value is None or value == '':
        return ''
    if isinstance(value, bool):
        return 'True' if value else ''
    try:
        wanted = strutils.bool_from_string(value, strict=True)
    except ValueError:
        raise exception.ValidationError(
            detail='Invalid config_drive provided.')
    return 'True' if wanted else ''


def _instance_keypairs(key_pair: dict | None) -> list[dict] | None:
    """What the instance keeps of its key pair for the guest."""
    if key_pair is None:
        return None
    return [{'name': key_pair['name'], 'type': key_pair['type'],
             'public_key': key_pair['public_key']}]


def check_injected_files(conf, project_id: str,
                         injected_files: list | None) -> None:
    """Nova's injected-file quotas on personality ((path, contents)
    pairs): the number of files, then the longest path, then the longest
    contents (as sent, base64); minicompute injects nothing.

    :raises: OnsetFileLimitExceeded, OnsetFilePathLimitExceeded,
             OnsetFileContentLimitExceeded (403)
    """
    if not injected_files:
        return
    limits = quota.get_limits(conf, project_id)

    def over(resource: str, value: int) -> bool:
        return 0 <= limits[resource] < value

    if over('injected_files', len(injected_files)):
        raise exception.OnsetFileLimitExceeded()
    longest_path = max(len(path) for path, _contents in injected_files)
    longest_contents = max(len(contents)
                           for _path, contents in injected_files)
    if over('injected_file_path_bytes', longest_path):
        raise exception.OnsetFilePathLimitExceeded(
            allowed=limits['injected_file_path_bytes'])
    if over('injected_file_content_bytes', longest_contents):
        raise exception.OnsetFileContentLimitExceeded(
            allowed=limits['injected_file_content_bytes'])


def _requested_destination(context, host: str | None, node: str | None):
    """The Destination of a create that names a host and/or node (2.74),
    after checking a compute node matches, as Nova checks it: an unknown
    host, a host without that node, or an unknown node is
    ComputeHostNotFound naming the host (the node when given alone)."""
    if not host and not node:
        return None
    nodes = objects.ComputeNodeList.get_all(context, host=host or None)
    if node:
        nodes = [each for each in nodes if each.hypervisor_hostname == node]
    if not nodes:
        raise exception.ComputeHostNotFound(host=host or node)
    return objects.Destination(host=host or None, node=node or None)

