"""Fixtures shared by the conductor's unit tests."""
from oslo_config import cfg
import pytest

from minicompute import conf as mc_conf
from minicompute import rpc


@pytest.fixture(scope='module')
def rpc_conf():
    """The process-wide transport ConductorManager's clients need.

    rpc keeps one module-global transport: reuse one that is already up
    (and leave it), else create a fake:// one for this module only.
    """
    conf = cfg.ConfigOpts()
    mc_conf.register_all(conf)
    conf([], default_config_files=[])
    conf.set_override('transport_url', 'fake:///')
    try:
        rpc.get_transport()
        owner = False
    except RuntimeError:
        rpc.init(conf)
        owner = True
    yield conf
    if owner:
        rpc.cleanup()
