"""A requested destination (create's host/hypervisor_hostname, 2.74)
narrows the hosts, and unlike a forced host the filters still run."""
import uuid

import pytest

from minicompute import exception, objects
from minicompute.scheduler import scheduling


@pytest.fixture
def scheduler(conf, db):
    return scheduling.Scheduler(conf)


def _spec(destination):
    flavor = objects.Flavor(id=1, flavorid='f1', name='m1.test',
                            memory_mb=512, vcpus=1, root_gb=1,
                            ephemeral_gb=0, swap=0, extra_specs={})
    image = objects.ImageMeta(id=str(uuid.uuid4()), status='active',
                              properties={})
    return objects.RequestSpec(flavor=flavor, image=image, num_instances=1,
                               min_count=1, project_id='p',
                               requested_destination=destination)


def _place(scheduler, ctx, **destination):
    spec = _spec(objects.Destination(**destination))
    (selections,) = scheduler.select_destinations(
        ctx, spec, [str(uuid.uuid4())])
    return selections[0].service_host, len(selections)


def test_the_requested_host_or_node_is_chosen(scheduler, ctx, make_host):
    make_host('a', memory_mb=8192)
    make_host('b')

    assert _place(scheduler, ctx, host='b', node=None) == ('b', 1)
    assert _place(scheduler, ctx, host=None, node='b') == ('b', 1)
    assert _place(scheduler, ctx, host='b', node='b') == ('b', 1)


def test_the_filters_still_run_on_the_requested_host(scheduler, ctx,
                                                     make_host):
    make_host('a', memory_mb=8192)
    make_host('disabled', service={'disabled': True})
    make_host('tiny', memory_mb=256)

    for host in ('disabled', 'tiny'):
        with pytest.raises(exception.NoValidHost):
            _place(scheduler, ctx, host=host, node=None)
