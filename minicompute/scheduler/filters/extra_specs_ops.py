"""Nova's extra-spec comparison operators, shared by
ComputeCapabilitiesFilter and AggregateInstanceExtraSpecsFilter.

A requirement is ``"<op> <operand>"`` or a bare value (string equality):

======== ==================================================
``=``     numeric: the value is at least the operand
``==``    numeric equality; ``!=`` numeric inequality
``>=``    numeric; ``<=`` numeric
``s==``   string equality; also ``s!=``, ``s<``, ``s<=``, ``s>``, ``s>=``
``<in>``  the operand is a substring of the value
``<all-in>`` every listed operand is in the value (a list)
``<or>``  ``<or> a <or> b``: the value equals one of them
======== ==================================================
"""
from __future__ import annotations

import operator

from oslo_utils import strutils

_STRING_OPS = {
    's==': operator.eq, 's!=': operator.ne, 's<': operator.lt,
    's<=': operator.le, 's>': operator.gt, 's>=': operator.ge,
}
_NUMBER_OPS = {
    '=': operator.ge, '==': operator.eq, '!=': operator.ne,
    '>=': operator.ge, '<=': operator.le,
}


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def match(value, requirement) -> bool:
    """True if the host's ``value`` satisfies ``requirement``."""
    if requirement is None:
        return False
    words = str(requirement).split()
    if not words:
        return value == requirement
    op = words[0]
    if op == '<or>':
        return str(value) in words[1::2]
    if op == '<in>':
        return len(words) > 1 and ' '.join(words[1:]) in str(value)
    if op == '<all-in>':
        have = value if isinstance(value, (list, set, tuple)) else \
            str(value).split()
        have = {str(v) for v in have}
        return len(words) > 1 and all(w in have for w in words[1:])
    if op in _STRING_OPS:
        return len(words) > 1 and _STRING_OPS[op](str(value),
                                                  ' '.join(words[1:]))
    if op in _NUMBER_OPS:
        wanted = _number(words[1]) if len(words) > 1 else None
        have = _number(value)
        if wanted is None or have is None:
            return False
        return _NUMBER_OPS[op](have, wanted)
    # A bare value: booleans compare as booleans, the rest as strings.
    if isinstance(value, bool):
        return value == strutils.bool_from_string(requirement)
    return str(value) == str(requirement)
