"""Client side of the scheduler RPC API."""
from minicompute import rpc_versions

TOPIC = 'scheduler'


class SchedulerAPI(rpc_versions.RPCAPI):
    """Client side of the scheduler RPC API.

    API version history:

    * 1.0 - Initial version: select_destinations
    """

    TOPIC = TOPIC
    VERSION = '1.0'
    UPGRADE_LEVEL = 'scheduler'

    def select_destinations(self, ctxt, spec_obj, instance_uuids,
                            return_alternates=True):
        """Choose and claim a host for each instance (a blocking call).

        :param spec_obj: objects.RequestSpec
        :param instance_uuids: uuids of the instances to place
        :returns: one list of objects.Selection per instance, claimed host
                  first, then alternates
        :raises: NoValidHost when fewer than ``spec_obj.min_count`` fit
        """
        cctxt = self.client.prepare(version='1.0')
        return cctxt.call(ctxt, 'select_destinations', spec_obj=spec_obj,
                          instance_uuids=instance_uuids,
                          return_alternates=return_alternates)
