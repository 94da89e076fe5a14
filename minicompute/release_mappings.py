"""What each minicompute release speaks: its service version (and so its
RPC API versions, through ``objects.service.SERVICE_VERSION_HISTORY``) and
its object versions.

``[upgrade_levels]`` options accept these release names. A change that
bumps an RPC API or an object version updates the ``master`` entry (a unit
test compares it with the code); cutting a release copies ``master`` under
the release's name.
"""
from __future__ import annotations

from minicompute.objects import service as service_obj

RELEASE_MAPPING = {
    '0.1': {
        'service_version': 0,
        'objects': {
            'Allocation': '1.0', 'ComputeNode': '1.1',
            'ComputeNodeList': '1.0', 'Destination': '1.0',
            'Flavor': '1.0', 'FlavorList': '1.0', 'ImageMeta': '1.0',
            'ImageMetaList': '1.0', 'Instance': '1.1',
            'InstanceAction': '1.0', 'InstanceFault': '1.0',
            'InstanceGroup': '1.0', 'InstanceGroupList': '1.0',
            'InstanceList': '1.0', 'RequestSpec': '1.2', 'Selection': '1.0',
            'Service': '1.0', 'ServiceList': '1.0',
        },
    },
    'master': {
        'service_version': service_obj.SERVICE_VERSION,
        'objects': {
            'Allocation': '1.0', 'ComputeNode': '1.1',
            'ComputeNodeList': '1.0', 'Destination': '1.0', 'EC2Ids': '1.0',
            'Flavor': '1.0', 'FlavorList': '1.0', 'ImageMeta': '1.0',
            'ImageMetaList': '1.0', 'Instance': '1.3',
            'InstanceAction': '1.0', 'InstanceFault': '1.0',
            'InstanceGroup': '1.0', 'InstanceGroupList': '1.0',
            'InstanceList': '1.0', 'RequestSpec': '1.2', 'Selection': '1.0',
            'Service': '1.1', 'ServiceList': '1.0',
        },
    },
}


def rpc_version(release: str, history_key: str) -> str:
    """The RPC API version ``release`` speaks for ``history_key``
    (``compute_rpc``, ``conductor_rpc``, ...).

    :raises: KeyError for an unknown release
    """
    version = RELEASE_MAPPING[release]['service_version']
    return service_obj.SERVICE_VERSION_HISTORY[version][history_key]
