"""JsonFilter: a host passes if the ``query`` scheduler hint, a JSON
expression over host state attributes, is true for it.

Example hint: ``["and", [">=", "$free_ram_mb", 1024],
["in", "$hypervisor_type", "QEMU", "kvm"]]``. Operators: ``=``, ``<``,
``>``, ``in``, ``<=``, ``>=``, ``not``, ``or``, ``and``; ``$name`` (or
``$name.key`` into dicts) reads the host state.
"""
from __future__ import annotations

import operator

from oslo_serialization import jsonutils

from minicompute.scheduler import filters


def _compare(op):
    """Nova's chained comparison: ``a op b op c``."""
    def run(args):
        if len(args) < 2:
            return False
        return all(op(args[i], args[i + 1]) for i in range(len(args) - 1))
    return run


_COMMANDS = {
    '=': _compare(operator.eq),
    '<': _compare(operator.lt),
    '>': _compare(operator.gt),
    '<=': _compare(operator.le),
    '>=': _compare(operator.ge),
    'in': lambda args: len(args) >= 2 and args[0] in args[1:],
    'not': lambda args: [not arg for arg in args],
    'or': lambda args: any(args),
    'and': all,
}


def _variable(host_state, name: str):
    """``$free_ram_mb`` or ``$stats.foo``: a host state attribute."""
    return filters.host_attribute(host_state, name[1:].split('.'))


def evaluate(query, host_state):
    """Evaluate one query expression; unknown operators are an error."""
    if not query:
        return True
    command, args = query[0], query[1:]
    values = []
    for arg in args:
        if isinstance(arg, list):
            arg = evaluate(arg, host_state)
        elif isinstance(arg, str) and arg.startswith('$'):
            arg = _variable(host_state, arg)
        if arg is None:
            # A missing attribute makes the comparison meaningless; Nova
            # skips it rather than failing the host.
            continue
        values.append(arg)
    method = _COMMANDS.get(command)
    if method is None:
        return False
    return method(values)


class JsonFilter(filters.BaseHostFilter):
    run_filter_once_per_request = True

    @staticmethod
    def _query(spec_obj):
        query = filters.scheduler_hint(spec_obj, 'query')
        if not query:
            return None
        return jsonutils.loads(query) if isinstance(query, str) else query

    def applies(self, spec_obj) -> bool:
        return bool(filters.scheduler_hint(spec_obj, 'query'))

    @staticmethod
    def _passes(query, host_state) -> bool:
        result = evaluate(query, host_state)
        if isinstance(result, list):
            return any(result)
        return bool(result)

    def host_passes(self, host_state, spec_obj) -> bool:
        query = self._query(spec_obj)
        return query is None or self._passes(query, host_state)

    def filter_all(self, host_states, spec_obj):
        query = self._query(spec_obj)
        if query is None:
            return list(host_states)
        return [host for host in host_states if self._passes(query, host)]
