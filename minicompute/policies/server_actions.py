"""Policies of POST /servers/{server_id}/action, under Nova's rule names.

Every action is for the server's project or an admin; overriding another
project's lock is for admins only.
"""
from oslo_policy import policy

from minicompute.policies import base

ACTION_PATH = '/servers/{server_id}/action (%s)'

# Body key -> rule name, as Nova names them.
RULES = {
    'reboot': 'os_compute_api:servers:reboot',
    'rebuild': 'os_compute_api:servers:rebuild',
    'os-stop': 'os_compute_api:servers:stop',
    'os-start': 'os_compute_api:servers:start',
    'pause': 'os_compute_api:os-pause-server:pause',
    'unpause': 'os_compute_api:os-pause-server:unpause',
    'suspend': 'os_compute_api:os-suspend-server:suspend',
    'resume': 'os_compute_api:os-suspend-server:resume',
    'lock': 'os_compute_api:os-lock-server:lock',
    'unlock': 'os_compute_api:os-lock-server:unlock',
    'trigger_crash_dump': 'os_compute_api:servers:trigger_crash_dump',
    'os-getConsoleOutput': 'os_compute_api:os-console-output',
}
UNLOCK_OVERRIDE = 'os_compute_api:os-lock-server:unlock:unlock_override'

_DESCRIPTIONS = {
    'reboot': 'Reboot a server (SOFT or HARD).',
    'rebuild': 'Rebuild a server from an image on its host.',
    'os-stop': 'Stop (power off) a server.',
    'os-start': 'Start (power on) a stopped server.',
    'pause': 'Pause a server.',
    'unpause': 'Unpause a paused server.',
    'suspend': 'Suspend a server (save its memory and stop it).',
    'resume': 'Resume a suspended server.',
    'lock': 'Lock a server against actions by non-admin users.',
    'unlock': 'Unlock a locked server.',
    'trigger_crash_dump': 'Trigger a crash dump in a server (an NMI to '
                          'the guest; microversion 2.17).',
    'os-getConsoleOutput': "Show the tail of a server's console log.",
}


def _action_rule(key: str) -> policy.DocumentedRuleDefault:
    return policy.DocumentedRuleDefault(
        RULES[key], base.PROJECT_MEMBER_OR_ADMIN, _DESCRIPTIONS[key],
        [{'method': 'POST', 'path': ACTION_PATH % key}])


rules = [_action_rule(key) for key in RULES] + [
    policy.DocumentedRuleDefault(
        UNLOCK_OVERRIDE, base.ADMIN,
        'Unlock a server of another project (a lock an admin set).',
        [{'method': 'POST', 'path': ACTION_PATH % 'unlock'}]),
]


def list_rules():
    return rules
