"""Deleting an instance on this host: destroy the domain and its disks,
free the claim, soft-delete the row.
"""
from oslo_log import log as logging

from minicompute import exception
from minicompute.notifications import send as notify
from minicompute.objects import instance_action

LOG = logging.getLogger(__name__)

TERMINATE_EVENT = 'compute_terminate_instance'


class InstanceTerminator:
    def __init__(self, host: str, driver, resource_tracker):
        self.host = host
        self.driver = driver
        self.rt = resource_tracker

    def terminate(self, context, instance) -> None:
        # Nova's notifications: delete.start, shutdown.start/.end around
        # the domain's destruction, delete.end once the row is gone.
        with instance_action.EventReporter(context, TERMINATE_EVENT,
                                           self.host, instance.uuid):
            notify.instance_action(context, instance, self.host, 'delete',
                                   notify.START)
            notify.instance_action(context, instance, self.host,
                                   'shutdown', notify.START)
            self.driver.destroy(context, instance)
            notify.instance_action(context, instance, self.host,
                                   'shutdown', notify.END)
            self.rt.release(context, instance)
            try:
                instance.destroy()
            except exception.InstanceNotFound:
                LOG.info('Instance %s was already deleted', instance.uuid)
                return
        notify.instance_action(context, instance, self.host, 'delete',
                               notify.END)
        LOG.info('Instance %s deleted from %s', instance.uuid, self.host)
