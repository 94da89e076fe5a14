"""Shared unit-test fixtures: a private ConfigOpts and a real, migrated
SQLite database per test, plus factories for the rows most tests need.

Pytest loads this module before any test module, and its first
``minicompute`` import runs ``minicompute/__init__``, which selects
oslo.service's backend before oslo.messaging is imported (nothing above it
here imports oslo.messaging).
"""
import shutil

from oslo_config import cfg
from oslo_utils import timeutils
import pytest

from minicompute import conf as mc_conf
from minicompute import context as mc_context
from minicompute import objects
from minicompute.db import api as db_api
from minicompute.db import migration
from minicompute.objects import base as objects_base

objects.register_all()

COMPUTE_BINARY = 'minicompute-compute'


def _new_conf():
    conf = cfg.ConfigOpts()
    mc_conf.register_all(conf)
    conf([], default_config_files=[])
    return conf


def _use_sqlite(conf, path):
    conf.set_override('connection', 'sqlite:///' + str(path),
                      group='database')
    db_api.configure(conf)


@pytest.fixture
def conf():
    """A fresh ConfigOpts with every minicompute option registered."""
    conf = _new_conf()
    yield conf
    conf.reset()


@pytest.fixture(scope='session')
def _migrated_template(tmp_path_factory):
    """One database migrated to head; each test gets a copy of the file,
    which is much cheaper than running the migrations again."""
    path = tmp_path_factory.mktemp('db') / 'template.sqlite'
    _use_sqlite(_new_conf(), path)
    migration.db_sync()
    # Closing the last connection checkpoints the WAL into the file.
    db_api.get_engine().dispose()
    assert not path.with_name(path.name + '-wal').exists()
    return path


@pytest.fixture
def db(conf, tmp_path, monkeypatch, _migrated_template):
    """A migrated SQLite database that db_api and the objects talk to.

    Object methods must run locally here, whatever another test module
    (or a functional fixture in the same process) did to the indirection.
    """
    path = tmp_path / 't.sqlite'
    shutil.copyfile(_migrated_template, path)
    _use_sqlite(conf, path)
    monkeypatch.setattr(objects_base.MinicomputeObject, 'indirection_api',
                        None)
    yield
    db_api.get_engine().dispose()


@pytest.fixture
def ctx():
    return mc_context.RequestContext(user_id='alice', project_id='proj-a',
                                     roles=['member'])


@pytest.fixture
def make_service(db):
    """Create a compute service row; ``last_seen_up`` defaults to now."""
    def _make(host, **values):
        row = {'host': host, 'binary': COMPUTE_BINARY, 'topic': 'compute',
               'last_seen_up': timeutils.utcnow()}
        row.update(values)
        return db_api.service_create(row)
    return _make


@pytest.fixture
def make_node(db):
    """Report a compute node with no overcommit and nothing reserved,
    unless told otherwise."""
    def _make(host, vcpus=8, memory_mb=4096, local_gb=100, **values):
        row = {'host': host, 'hypervisor_hostname': host,
               'hypervisor_type': 'QEMU', 'vcpus': vcpus,
               'memory_mb': memory_mb, 'local_gb': local_gb,
               'cpu_allocation_ratio': 1.0, 'ram_allocation_ratio': 1.0,
               'disk_allocation_ratio': 1.0}
        row.update(values)
        return db_api.compute_node_report(row)
    return _make


@pytest.fixture
def make_host(make_service, make_node):
    """A compute service that is up and enabled, with one node."""
    def _make(host, service=None, **node_values):
        make_service(host, **(service or {}))
        return make_node(host, **node_values)
    return _make
