"""Everything in one process: API, metadata service, conductor, scheduler
and N computes over oslo.messaging's in-process ``fake://`` transport,
SQLite, and libvirt's test driver unless configured otherwise.
``minicompute-all`` runs it; the functional tests drive the same class.

Usage::

    aio = AllInOne(conf, computes=2)
    aio.start()            # schema, seed data, services, API server
    print(aio.endpoint)    # http://127.0.0.1:8774/v2.1
    aio.metadata_endpoint  # http://127.0.0.1:8775, for metadata proxies
    aio.stop()
"""
from __future__ import annotations

import os

from oslo_log import log as logging

from minicompute import context as mc_context
from minicompute import exception, objects, rpc, service
from minicompute.api import server as api_server
from minicompute.api import wsgi_app
from minicompute.compute import manager as compute_manager
from minicompute.conductor import manager as conductor_manager
from minicompute.db import api as db_api
from minicompute.db import migration
from minicompute.image import registry
from minicompute.metadata import handler as metadata_handler
from minicompute.objects import instance as instance_obj
from minicompute.scheduler import manager as scheduler_manager

LOG = logging.getLogger(__name__)

# (flavorid, name, ram MB, vcpus, disk GB), as devstack seeds them.
SEED_FLAVORS = (
    ('42', 'm1.nano', 128, 1, 1),
    ('1', 'm1.tiny', 512, 1, 1),
    ('2', 'm1.small', 2048, 1, 20),
)
SEED_IMAGE = 'tiny'


def set_defaults(conf) -> None:
    """Defaults that make the all-in-one work with no config file."""
    conf.set_default('transport_url', 'fake:///')
    conf.set_default('auth_strategy', 'noauth2', group='api')
    conf.set_default('osapi_compute_listen', '127.0.0.1')
    conf.set_default('metadata_listen', '127.0.0.1', group='metadata')
    # The test driver's simulated host has 3 GiB; keep none of it back.
    conf.set_default('reserved_host_memory_mb', 0)


def seed(conf) -> None:
    """Create the flavors and the ``tiny`` image unless they exist."""
    existing = {f.flavorid for f in db_api.flavor_get_all()}
    for flavorid, name, ram, vcpus, disk in SEED_FLAVORS:
        if flavorid not in existing:
            try:
                db_api.flavor_create({'flavorid': flavorid, 'name': name,
                                      'memory_mb': ram, 'vcpus': vcpus,
                                      'root_gb': disk, 'extra_specs': {}})
            except exception.Conflict:
                LOG.info('Flavor %s exists under another id', name)
    if not db_api.image_get_all(name=SEED_IMAGE):
        path = registry.write_blank_disk(
            os.path.join(registry.images_dir(conf), '.seed-tiny.raw'))
        registry.create(conf, mc_context.get_admin_context(), SEED_IMAGE,
                        source_path=path, disk_format='raw',
                        container_format='bare')
        os.unlink(path)


class AllInOne:
    def __init__(self, conf, computes: int = 1, listen_port=None,
                 metadata_port=None):
        self.conf = conf
        self.computes = computes
        self.listen_port = (conf.osapi_compute_listen_port
                            if listen_port is None else listen_port)
        self.metadata_port = (conf.metadata.metadata_listen_port
                              if metadata_port is None else metadata_port)
        self.services: list[service.Service] = []
        self.api_server = None
        self.metadata_server = None

    def compute_hosts(self) -> list[str]:
        if self.computes == 1:
            return [self.conf.host]
        return ['%s-%d' % (self.conf.host, i + 1)
                for i in range(self.computes)]

    def start(self) -> None:
        objects.register_all()
        instance_obj.configure_names(self.conf)
        db_api.configure(self.conf)
        migration.db_sync()
        seed(self.conf)
        rpc.init(self.conf)
        host = self.conf.host
        self._start(service.Service.create(
            self.conf, 'minicompute-conductor', 'conductor',
            conductor_manager.ConductorManager(self.conf, host)))
        self._start(service.Service.create(
            self.conf, 'minicompute-scheduler', 'scheduler',
            scheduler_manager.SchedulerManager(self.conf, host)))
        for compute_host in self.compute_hosts():
            self.start_compute(compute_host)
        self.api_server = api_server.WSGIServer(
            wsgi_app.load_app(self.conf), self.conf.osapi_compute_listen,
            self.listen_port, pool_size=self.conf.osapi_compute_workers)
        self.api_server.start()
        self.metadata_server = api_server.WSGIServer(
            metadata_handler.MetadataRequestHandler(self.conf),
            self.conf.metadata.metadata_listen, self.metadata_port,
            pool_size=self.conf.metadata.metadata_workers,
            name='Metadata service')
        self.metadata_server.start()

    def start_compute(self, host: str) -> service.Service:
        return self._start(service.Service.create(
            self.conf, 'minicompute-compute', 'compute',
            compute_manager.ComputeManager(self.conf, host), host=host))

    def _start(self, server: service.Service) -> service.Service:
        server.start()
        self.services.append(server)
        return server

    @property
    def endpoint(self) -> str:
        return 'http://%s:%d/v2.1' % (self.api_server.host,
                                      self.api_server.port)

    @property
    def metadata_endpoint(self) -> str:
        return 'http://%s:%d' % (self.metadata_server.host,
                                 self.metadata_server.port)

    def stop(self) -> None:
        if self.metadata_server is not None:
            self.metadata_server.stop()
        if self.api_server is not None:
            self.api_server.stop()
        for server in reversed(self.services):
            server.stop()
        self.services = []
        rpc.cleanup()
