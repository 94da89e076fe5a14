"""Query-string schemas for /os-simple-tenant-usage, by microversion:
2.40 adds ``limit`` and ``marker``; from 2.75 anything else is refused."""
from __future__ import annotations

import copy

from minicompute.api.openstack.compute.schemas import parameter_types as pt

_text = pt.multi_params({'type': 'string'})

index_query = {
    'type': 'object',
    'properties': {'start': _text, 'end': _text, 'detailed': _text},
    'additionalProperties': True,
}

show_query = {
    'type': 'object',
    'properties': {'start': _text, 'end': _text},
    'additionalProperties': True,
}

_paging = {'limit': pt.multi_params(pt.non_negative_integer),
           'marker': pt.multi_params({'type': 'string'})}


def _with(schema: dict, properties: dict | None = None,
          strict: bool = False) -> dict:
    result = copy.deepcopy(schema)
    result['properties'].update(properties or {})
    if strict:
        result['additionalProperties'] = False
    return result


index_query_v240 = _with(index_query, _paging)
show_query_v240 = _with(show_query, _paging)
index_query_v275 = _with(index_query_v240, strict=True)
show_query_v275 = _with(show_query_v240, strict=True)

INDEX_QUERY = {'2.1': index_query, '2.40': index_query_v240,
               '2.75': index_query_v275}
SHOW_QUERY = {'2.1': show_query, '2.40': show_query_v240,
              '2.75': show_query_v275}
