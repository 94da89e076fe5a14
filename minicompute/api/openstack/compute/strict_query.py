"""Unknown query parameters: ignored before microversion 2.75, a 400 from
it (Nova's query schemas switch to ``additionalProperties: false``).

Usage::

    strict_query.check(request, ('user_id', 'limit', 'marker'))
"""
from __future__ import annotations

from collections.abc import Iterable

from minicompute.api import validation

STRICT_FROM = '2.75'


def check(request, known: Iterable[str]) -> None:
    """From 2.75, 400 with jsonschema's message if the query string names
    a parameter outside ``known``."""
    if not request.is_at_least(STRICT_FROM):
        return
    schema = {'type': 'object',
              'properties': {name: {} for name in known},
              'additionalProperties': False}
    validation.validate({name: request.GET.getall(name)
                         for name in request.GET}, schema)
