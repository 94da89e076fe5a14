"""Versions that mean something: every RPC API's newest version is what
its manager serves and what the current service version records; the
release table matches the code; [upgrade_levels] caps what a client sends,
and a method too new for a capped peer steps down or refuses with 409."""
import oslo_messaging as messaging
from oslo_utils import timeutils
import pytest

from minicompute import exception, objects, release_mappings, rpc, rpc_versions
from minicompute.compute import manager as compute_manager
from minicompute.compute import rpcapi as compute_rpcapi
from minicompute.conductor import manager as conductor_manager
from minicompute.conductor import rpcapi as conductor_rpcapi
from minicompute.objects import base as objects_base
from minicompute.objects import service as service_obj
from minicompute.scheduler import manager as scheduler_manager
from minicompute.scheduler import rpcapi as scheduler_rpcapi

#: (client API, the manager endpoint serving it, history key)
APIS = [
    (compute_rpcapi.ComputeAPI, compute_manager.ComputeManager,
     'compute_rpc'),
    (conductor_rpcapi.ConductorAPI, conductor_manager.ConductorManager,
     'conductor_rpc'),
    (conductor_rpcapi.ComputeTaskAPI, conductor_manager.ComputeTaskManager,
     'compute_task_rpc'),
    (scheduler_rpcapi.SchedulerAPI, scheduler_manager.SchedulerManager,
     'scheduler_rpc'),
]


@pytest.mark.parametrize('client, endpoint, key', APIS)
def test_newest_version_is_served_and_recorded(client, endpoint, key):
    assert endpoint.target.version == client.VERSION
    assert service_obj.SERVICE_VERSION_HISTORY[-1][key] == client.VERSION
    assert client.UPGRADE_LEVEL in rpc_versions.LEVELS
    assert rpc_versions.LEVELS[client.UPGRADE_LEVEL][0] == key


def test_master_release_is_what_the_code_speaks():
    objects.register_all()
    master = release_mappings.RELEASE_MAPPING['master']
    assert master['service_version'] == service_obj.SERVICE_VERSION
    registered = {
        name: classes[0].VERSION for name, classes in
        objects_base.MinicomputeObjectRegistry.obj_classes().items()}
    assert master['objects'] == registered


def test_every_release_names_a_known_service_version():
    for release in release_mappings.RELEASE_MAPPING.values():
        assert 0 <= release['service_version'] <= \
            service_obj.SERVICE_VERSION


# ------------------------------------------------------------ the caps

def _service(ctx, binary, host, version):
    service = objects.Service(ctx, host=host, binary=binary,
                              topic=binary.rsplit('-', 1)[-1],
                              report_count=0, version=version,
                              last_seen_up=timeutils.utcnow())
    service.create()
    return service


def test_no_cap_by_default(conf):
    assert rpc_versions.version_cap(conf, 'compute') is None


def test_explicit_version_and_release_name(conf):
    conf.set_override('compute', '1.2', group='upgrade_levels')
    assert rpc_versions.version_cap(conf, 'compute') == '1.2'
    conf.set_override('conductor', '0.1', group='upgrade_levels')
    assert rpc_versions.version_cap(conf, 'conductor') == '1.0'
    # The compute-task API is the conductor's too.
    assert rpc_versions.version_cap(conf, 'compute_task') == '1.0'


def test_auto_follows_the_oldest_running_service(conf, db, ctx):
    conf.set_override('conductor', 'auto', group='upgrade_levels')
    assert rpc_versions.version_cap(conf, 'conductor') is None
    _service(ctx, 'minicompute-conductor', 'new',
             service_obj.SERVICE_VERSION)
    assert rpc_versions.version_cap(conf, 'conductor') is None
    _service(ctx, 'minicompute-conductor', 'old', 0)
    assert rpc_versions.version_cap(conf, 'conductor') == \
        service_obj.SERVICE_VERSION_HISTORY[0]['conductor_rpc']


@pytest.fixture
def fake_transport(conf):
    conf.set_override('transport_url', 'fake:///')
    try:
        rpc.get_transport()
        owner = False
    except RuntimeError:
        rpc.init(conf)
        owner = True
    yield rpc.get_conf()
    if owner:
        rpc.cleanup()


def test_capped_compute_refuses_what_it_cannot_do(fake_transport, ctx):
    fake_transport.set_override('compute', '1.2', group='upgrade_levels')
    try:
        api = compute_rpcapi.ComputeAPI()
        with pytest.raises(exception.ServiceTooOld) as raised:
            api.get_host_uptime(ctx, 'old-host')
        assert raised.value.code == 409
        assert api.can_send_version('1.2')
    finally:
        fake_transport.clear_override('compute', group='upgrade_levels')


def test_ping_below_its_version_means_ready(fake_transport, ctx):
    from minicompute.conductor import api as conductor_api
    fake_transport.set_override('conductor', '1.0', group='upgrade_levels')
    try:
        with pytest.raises(messaging.RPCVersionCapError):
            conductor_rpcapi.ConductorAPI().ping(ctx, 'x')
        assert conductor_api.ConductorAPI().wait_until_ready(ctx) is True
    finally:
        fake_transport.clear_override('conductor', group='upgrade_levels')
