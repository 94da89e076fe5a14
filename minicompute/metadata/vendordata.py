"""Vendor data: what the operator hands every guest beside its own
metadata (``vendor_data.json`` and ``vendor_data2.json``).

Only Nova's ``StaticJSON`` provider exists here: the JSON file named by
``[metadata] vendordata_jsonfile_path``, read once when the service starts
(a broken file stops the service at start rather than every guest's boot).
"""
from __future__ import annotations

import json

from oslo_log import log as logging

from minicompute import exception

LOG = logging.getLogger(__name__)

STATIC_JSON = 'StaticJSON'


class VendorData:
    """The configured providers' data."""

    def __init__(self, conf):
        self.providers = list(conf.metadata.vendordata_providers)
        self.static = {}
        path = conf.metadata.vendordata_jsonfile_path
        if STATIC_JSON in self.providers and path:
            self.static = _load(path)

    @property
    def has_static(self) -> bool:
        return STATIC_JSON in self.providers

    def vendor_data2(self) -> dict:
        """vendor_data2.json: each provider's data under its name
        (``static`` for StaticJSON)."""
        return {'static': self.static} if self.has_static else {}


def _load(path: str):
    try:
        with open(path, 'rb') as f:
            data = json.load(f)
    except OSError as e:
        raise exception.InvalidInput(
            reason='vendordata_jsonfile_path %s: %s' % (path, e.strerror))
    except ValueError as e:
        raise exception.InvalidInput(
            reason='vendordata_jsonfile_path %s is not JSON: %s' % (path, e))
    return data
