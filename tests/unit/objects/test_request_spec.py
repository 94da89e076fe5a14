"""RequestSpec: the resources a request asks for, from its flavor."""
import pytest

from minicompute import objects


@pytest.mark.parametrize('root, ephemeral, swap, disk_gb', [
    (10, 0, 0, 10),
    (10, 5, 0, 15),
    # Swap is in MB and rounds up to whole GB.
    (10, 0, 1, 11),
    (10, 0, 1024, 11),
    (10, 0, 1025, 12),
    (0, 0, 0, 0),
])
def test_disk_gb_counts_root_ephemeral_and_swap(root, ephemeral, swap,
                                                disk_gb):
    flavor = objects.Flavor(memory_mb=2048, vcpus=3, root_gb=root,
                            ephemeral_gb=ephemeral, swap=swap)
    spec = objects.RequestSpec(flavor=flavor)

    assert (spec.vcpus, spec.memory_mb, spec.disk_gb) == (3, 2048, disk_gb)
