"""Run OpenStack Nova's own scheduler code over the benchmark's synthetic
hosts; executed by bench/scheduler_bench.py with the Python of a separate
virtualenv holding the ``nova`` package. Reads the scenario as JSON on
stdin and prints the result as JSON.

Nova's pieces, unmodified: objects.ComputeNode / HostState.update (the host
state a refresh builds), HostManager.get_filtered_hosts (its filter
handler), HostManager.get_weighed_hosts (its weigher handler, with Nova's
default weight_classes: every weigher), SchedulerManager._get_sorted_hosts
(weigh + host_subset_size choice) and _consume_selected_host. Placement and
the database are left out, as on minicompute's side.

Nova 34 has no AvailabilityZoneFilter any more: a placement request filter
(map_az_to_placement_aggregate) keeps other zones' hosts from ever reaching
the filters. The runner does the same: with a requested zone, only the
zone's hosts become host states (so Nova filters and weighs fewer hosts
than minicompute, whose AvailabilityZoneFilter sees them all).
"""
import json
import statistics
import sys
import time
import uuid

from oslo_utils import timeutils


def _setup(filters):
    from nova import config, objects
    import nova.conf
    objects.register_all()
    conf = nova.conf.CONF
    config.parse_args([], default_config_files=[], configure_db=False,
                      init_rpc=False)
    conf.set_override('enabled_filters', filters, group='filter_scheduler')
    conf.set_override('max_instances_per_host', 1000,
                      group='filter_scheduler')
    conf.set_override('max_io_ops_per_host', 1000, group='filter_scheduler')
    conf.set_override('debug', False)
    return conf


def _host_manager(conf):
    from nova.scheduler import filters, host_manager, weights
    manager = host_manager.HostManager.__new__(host_manager.HostManager)
    manager.filter_handler = filters.HostFilterHandler()
    classes = manager.filter_handler.get_matching_classes(
        conf.filter_scheduler.available_filters)
    manager.filter_cls_map = {cls.__name__: cls for cls in classes}
    manager.filter_obj_map = {}
    manager.enabled_filters = manager._choose_host_filters(
        conf.filter_scheduler.enabled_filters)
    manager.weight_handler = weights.HostWeightHandler()
    manager.weighers = [cls() for cls in
                        manager.weight_handler.get_matching_classes(
                            conf.filter_scheduler.weight_classes)]
    return manager


def _host_states(hosts):
    from nova import objects
    from nova.scheduler import host_manager
    now = timeutils.utcnow()
    states = []
    for h in hosts:
        node = objects.ComputeNode(
            id=h['id'], uuid=h['uuid'], host=h['host'],
            hypervisor_hostname=h['host'], hypervisor_type='QEMU',
            hypervisor_version=8002000, host_ip='10.0.0.1',
            cpu_info='{}', vcpus=h['vcpus'], vcpus_used=h['vcpus_used'],
            memory_mb=h['memory_mb'], memory_mb_used=h['memory_mb_used'],
            free_ram_mb=h['memory_mb'] - h['memory_mb_used'],
            local_gb=h['local_gb'], local_gb_used=h['local_gb_used'],
            free_disk_gb=h['local_gb'] - h['local_gb_used'],
            disk_available_least=None, numa_topology=None,
            pci_device_pools=None, metrics='[]',
            supported_hv_specs=[objects.HVSpec(arch='x86_64',
                                               hv_type='qemu',
                                               vm_mode='hvm')],
            stats={'num_instances': str(h['running_vms']),
                   'io_workload': str(h['io_ops']),
                   'failed_builds': str(h['failed_builds'])},
            cpu_allocation_ratio=1.0, ram_allocation_ratio=1.0,
            disk_allocation_ratio=1.0, updated_at=now)
        service = {'host': h['host'], 'disabled': False,
                   'forced_down': False, 'last_seen_up': now,
                   'updated_at': now, 'created_at': now, 'id': h['id'],
                   'binary': 'nova-compute', 'topic': 'compute'}
        aggregates = [objects.Aggregate(id=n, name=a['name'],
                                        hosts=[h['host']],
                                        metadata=dict(a['metadata']))
                      for n, a in enumerate(h['aggregates'])]
        instances = {u: objects.Instance(uuid=u) for u in h['instances']}
        state = host_manager.HostState(h['host'], h['host'], None)
        state.update(node, service, aggregates, instances)
        states.append(state)
    return states


def _spec(request, flavor):
    from nova import objects
    group = None
    if request['group']:
        group = objects.InstanceGroup(
            uuid=str(uuid.uuid4()), policy=request['group']['policy'],
            policies=[request['group']['policy']],
            members=list(request['group']['members']), hosts=[],
            rules={})
    spec = objects.RequestSpec(
        instance_uuid=str(uuid.uuid4()), project_id='bench',
        flavor=objects.Flavor(
            memory_mb=flavor['memory_mb'], vcpus=flavor['vcpus'],
            root_gb=flavor['root_gb'], ephemeral_gb=0, swap=0,
            extra_specs=dict(request['extra_specs'])),
        image=objects.ImageMeta.from_dict({'properties': {}}),
        availability_zone=request['availability_zone'],
        scheduler_hints={k: list(v) for k, v in request['hints'].items()},
        instance_group=group, num_instances=1, ignore_hosts=None,
        force_hosts=None, force_nodes=None, requested_destination=None,
        pci_requests=None, numa_topology=None)
    return spec


def main():
    scenario = json.load(sys.stdin)
    zone = scenario['request']['availability_zone']
    if zone:
        scenario['hosts'] = [
            h for h in scenario['hosts']
            if any(a['metadata'].get('availability_zone') == zone
                   for a in h['aggregates'])]
    filters = [f for f in scenario['filters']
               if f != 'AvailabilityZoneFilter']
    conf = _setup(filters)
    from nova.scheduler import manager as scheduler_manager
    host_manager = _host_manager(conf)

    class _Manager:
        pass
    fake = _Manager()
    fake.host_manager = host_manager
    sorted_hosts = scheduler_manager.SchedulerManager._get_sorted_hosts
    consume = scheduler_manager.SchedulerManager._consume_selected_host

    timings = []
    first = None
    for _ in range(scenario['repeat']):
        hosts = _host_states(scenario['hosts'])
        spec = _spec(scenario['request'], scenario['flavor'])
        uuids = [str(uuid.uuid4()) for _ in range(scenario['instances'])]
        selected = []
        start = time.perf_counter()
        for num, instance_uuid in enumerate(uuids):
            spec.instance_uuid = instance_uuid
            hosts = sorted_hosts(fake, spec, hosts, num)
            if not hosts:
                break
            selected.append(hosts[0])
            consume(hosts[0], spec, instance_uuid=instance_uuid)
        timings.append((time.perf_counter() - start) * 1000.0)
        if first is None:
            first = selected
    result = {'ms': round(statistics.median(timings), 2),
              'placed': len(first),
              'best_host': first[0].host if first else None,
              'sequence': [host.host for host in first],
              'weighers': [type(w).__name__ for w in host_manager.weighers]}
    if scenario['instances'] == 1:
        hosts = _host_states(scenario['hosts'])
        passed = host_manager.get_filtered_hosts(
            hosts, _spec(scenario['request'], scenario['flavor']), 0)
        result['passing'] = sorted(h.host for h in passed)
    json.dump(result, sys.stdout)


if __name__ == '__main__':
    main()
