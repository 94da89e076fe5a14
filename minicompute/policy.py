"""oslo.policy enforcement: one enforcer per process, defaults from
``minicompute.policies``, overridable by a policy file.
"""
from __future__ import annotations

import threading

from oslo_policy import policy

from minicompute import exception, policies

_ENFORCER = None
_LOCK = threading.Lock()


def get_enforcer(conf=None) -> policy.Enforcer:
    """Also the entry point oslopolicy-* tools use."""
    global _ENFORCER
    with _LOCK:
        if _ENFORCER is None:
            if conf is None:
                from minicompute.conf import CONF as conf
            _ENFORCER = policy.Enforcer(conf)
            _ENFORCER.register_defaults(policies.list_rules())
        return _ENFORCER


def reset() -> None:
    global _ENFORCER
    with _LOCK:
        _ENFORCER = None


def authorize(context, action: str, target: dict | None = None,
              fatal: bool = True) -> bool:
    """Check ``action``; the default target is the caller's own project."""
    target = target or {'project_id': context.project_id,
                        'user_id': context.user_id}
    credentials = context.to_policy_values()
    credentials['is_admin'] = context.is_admin
    try:
        return get_enforcer().authorize(
            action, target, credentials, do_raise=fatal,
            exc=exception.PolicyNotAuthorized, action=action)
    except policy.PolicyNotRegistered:
        raise exception.PolicyNotAuthorized(action=action)
