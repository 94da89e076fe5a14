"""Host states with instances, aggregates and images for filter and weigher
tests, and RequestSpecs that carry groups, zones, hints and extra specs."""
import types
import uuid

from minicompute import objects
from minicompute.scheduler import host_manager
from tests.unit.scheduler import fakes


def host(name='host1', instances=(), aggregates=(), failed_builds=0,
         io=0, default_az='nova', **node_values):
    """``instances``: uuids; ``io``: how many more are building here;
    ``aggregates``: metadata dicts, one per aggregate."""
    node_values.setdefault('hypervisor_type', 'QEMU')
    node_values.setdefault('hypervisor_version', 8002000)
    node_values.setdefault('cpu_arch', 'x86_64')
    rows = [(u, 'active', None) for u in instances]
    rows += [(str(uuid.uuid4()), 'building', None) for _ in range(io)]
    aggs = [{'name': 'agg%d' % i, 'metadata': dict(meta), 'hosts': [name]}
            for i, meta in enumerate(aggregates)]
    return host_manager.HostState(fakes.node(name, **node_values),
                                  fakes.service(), True, rows, aggs,
                                  default_az, failed_builds)


def group(policy, members=(), hosts=(), rules=None):
    return objects.InstanceGroup(uuid=str(uuid.uuid4()), policy=policy,
                                 members=list(members), hosts=list(hosts),
                                 rules=dict(rules or {}), name='g')


def spec(extra_specs=None, image_properties=None, availability_zone=None,
         hints=None, instance_group=None, project_id='p1',
         instance_uuid=None, memory_mb=512, vcpus=1, root_gb=1):
    flavor = objects.Flavor(id=1, flavorid='f1', name='f', memory_mb=memory_mb,
                            vcpus=vcpus, root_gb=root_gb, ephemeral_gb=0,
                            swap=0, extra_specs=dict(extra_specs or {}))
    image = objects.ImageMeta(id=str(uuid.uuid4()), status='active',
                              properties=dict(image_properties or {}))
    return objects.RequestSpec(
        instance_uuid=instance_uuid or str(uuid.uuid4()), flavor=flavor,
        image=image, availability_zone=availability_zone,
        scheduler_hints={k: v if isinstance(v, list) else [v]
                         for k, v in (hints or {}).items()},
        instance_group=instance_group, project_id=project_id)


def conf(**values):
    return types.SimpleNamespace(filter_scheduler=types.SimpleNamespace(
        **values))
