"""Fixtures of the libvirt driver tests: a private config whose instances
live under the test's tmp_path, and a driver on libvirt's test driver."""
from oslo_config import cfg
import pytest

from minicompute import conf as mc_conf
from minicompute.virt.libvirt import driver as libvirt_driver


@pytest.fixture
def conf(tmp_path):
    conf = cfg.ConfigOpts()
    mc_conf.register_all(conf)
    conf([], default_config_files=[])
    conf.set_override('instances_path', str(tmp_path / 'instances'))
    conf.set_override('host', 'compute1')
    conf.set_override('wait_for_running_timeout', 5, group='libvirt')
    conf.set_override('wait_soft_reboot_seconds', 2, group='libvirt')
    return conf


@pytest.fixture
def drv(conf):
    drv = libvirt_driver.LibvirtDriver(conf)
    drv.init_host('compute1')
    yield drv
    drv.cleanup_host('compute1')
