"""Request schemas for POST /servers/{id}/action, one per action key.

The body has exactly one key, the action's name; ``SCHEMAS`` maps it to
the schema of the whole body, or to ``{microversion: schema}`` when the
body changes with the microversion.
"""
from minicompute.api.openstack.compute.schemas import servers


def _no_argument(action: str) -> dict:
    """``{"<action>": null}``, as the clients send it."""
    return {
        'type': 'object',
        'properties': {action: {'type': 'null'}},
        'required': [action],
        'additionalProperties': False,
    }


def _any_argument(action: str) -> dict:
    """``{"<action>": <anything>}``: Nova does not look at the value."""
    return {
        'type': 'object',
        'properties': {action: {}},
        'required': [action],
        'additionalProperties': False,
    }


def _object_argument(action: str, properties: dict,
                     required: list | None = None,
                     nullable: bool = False) -> dict:
    argument = {
        'type': ['object', 'null'] if nullable else 'object',
        'properties': properties,
        'additionalProperties': False,
    }
    if required:
        argument['required'] = required
    return {
        'type': 'object',
        'properties': {action: argument},
        'required': [action],
        'additionalProperties': False,
    }


reboot = _object_argument('reboot', {
    'type': {'type': 'string',
             'enum': ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']},
}, required=['type'])

get_console_output = _object_argument('os-getConsoleOutput', {
    # Nova: an integer or a string of one; -1 or null means everything.
    'length': {'type': ['integer', 'string', 'null'],
               'pattern': '^-?[0-9]+$', 'minimum': -1},
})


# Below microversion 2.73 Nova ignores the lock's argument, whatever it
# is; from 2.73 it is null or an object with an optional locked_reason.
lock = _any_argument('lock')
lock_v273 = _object_argument('lock', {
    'locked_reason': {'type': 'string', 'minLength': 1, 'maxLength': 255},
}, nullable=True)

trigger_crash_dump = _no_argument('trigger_crash_dump')

SCHEMAS = {
    'reboot': reboot,
    # Per microversion, with create's (as Nova keeps them together).
    'rebuild': servers.REBUILD,
    'os-getConsoleOutput': get_console_output,
    'lock': {'2.1': lock, '2.73': lock_v273},
    'unlock': _any_argument('unlock'),
    'trigger_crash_dump': trigger_crash_dump,
    'os-stop': _no_argument('os-stop'),
    'os-start': _no_argument('os-start'),
    'pause': _no_argument('pause'),
    'unpause': _no_argument('unpause'),
    'suspend': _no_argument('suspend'),
    'resume': _no_argument('resume'),
}
