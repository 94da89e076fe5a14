"""Client side of the compute RPC API: casts to one compute host."""
from minicompute import exception, rpc_versions

TOPIC = 'compute'


class ComputeAPI(rpc_versions.RPCAPI):
    """Client side of the compute RPC API.

    API version history:

    * 1.0 - Initial version: build_and_run_instance, terminate_instance
    * 1.1 - Lifecycle actions: reboot_instance, stop_instance,
      start_instance, pause_instance, unpause_instance, suspend_instance,
      resume_instance, rebuild_instance (casts), get_console_output (call)
    * 1.2 - trigger_crash_dump (cast)
    * 1.3 - get_host_uptime (call)
    """

    TOPIC = TOPIC
    VERSION = '1.3'
    UPGRADE_LEVEL = 'compute'

    def _prepare_at_least(self, version: str, action: str, host: str):
        """A call context at ``version``; a compute capped below it is
        too old for ``action`` (409: it cannot do it until upgraded)."""
        if not self.can_send_version(version):
            raise exception.ServiceTooOld(host=host, action=action)
        return self.client.prepare(server=host, version=version)

    def build_and_run_instance(self, ctxt, instance, host, node,
                               request_spec, host_list):
        """Cast: build ``instance`` on ``host``; the claim is already made.

        :param host_list: alternates (objects.Selection) for a reschedule
        """
        cctxt = self.client.prepare(server=host, version='1.0')
        cctxt.cast(ctxt, 'build_and_run_instance', instance=instance,
                   node=node, request_spec=request_spec,
                   host_list=host_list)

    def terminate_instance(self, ctxt, instance):
        """Cast: destroy ``instance`` on its host and free its claim."""
        cctxt = self.client.prepare(server=instance.host, version='1.0')
        cctxt.cast(ctxt, 'terminate_instance', instance=instance)

    # ---------------------------------------------------- lifecycle (1.1)
    def _cast(self, ctxt, method: str, instance, **kwargs) -> None:
        cctxt = self.client.prepare(server=instance.host, version='1.1')
        cctxt.cast(ctxt, method, instance=instance, **kwargs)

    def reboot_instance(self, ctxt, instance, reboot_type: str):
        """Cast: reboot; ``reboot_type`` is ``'SOFT'`` or ``'HARD'``."""
        self._cast(ctxt, 'reboot_instance', instance,
                   reboot_type=reboot_type)

    def stop_instance(self, ctxt, instance, clean_shutdown: bool = True):
        """Cast: power off, giving the guest OS ``[DEFAULT]
        shutdown_timeout`` seconds first when ``clean_shutdown``."""
        self._cast(ctxt, 'stop_instance', instance,
                   clean_shutdown=clean_shutdown)

    def start_instance(self, ctxt, instance):
        """Cast: power on a stopped instance."""
        self._cast(ctxt, 'start_instance', instance)

    def pause_instance(self, ctxt, instance):
        self._cast(ctxt, 'pause_instance', instance)

    def unpause_instance(self, ctxt, instance):
        self._cast(ctxt, 'unpause_instance', instance)

    def suspend_instance(self, ctxt, instance):
        self._cast(ctxt, 'suspend_instance', instance)

    def resume_instance(self, ctxt, instance):
        self._cast(ctxt, 'resume_instance', instance)

    def rebuild_instance(self, ctxt, instance, image, orig_image_ref: str):
        """Cast: destroy the instance's domain and disks and spawn it again
        on the same host from ``image`` (objects.ImageMeta).

        :param orig_image_ref: the image it ran before, for the records
        """
        self._cast(ctxt, 'rebuild_instance', instance, image=image,
                   orig_image_ref=orig_image_ref)

    def trigger_crash_dump(self, ctxt, instance):
        """Cast: inject an NMI into the guest, which a kernel set up for it
        answers with a crash dump (microversion 2.17); the outcome is only
        recorded on the action's compute event."""
        cctxt = self._prepare_at_least('1.2', 'trigger_crash_dump',
                                       instance.host)
        cctxt.cast(ctxt, 'trigger_crash_dump', instance=instance)

    def get_console_output(self, ctxt, instance, tail_length):
        """Call: the last ``tail_length`` lines (all when None) of the
        serial console log.

        :raises: InstanceNotFound, InstanceNotReady (re-raised from the
                 compute host)
        """
        cctxt = self.client.prepare(server=instance.host, version='1.1')
        return cctxt.call(ctxt, 'get_console_output', instance=instance,
                          tail_length=tail_length)

    def get_host_uptime(self, ctxt, host: str) -> str:
        """Call: the ``uptime`` line of ``host``'s hypervisor."""
        cctxt = self._prepare_at_least('1.3', 'get_host_uptime', host)
        return cctxt.call(ctxt, 'get_host_uptime')
