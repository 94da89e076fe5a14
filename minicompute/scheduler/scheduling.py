"""The scheduling workflow: filter, weigh, choose, claim, add alternates.

For each instance of a request the passing hosts are weighed, one of the
best ``host_subset_size`` is chosen at random and claimed atomically in the
database; if another scheduler won the race for it the next-best is tried.
The chosen host's usage is consumed before the next instance is placed, and
the next instance is filtered from the hosts that passed for the previous
one (as Nova does), so filters that cannot change their answer within a
request (``run_filter_once_per_request``) run only for the first.

Forced hosts/nodes (``az:host[:node]`` on create, admin only) bypass the
filters, as in Nova; the claim still refuses a host that does not fit. A
requested destination (``host``/``hypervisor_hostname`` on create, 2.74)
only narrows the hosts the filters then run on.
"""
from __future__ import annotations

import random

from oslo_log import log as logging

from minicompute import exception, objects
from minicompute.db import groups_api
from minicompute.scheduler import filters as filters_mod
from minicompute.scheduler import host_manager, plugins
from minicompute.scheduler import weights as weights_mod

LOG = logging.getLogger(__name__)

NOT_ENOUGH_HOSTS = 'There are not enough hosts available.'


def _field(spec_obj, name):
    return filters_mod.spec_value(spec_obj, name)


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
        self._refresh_group(spec_obj)
        max_alternates = (self.conf.scheduler.max_attempts - 1
                          if return_alternates else 0)

        def claim(host, instance_uuid):
            return objects.Allocation.claim(
                context, instance_uuid, host.node_id, spec_obj.vcpus,
                spec_obj.memory_mb, spec_obj.disk_gb)

        placed, steps = self.place(hosts, spec_obj, instance_uuids,
                                   max_alternates, claim)
        results = [
            [objects.Selection.from_host_state(chosen, instance_uuid,
                                               claimed=True)] +
            [objects.Selection.from_host_state(host, instance_uuid)
             for host in alternates]
            for instance_uuid, chosen, alternates in placed]
        if len(results) < max(_field(spec_obj, 'min_count') or 1, 1):
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

    def place(self, hosts, spec_obj, instance_uuids, max_alternates: int,
              claim):
        """Filter, weigh and choose a host for each instance in turn.

        ``claim(host, instance_uuid) -> bool`` makes the claim (the
        database's in service, a stand-in in the benchmark). Returns
        ``([(instance_uuid, chosen, alternates)], filter steps)``, stopping
        at the first instance no host could take.
        """
        hosts, forced, steps = self._forced_or_ignored(spec_obj, hosts)
        # Aggregate metadata cannot change within a request: look for
        # weight multiplier overrides once, not per weigher and instance.
        metadata_keys = weights_mod.metadata_keys_of(hosts)
        wanted = self.conf.filter_scheduler.host_subset_size + \
            max_alternates
        placed = []
        for index, instance_uuid in enumerate(instance_uuids):
            # Filters look at the instance being placed (Nova does this
            # too: anti-affinity lets an instance stay where it is).
            spec_obj.instance_uuid = instance_uuid
            if not forced:
                hosts, steps = filters_mod.run_filters(
                    self.filters, hosts, spec_obj, index)
            totals = weights_mod.total_weights(self.weighers, hosts,
                                               spec_obj, metadata_keys)
            # Only the best few need ordering; the rest is sorted only if
            # every claim among them loses a race.
            top = weights_mod.best(totals, wanted)
            ranked = [hosts[i] for i in top]
            chosen = self._claim_one(None, ranked, spec_obj, instance_uuid,
                                     claim)
            if chosen is None and len(ranked) < len(hosts):
                ranked = [hosts[i] for i in weights_mod.best(
                    totals, len(hosts))]
                chosen = next((host for host in ranked[len(top):]
                               if claim(host, instance_uuid)), None)
            if chosen is None:
                break
            self._consume(chosen, spec_obj, instance_uuid)
            alternates = [host for host in ranked
                          if host is not chosen][:max_alternates]
            placed.append((instance_uuid, chosen, alternates))
        return placed, steps

    @staticmethod
    def _refresh_group(spec_obj) -> None:
        """Read the group's members and their hosts now, not when the API
        built the request: other requests may have placed members since."""
        group = _field(spec_obj, 'instance_group')
        if group is None:
            return
        try:
            group.members = groups_api.group_get(group.uuid)['members']
        except exception.InstanceGroupNotFound:
            LOG.info('Server group %s was deleted; scheduling without it',
                     group.uuid)
            spec_obj.instance_group = None
            return
        group.hosts = groups_api.group_member_hosts(group.uuid)

    @staticmethod
    def _forced_or_ignored(spec_obj, hosts):
        """Apply ignore_hosts and requested_destination, then
        force_hosts/force_nodes (no filters)."""
        steps = []
        ignore = _field(spec_obj, 'ignore_hosts')
        if ignore:
            before = len(hosts)
            hosts = [host for host in hosts if host.host not in ignore]
            steps.append(filters_mod.FilterStep('ignore_hosts', before,
                                                len(hosts)))
        destination = _field(spec_obj, 'requested_destination')
        if destination is not None:
            # A requested destination (2.74) narrows the hosts, and the
            # filters still run on what is left.
            host = _field(destination, 'host')
            node = _field(destination, 'node')
            before = len(hosts)
            hosts = [state for state in hosts
                     if (not host or state.host == host) and
                     (not node or state.nodename == node)]
            steps.append(filters_mod.FilterStep('requested_destination',
                                                before, len(hosts)))
        force_hosts = _field(spec_obj, 'force_hosts')
        force_nodes = _field(spec_obj, 'force_nodes')
        if not (force_hosts or force_nodes):
            return hosts, False, steps
        before = len(hosts)
        hosts = [host for host in hosts
                 if (not force_hosts or host.host in force_hosts) and
                 (not force_nodes or host.nodename in force_nodes)]
        steps.append(filters_mod.FilterStep('force_hosts', before,
                                            len(hosts)))
        return hosts, True, steps

    @staticmethod
    def _consume(host, spec_obj, instance_uuid) -> None:
        host.consume_from_request(spec_obj, instance_uuid)
        group = _field(spec_obj, 'instance_group')
        if group is not None and host.host not in group.hosts:
            group.hosts = list(group.hosts) + [host.host]
            group.obj_reset_changes(['hosts'])

    def _claim_one(self, context, ranked, spec_obj, instance_uuid,
                   claim=None):
        """Claim one of the best ``host_subset_size`` hosts at random, or
        the next best when a claim loses a race."""
        if claim is None:
            def claim(host, instance_uuid):
                return objects.Allocation.claim(
                    context, instance_uuid, host.node_id, spec_obj.vcpus,
                    spec_obj.memory_mb, spec_obj.disk_gb)
        subset_size = self.conf.filter_scheduler.host_subset_size
        candidates = ranked[:subset_size]
        if subset_size > 1:
            random.shuffle(candidates)
        for host in candidates + ranked[subset_size:]:
            if claim(host, instance_uuid):
                return host
            LOG.debug('Claim for %s on %s lost a race; trying the next host',
                      instance_uuid, host)
        return None
