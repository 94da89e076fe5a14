"""The scheduling workflow: filter, weigh, choose, claim, add alternates.

For each instance of a request the passing hosts are weighed, one of the
best ``host_subset_size`` is chosen at random and claimed atomically in the
database; if another scheduler won the race for it the next-best is tried.
The chosen host's usage is consumed before the next instance is placed.
"""
from __future__ import annotations

import random

from oslo_log import log as logging

from minicompute import exception, objects
from minicompute.scheduler import filters as filters_mod
from minicompute.scheduler import host_manager, plugins
from minicompute.scheduler import weights as weights_mod

LOG = logging.getLogger(__name__)

NOT_ENOUGH_HOSTS = 'There are not enough hosts available.'


class Scheduler:
    def __init__(self, conf):
        self.conf = conf
        self.host_manager = host_manager.HostManager(conf)
        self.filters = plugins.load_filters(conf)
        self.weighers = plugins.load_weighers(conf)

    def select_destinations(self, context, spec_obj, instance_uuids,
                            return_alternates: bool = True):
        """Return one list per instance: the claimed host, then alternates.

        Raises NoValidHost, having released every claim it made, when fewer
        than ``spec_obj.min_count`` instances can be placed.
        """
        hosts = self.host_manager.get_host_states(context)
        no_hosts = not hosts
        max_alternates = (self.conf.scheduler.max_attempts - 1
                          if return_alternates else 0)
        results = []
        steps = []
        for index, instance_uuid in enumerate(instance_uuids):
            passing, steps = filters_mod.run_filters(self.filters, hosts,
                                                     spec_obj, index)
            # Once-per-request filters (ComputeFilter) only ran for the
            # first instance: later ones must start from its survivors.
            hosts = passing
            ranked = [host for _weight, host in weights_mod.weigh_hosts(
                self.weighers, passing, spec_obj)]
            chosen = self._claim_one(context, ranked, spec_obj,
                                     instance_uuid)
            if chosen is None:
                break
            chosen.consume_from_request(spec_obj)
            alternates = [host for host in ranked
                          if host is not chosen][:max_alternates]
            results.append(
                [objects.Selection.from_host_state(chosen, instance_uuid,
                                                   claimed=True)] +
                [objects.Selection.from_host_state(host, instance_uuid)
                 for host in alternates])
        if len(results) < max(spec_obj.min_count, 1):
            for selection_list in results:
                objects.Allocation.release(context,
                                           selection_list[0].instance_uuid)
            explanation = ('no compute hosts' if no_hosts else
                           ', '.join(str(step) for step in steps))
            LOG.info('Found %d of %d hosts for request %s: %s',
                     len(results), len(instance_uuids),
                     context.request_id, explanation)
            raise exception.NoValidHost(reason=NOT_ENOUGH_HOSTS,
                                        explanation=explanation)
        return results

    def _claim_one(self, context, ranked, spec_obj, instance_uuid):
        subset_size = self.conf.filter_scheduler.host_subset_size
        candidates = ranked[:subset_size]
        random.shuffle(candidates)
        candidates += ranked[subset_size:]
        for host in candidates:
            if objects.Allocation.claim(
                    context, instance_uuid, host.node_id, spec_obj.vcpus,
                    spec_obj.memory_mb, spec_obj.disk_gb):
                return host
            LOG.debug('Claim for %s on %s lost a race; trying the next host',
                      instance_uuid, host)
        return None
