"""Flavor bodies as Nova's API reference gives them at 2.1."""
from minicompute.api.openstack import common


def basic(request, flavor) -> dict:
    return {'id': flavor.flavorid, 'name': flavor.name,
            'links': common.links(request, 'flavors', flavor.flavorid)}


def detail(request, flavor) -> dict:
    body = basic(request, flavor)
    body.update({
        'ram': flavor.memory_mb,
        'vcpus': flavor.vcpus,
        'disk': flavor.root_gb,
        'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral_gb,
        'OS-FLV-DISABLED:disabled': flavor.disabled,
        'swap': flavor.swap or '',
        'rxtx_factor': flavor.rxtx_factor,
        'os-flavor-access:is_public': flavor.is_public,
    })
    return body
