"""RAMWeigher: most free RAM first, or least with a negative multiplier."""
import pytest

from minicompute.scheduler import weights
from minicompute.scheduler.weights import ram
from tests.unit.scheduler import fakes


def _hosts():
    return [fakes.host_state('half', memory_mb=4096, memory_mb_used=2048),
            fakes.host_state('empty', memory_mb=4096),
            fakes.host_state('small', memory_mb=1024),
            fakes.host_state('reserved', memory_mb=8192,
                             reserved_host_memory_mb=6144)]


# Nova normalises free RAM from 0 (minval), not from the fullest host: the
# best host's weight with -1.0 is -(1024 / 4096).
@pytest.mark.parametrize('multiplier, order, top', [
    (1.0, ['empty', 'half', 'reserved', 'small'], 1.0),
    (10.0, ['empty', 'half', 'reserved', 'small'], 10.0),
    (-1.0, ['small', 'half', 'reserved', 'empty'], -0.25),
])
def test_order_follows_free_ram_and_multiplier_sign(conf, multiplier,
                                                    order, top):
    conf.set_override('ram_weight_multiplier', multiplier,
                      group='filter_scheduler')

    ranked = weights.weigh_hosts([ram.RAMWeigher(conf)], _hosts(),
                                 fakes.spec())

    # 'half' and 'reserved' both have 2048 MB free: input order decides.
    assert [h.host for _w, h in ranked] == order
    assert ranked[0][0] == pytest.approx(top)


def test_raw_weight_is_free_ram_after_ratio_and_reserve(conf):
    host = fakes.host_state(memory_mb=4096, reserved_host_memory_mb=1024,
                            ram_allocation_ratio=1.5, memory_mb_used=500)

    assert ram.RAMWeigher(conf).weigh_objects([host], fakes.spec()) == [
        (4096 - 1024) * 1.5 - 500]


def test_multiplier_read_from_conf(conf):
    conf.set_override('ram_weight_multiplier', -3.0,
                      group='filter_scheduler')

    assert ram.RAMWeigher(conf).weight_multiplier(fakes.host_state()) == -3.0
