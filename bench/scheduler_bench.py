#!/usr/bin/env python3
"""Benchmark: the scheduler's filter + weigh + choose on synthetic hosts.

    python bench/scheduler_bench.py                  # minicompute only
    python bench/scheduler_bench.py --compare-nova   # and Nova's own code
    python bench/scheduler_bench.py --hosts 1000 --repeat 5
    tox -e bench -- bench/scheduler_bench.py --compare-nova  (once wired)

No database and no RPC: HostStates are built in memory for 1,000 and
10,000 hosts (deterministic, seeded), then ``Scheduler.place`` -- the code
``select_destinations`` runs between reading host states and writing
claims -- is timed for one instance and for a 100-instance multi-create,
with two requests:

* ``default``: a plain flavor under the default filters and weighers
  (Nova's five default filters, plus the resource, AZ and hint filters
  minicompute needs without placement);
* ``typical``: availability zone ``az1``, a flavor extra spec
  ``aggregate_instance_extra_specs:ssd=true``, an anti-affinity group with
  10 members already placed, and the filters ComputeFilter,
  ComputeCapabilitiesFilter, ImagePropertiesFilter, ServerGroup(Anti)
  AffinityFilter, AvailabilityZoneFilter, AggregateInstanceExtraSpecsFilter,
  NumInstancesFilter, IoOpsFilter, DifferentHostFilter (+ Ram/Disk/Core).

Every host has room for the flavor, so Nova (which leaves resources to its
placement service) and minicompute must pass exactly the same hosts.

``--compare-nova`` creates a virtualenv under
``~/.cache/minicompute-bench/nova-venv`` with ``pip install nova==34.0.0``
(``--nova-version``), and runs bench/_nova_runner.py there: Nova's own
HostState, filter handler, weigher handler (its default weighers, all of
them) and consume_from_request over the same hosts and requests, in a
subprocess. It prints the ratio and checks that both pass the same hosts
and pick the same best host (the synthetic weights have no ties), and for
the multi-create the same host for every instance, in order. If Nova cannot
be installed, it says so and still prints minicompute's numbers.

Prints one JSON document; timings are the median of ``--repeat`` runs in
milliseconds. ``growth`` gives, per case, how many times longer it takes
on the most hosts than on the fewest (no worse than linear: at most the
ratio of the host counts).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import types
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from oslo_config import cfg  # noqa: E402

import minicompute  # noqa: E402,F401  (selects the threading backend)
from minicompute import conf as mc_conf  # noqa: E402
from minicompute import objects  # noqa: E402
from minicompute.scheduler import host_manager, scheduling  # noqa: E402

NOVA_RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           '_nova_runner.py')
CACHE = os.path.join(os.path.expanduser('~'), '.cache',
                     'minicompute-bench')
GROUP_MEMBERS = 10
TYPICAL_FILTERS = [
    'ComputeFilter', 'ComputeCapabilitiesFilter', 'ImagePropertiesFilter',
    'ServerGroupAntiAffinityFilter', 'ServerGroupAffinityFilter',
    'AvailabilityZoneFilter', 'AggregateInstanceExtraSpecsFilter',
    'NumInstancesFilter', 'IoOpsFilter', 'DifferentHostFilter']
NOVA_DEFAULT_FILTERS = [
    'ComputeFilter', 'ComputeCapabilitiesFilter', 'ImagePropertiesFilter',
    'ServerGroupAntiAffinityFilter', 'ServerGroupAffinityFilter']
RESOURCE_FILTERS = ['RamFilter', 'DiskFilter', 'CoreFilter']


# ----------------------------------------------------------- the scenario

def synthetic_hosts(count: int, seed: int = 42) -> list[dict]:
    """Plain dicts both sides build their host states from."""
    rng = random.Random(seed)
    hosts = []
    for i in range(count):
        name = 'host%05d' % i
        memory = rng.choice([131072, 262144, 393216])
        vcpus = rng.choice([32, 48, 64])
        disk = rng.choice([2000, 4000])
        hosts.append({
            'host': name, 'id': i + 1,
            'uuid': str(uuid.uuid5(uuid.NAMESPACE_DNS, name)),
            'memory_mb': memory, 'vcpus': vcpus, 'local_gb': disk,
            # Distinct usage everywhere: no two hosts weigh the same.
            'memory_mb_used': rng.randrange(0, memory // 2) + i % 7,
            'vcpus_used': rng.randrange(0, vcpus // 2),
            'local_gb_used': rng.randrange(0, disk // 2),
            'running_vms': rng.randrange(0, 30),
            'io_ops': rng.randrange(0, 4),
            'failed_builds': 1 if i % 97 == 13 else 0,
            'instances': [str(uuid.uuid5(uuid.NAMESPACE_DNS,
                                         '%s-vm%d' % (name, n)))
                          for n in range(rng.randrange(0, 4))],
            'aggregates': [
                {'name': 'az1' if i % 2 == 0 else 'az2',
                 'metadata': {'availability_zone':
                              'az1' if i % 2 == 0 else 'az2'}}] +
                ([{'name': 'ssd', 'metadata': {'ssd': 'true'}}]
                 if i % 3 == 0 else []),
        })
    return hosts


def requests_for(hosts: list[dict]) -> dict:
    """The two requests; the group's members run on the first hosts of
    az1 that have ssd (so the anti-affinity filter has work to do)."""
    members = [h['instances'][0] for h in hosts
               if h['instances'] and h['id'] % 6 == 1][:GROUP_MEMBERS]
    return {
        'default': {'availability_zone': None, 'extra_specs': {},
                    'group': None, 'hints': {}},
        'typical': {'availability_zone': 'az1',
                    'extra_specs': {'aggregate_instance_extra_specs:ssd':
                                    'true'},
                    'group': {'policy': 'anti-affinity',
                              'members': members},
                    'hints': {'different_host': [
                        str(uuid.uuid5(uuid.NAMESPACE_DNS, 'elsewhere'))]}},
    }


FLAVOR = {'memory_mb': 2048, 'vcpus': 2, 'root_gb': 20}


# -------------------------------------------------------- minicompute side

def _conf(filters: list[str]) -> cfg.ConfigOpts:
    conf = cfg.ConfigOpts()
    mc_conf.register_all(conf)
    conf([], default_config_files=[])
    conf.set_override('enabled_filters', filters, group='filter_scheduler')
    conf.set_override('max_instances_per_host', 1000,
                      group='filter_scheduler')
    conf.set_override('max_io_ops_per_host', 1000,
                      group='filter_scheduler')
    return conf


def _host_states(hosts: list[dict]) -> list:
    states = []
    service = types.SimpleNamespace(disabled=False)
    for h in hosts:
        node = types.SimpleNamespace(
            host=h['host'], hypervisor_hostname=h['host'], uuid=h['uuid'],
            id=h['id'], hypervisor_type='QEMU', hypervisor_version=8002000,
            cpu_arch='x86_64', host_ip=None, vcpus=h['vcpus'],
            memory_mb=h['memory_mb'], local_gb=h['local_gb'],
            vcpus_used=h['vcpus_used'], memory_mb_used=h['memory_mb_used'],
            local_gb_used=h['local_gb_used'], running_vms=h['running_vms'],
            cpu_allocation_ratio=1.0, ram_allocation_ratio=1.0,
            disk_allocation_ratio=1.0, reserved_host_memory_mb=0,
            reserved_host_disk_mb=0, reserved_host_cpus=0)
        rows = [(u, 'active', None) for u in h['instances']]
        rows += [('io-%s-%d' % (h['host'], n), 'building', None)
                 for n in range(h['io_ops'])]
        states.append(host_manager.HostState(
            node, service, True, rows, h['aggregates'], 'nova',
            h['failed_builds']))
    return states


def _spec(request: dict):
    flavor = objects.Flavor(id=1, flavorid='1', name='bench',
                            memory_mb=FLAVOR['memory_mb'],
                            vcpus=FLAVOR['vcpus'], root_gb=FLAVOR['root_gb'],
                            ephemeral_gb=0, swap=0,
                            extra_specs=request['extra_specs'])
    image = objects.ImageMeta(id=str(uuid.uuid4()), status='active',
                              properties={})
    group = None
    if request['group']:
        group = objects.InstanceGroup(
            uuid=str(uuid.uuid4()), policy=request['group']['policy'],
            members=list(request['group']['members']), hosts=[], rules={})
    return objects.RequestSpec(
        instance_uuid=str(uuid.uuid4()), flavor=flavor, image=image,
        project_id='bench', availability_zone=request['availability_zone'],
        scheduler_hints={k: list(v) for k, v in request['hints'].items()},
        instance_group=group, num_instances=1, min_count=1)


def run_minicompute(hosts: list[dict], request: dict, filters: list[str],
                    instances: int, repeat: int) -> dict:
    objects.register_all()
    scheduler = scheduling.Scheduler(_conf(filters))
    timings = []
    first = None
    for _ in range(repeat):
        states = _host_states(hosts)
        spec = _spec(request)
        uuids = [str(uuid.uuid4()) for _ in range(instances)]
        start = time.perf_counter()
        placed, steps = scheduler.place(states, spec, uuids, 2,
                                        lambda host, instance_uuid: True)
        timings.append((time.perf_counter() - start) * 1000.0)
        if first is None:
            first = (placed, steps)
    placed, steps = first
    result = {'ms': round(statistics.median(timings), 2),
              'placed': len(placed),
              'best_host': placed[0][1].host if placed else None,
              'sequence': [chosen.host for _uuid, chosen, _alts in placed],
              'steps': [str(step) for step in steps]}
    if instances == 1:
        # The hosts that passed every filter for the one instance.
        passing, _steps = _passing(scheduler, hosts, request)
        result['passing'] = passing
    return result


def _passing(scheduler, hosts, request):
    from minicompute.scheduler import filters as filters_mod
    states = _host_states(hosts)
    passed, steps = filters_mod.run_filters(scheduler.filters, states,
                                            _spec(request), 0)
    return sorted(h.host for h in passed), steps


# -------------------------------------------------------------- Nova side

def nova_python(version: str, log) -> str | None:
    """The nova venv's python, creating it if needed; None if impossible."""
    venv = os.path.join(CACHE, 'nova-venv')
    python = os.path.join(venv, 'bin', 'python')
    check = [python, '-c', 'import importlib.metadata as m; '
             'print(m.version("nova"))']
    if os.path.exists(python):
        found = subprocess.run(check, capture_output=True, text=True)
        if found.returncode == 0:
            return python
    os.makedirs(CACHE, exist_ok=True)
    log('creating %s and installing nova==%s (a few minutes)' % (venv,
                                                                  version))
    steps = [[sys.executable, '-m', 'venv', venv],
             [python, '-m', 'pip', 'install', '-q', 'nova==%s' % version]]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            log('Nova could not be installed here (%s): %s' % (
                ' '.join(step[:4]), done.stderr.strip()[-800:]))
            return None
    return python


def run_nova(python: str, scenario: dict) -> dict:
    done = subprocess.run([python, NOVA_RUNNER], input=json.dumps(scenario),
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError('Nova runner failed:\n%s' % done.stderr[-3000:])
    return json.loads(done.stdout)


# ------------------------------------------------------------------- main

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--hosts', type=int, nargs='+',
                        default=[1000, 10000])
    parser.add_argument('--repeat', type=int, default=5)
    parser.add_argument('--multi', type=int, default=100,
                        help='instances in the multi-create case')
    parser.add_argument('--compare-nova', action='store_true')
    parser.add_argument('--nova-version', default='34.0.0')
    args = parser.parse_args(argv)

    def log(message):
        print(message, file=sys.stderr)

    python = nova_python(args.nova_version, log) if args.compare_nova \
        else None
    report = {'flavor': FLAVOR, 'repeat': args.repeat, 'results': []}
    if args.compare_nova and python is None:
        report['nova'] = 'not installed: see the message on stderr'
    for count in args.hosts:
        hosts = synthetic_hosts(count)
        for name, request in requests_for(hosts).items():
            mine_filters = (_default_filters() if name == 'default'
                            else TYPICAL_FILTERS + RESOURCE_FILTERS)
            nova_filters = (NOVA_DEFAULT_FILTERS if name == 'default'
                            else TYPICAL_FILTERS)
            for instances in (1, args.multi):
                repeat = args.repeat if instances == 1 else \
                    max(1, args.repeat // 2)
                mine = run_minicompute(hosts, request, mine_filters,
                                       instances, repeat)
                row = {'hosts': count, 'request': name,
                       'instances': instances,
                       'minicompute_ms': mine['ms'],
                       'minicompute_placed': mine['placed'],
                       'minicompute_best_host': mine['best_host'],
                       'minicompute_filters': mine_filters}
                if instances == 1:
                    row['passing_hosts'] = len(mine['passing'])
                    row['explanation'] = ', '.join(mine['steps'])
                if python is not None:
                    nova = run_nova(python, {
                        'hosts': hosts, 'request': request,
                        'flavor': FLAVOR, 'filters': nova_filters,
                        'instances': instances, 'repeat': repeat})
                    row.update({
                        'nova_ms': nova['ms'],
                        'nova_placed': nova['placed'],
                        'nova_best_host': nova['best_host'],
                        'nova_weighers': nova['weighers'],
                        'ratio': round(nova['ms'] / mine['ms'], 1)
                        if mine['ms'] else None,
                        'same_best_host':
                            nova['best_host'] == mine['best_host'],
                        'same_hosts_in_order':
                            nova['sequence'] == mine['sequence']})
                    if instances == 1:
                        row['same_passing_hosts'] = \
                            nova['passing'] == mine['passing']
                report['results'].append(row)
                log('%5d hosts %-8s x%-3d minicompute %8.2f ms%s' % (
                    count, name, instances, mine['ms'],
                    '' if 'nova_ms' not in row else
                    '   nova %9.2f ms   x%s' % (row['nova_ms'],
                                               row['ratio'])))
    report['growth'] = growth(report['results'], min(args.hosts),
                              max(args.hosts))
    for row in report['growth']:
        log('growth %s x%d, %d -> %d hosts (x%.0f): minicompute x%s%s' % (
            row['request'], row['instances'], row['from_hosts'],
            row['to_hosts'], row['host_factor'], row['minicompute'],
            '' if 'nova' not in row else ', nova x%s' % row['nova']))
    print(json.dumps(report, indent=2))
    return 0


def growth(results: list[dict], low: int, high: int) -> list[dict]:
    """How each case's time grows from ``low`` to ``high`` hosts: at most
    ``high / low`` is no worse than linear."""
    by_case = {(r['request'], r['instances'], r['hosts']): r
               for r in results}
    rows = []
    if low == high:
        return rows
    for (request, instances, hosts), small in by_case.items():
        large = by_case.get((request, instances, high))
        if hosts != low or large is None:
            continue
        row = {'request': request, 'instances': instances,
               'from_hosts': low, 'to_hosts': high,
               'host_factor': high / low,
               'minicompute': round(large['minicompute_ms'] /
                                    small['minicompute_ms'], 1)}
        if small.get('nova_ms') and large.get('nova_ms'):
            row['nova'] = round(large['nova_ms'] / small['nova_ms'], 1)
        rows.append(row)
    return rows


def _default_filters() -> list[str]:
    """``[filter_scheduler] enabled_filters`` as shipped."""
    conf = cfg.ConfigOpts()
    mc_conf.register_all(conf)
    conf([], default_config_files=[])
    return list(conf.filter_scheduler.enabled_filters)


if __name__ == '__main__':
    sys.exit(main())
