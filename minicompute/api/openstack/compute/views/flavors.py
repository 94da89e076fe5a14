"""Flavor bodies as Nova's API reference gives them, by microversion:

- 2.1: id, name, links (list); the detail body adds ram, vcpus, disk,
  OS-FLV-EXT-DATA:ephemeral, OS-FLV-DISABLED:disabled, swap ("" when
  none), rxtx_factor and os-flavor-access:is_public;
- 2.55: ``description`` (null when unset) in every body;
- 2.61: ``extra_specs`` in detail bodies, when the caller may read them
  (the controller decides and says so with ``extra_specs``);
- 2.75: ``swap`` is 0, not "", when there is none.
"""
from __future__ import annotations

from minicompute.api.openstack import common

DESCRIPTION_FROM = '2.55'
EXTRA_SPECS_FROM = '2.61'
SWAP_INT_FROM = '2.75'


def basic(request, flavor) -> dict:
    body = {'id': flavor.flavorid, 'name': flavor.name,
            'links': common.links(request, 'flavors', flavor.flavorid)}
    if request.is_at_least(DESCRIPTION_FROM):
        body['description'] = flavor.description
    return body


def detail(request, flavor, extra_specs: bool = False) -> dict:
    body = basic(request, flavor)
    swap = flavor.swap
    if not request.is_at_least(SWAP_INT_FROM):
        swap = swap or ''
    body.update({
        'ram': flavor.memory_mb,
        'vcpus': flavor.vcpus,
        'disk': flavor.root_gb,
        'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral_gb,
        'OS-FLV-DISABLED:disabled': flavor.disabled,
        'swap': swap,
        'rxtx_factor': flavor.rxtx_factor,
        'os-flavor-access:is_public': flavor.is_public,
    })
    if extra_specs:
        body['extra_specs'] = dict(flavor.extra_specs or {})
    return body
