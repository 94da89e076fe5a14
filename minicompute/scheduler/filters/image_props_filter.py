"""ImagePropertiesFilter: the image's ``hw_architecture``, ``img_hv_type``,
``hw_vm_mode`` (and ``img_hv_requested_version``) against what the host
supports: ``(arch, hypervisor type, vm mode)`` tuples. An image that asks
for none of them passes everywhere; a host that advertises nothing fails an
image that asks.
"""
from __future__ import annotations

import operator

from oslo_utils import versionutils

from minicompute.scheduler import filters

_ARCH_ALIASES = {'i386': 'i686', 'i486': 'i686', 'i586': 'i686',
                 'x86_32': 'i686', 'amd64': 'x86_64', 'x64': 'x86_64',
                 'arm64': 'aarch64'}
_HV_ALIASES = {'xapi': 'xen'}
_VM_MODE_ALIASES = {'hv': 'hvm', 'baremetal': 'hvm', 'pv': 'xen'}
_VERSION_OPS = (('>=', operator.ge), ('<=', operator.le),
                ('==', operator.eq), ('!=', operator.ne),
                ('>', operator.gt), ('<', operator.lt))


def _canonical(value, aliases):
    if not value:
        return None
    value = str(value).strip().lower()
    return aliases.get(value, value)


def requested(properties: dict) -> tuple:
    """The (arch, hv type, vm mode) an image asks for (None = any)."""
    return (
        _canonical(properties.get('hw_architecture') or
                   properties.get('architecture'), _ARCH_ALIASES),
        _canonical(properties.get('img_hv_type') or
                   properties.get('hypervisor_type'), _HV_ALIASES),
        _canonical(properties.get('hw_vm_mode') or
                   properties.get('vm_mode'), _VM_MODE_ALIASES))


def version_satisfies(version: int, predicate: str) -> bool:
    """``predicate`` like ``>=2.6`` or ``>=2.6, <3.0`` against an
    encoded hypervisor version (major*1e6 + minor*1e3 + release)."""
    have = versionutils.convert_version_to_tuple(
        versionutils.convert_version_to_str(version))
    for clause in predicate.split(','):
        clause = clause.strip()
        for symbol, compare in _VERSION_OPS:
            if clause.startswith(symbol):
                wanted = versionutils.convert_version_to_tuple(
                    clause[len(symbol):].strip())
                if not compare(have, wanted):
                    return False
                break
        else:
            return False
    return True


def _supported(host_state, wanted, version_required) -> bool:
    if not any(wanted):
        return True
    supported = host_state.supported_instances
    if not supported:
        return False
    for offer in supported:
        canonical = (_canonical(offer[0], _ARCH_ALIASES),
                     _canonical(offer[1], _HV_ALIASES),
                     _canonical(offer[2], _VM_MODE_ALIASES))
        if all(w is None or w == c for w, c in zip(wanted, canonical)):
            if not (version_required and host_state.hypervisor_version):
                return True
            try:
                if version_satisfies(host_state.hypervisor_version,
                                     version_required):
                    return True
            except ValueError:
                return False
    return False


class ImagePropertiesFilter(filters.BaseHostFilter):
    run_filter_once_per_request = True

    @staticmethod
    def _request(spec_obj):
        image = filters.spec_value(spec_obj, 'image')
        properties = (filters.spec_value(image, 'properties', {})
                      if image is not None else {}) or {}
        return requested(properties), properties.get(
            'img_hv_requested_version')

    def applies(self, spec_obj) -> bool:
        return any(self._request(spec_obj)[0])

    def host_passes(self, host_state, spec_obj) -> bool:
        wanted, version = self._request(spec_obj)
        return _supported(host_state, wanted, version)

    def filter_all(self, host_states, spec_obj):
        wanted, version = self._request(spec_obj)
        if not any(wanted):
            return list(host_states)
        return [host for host in host_states
                if _supported(host, wanted, version)]
