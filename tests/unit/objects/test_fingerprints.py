"""Object fingerprints: a hash of every object's fields and remotable
method signatures. A change to either without a version bump fails here,
because a service of the previous release would misread the object; bump
the version (with obj_make_compatible for what an older peer lacks),
then update the hash below and ``minicompute/release_mappings.py``."""
from oslo_versionedobjects import fixture

from minicompute import objects
from minicompute.objects import base

EXPECTED = {
    'Allocation': '1.0-146d902419457a28de13325a6d558dcb',
    'ComputeNode': '1.1-6113b5ba0428c5866ee42f166d12b883',
    'ComputeNodeList': '1.0-4d7772da63342b5bd3aacb0ddced9bcd',
    'Destination': '1.0-b55aaa189601aaf6572f84f04088c7b3',
    'EC2Ids': '1.0-474ee1094c7ec16f8ce657595d8c49d9',
    'Flavor': '1.0-e99018519c1804a1cc00846fbd72b3a2',
    'FlavorList': '1.0-f976cead1362c769a2e5833469791ae4',
    'ImageMeta': '1.0-120f6369a0c4349eab2676979939b74e',
    'ImageMetaList': '1.0-ad21ca2ef916d30a12411952e61c9273',
    'Instance': '1.3-a85d4d8b9027c42b39c0ccc03aaeffd1',
    'InstanceAction': '1.0-5a993203a723df0fe460067ebc50fab6',
    'InstanceFault': '1.0-decfffd46dec5ccb545cf48d5adbfcfe',
    'InstanceGroup': '1.0-18fd57171f78ed99ef9b7ee600d905e0',
    'InstanceGroupList': '1.0-fa75ad3103b2a3aed3047d310b33da0f',
    'InstanceList': '1.0-4ab5dc05e152ba8031308084d2e47643',
    'RequestSpec': '1.2-20b4aa77e8195a08cca0f549e3b3c1f2',
    'Selection': '1.0-cd1673534746761f93df8109b6464e4f',
    'Service': '1.1-da693cfe9cd0189210deb8579920efd4',
    'ServiceList': '1.0-f6621975c20e5805eb2b67dec3679efc',
}


def test_versions_change_with_fields_and_remotable_methods():
    objects.register_all()
    checker = fixture.ObjectVersionChecker(
        base.MinicomputeObjectRegistry.obj_classes())

    expected, actual = checker.test_hashes(EXPECTED)

    assert actual == expected, (
        'Objects changed without a version bump (or the hash here is '
        'stale): %s' % sorted(set(actual) ^ set(expected) |
                              {name for name in actual
                               if actual.get(name) != expected.get(name)}))
