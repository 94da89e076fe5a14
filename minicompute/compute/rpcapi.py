"""Client side of the compute RPC API: casts to one compute host."""
import oslo_messaging as messaging

from minicompute import rpc

TOPIC = 'compute'


class ComputeAPI:
    """Client side of the compute RPC API.

    API version history:

    * 1.0 - Initial version: build_and_run_instance, terminate_instance
    """

    def __init__(self):
        target = messaging.Target(topic=TOPIC, version='1.0')
        self.client = rpc.get_client(target)

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
