"""The functional fixture: the real API, conductor, scheduler and two
computes in this process (fake:// transport, SQLite, libvirt's test
driver), served over HTTP on a free loopback port."""
import pytest

from minicompute import allinone, policy
from minicompute import conf as mc_conf
from tests.functional import client as api_client

COMPUTE_HOSTS = 2


@pytest.fixture(scope='session')
def aio(tmp_path_factory):
    state = tmp_path_factory.mktemp('state')
    # Notifications go to oslo.messaging's in-memory test driver, where the
    # tests can read them, and over the fake transport, where a listener
    # on the versioned topic hears them (test_notifications.py).
    notifications = state / 'notifications.conf'
    notifications.write_text('[oslo_messaging_notifications]\n'
                             'driver = test\n'
                             'driver = messagingv2\n'
                             '[notifications]\n'
                             'notify_on_state_change = vm_and_task_state\n')
    conf = mc_conf.CONF
    conf([], project='minicompute',
         default_config_files=[str(notifications)])
    allinone.set_defaults(conf)
    overrides = {
        'state_path': str(state),
        'host': 'func',
        'report_interval': 1,
        'periodic_interval': 5,
    }
    for name, value in overrides.items():
        conf.set_override(name, value)
    conf.set_override('connection', 'sqlite:///%s/func.sqlite' % state,
                      group='database')
    service = allinone.AllInOne(conf, computes=COMPUTE_HOSTS, listen_port=0,
                                metadata_port=0)
    service.start()
    yield service
    service.stop()
    conf.clear_override('connection', group='database')
    for name in overrides:
        conf.clear_override(name)
    policy.reset()


@pytest.fixture
def admin(aio):
    return api_client.ApiClient(aio.endpoint, 'admin:admin')


@pytest.fixture
def image_id(admin):
    return admin.first_image_id()


@pytest.fixture
def user(aio, request):
    """A non-admin user in a project of its own for this test."""
    project = 'proj-%s' % request.node.name[:40]
    return api_client.ApiClient(aio.endpoint, 'alice:%s' % project)
