"""Request schemas for POST /servers/{id}/action, one per action key.

The body has exactly one key, the action's name; ``SCHEMAS`` maps it to
the schema of the whole body.
"""
from minicompute.api.openstack.compute.schemas import parameter_types


def _no_argument(action: str) -> dict:
    """``{"<action>": null}``, as the clients send it."""
    return {
        'type': 'object',
        'properties': {action: {'type': 'null'}},
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

rebuild = _object_argument('rebuild', {
    'imageRef': parameter_types.image_ref,
    'name': parameter_types.name,
    'metadata': parameter_types.metadata,
    'adminPass': {'type': 'string'},
    'OS-DCF:diskConfig': {'type': 'string', 'enum': ['AUTO', 'MANUAL']},
}, required=['imageRef'])

get_console_output = _object_argument('os-getConsoleOutput', {
    # Nova: an integer or a string of one; -1 or null means everything.
    'length': {'type': ['integer', 'string', 'null'],
               'pattern': '^-?[0-9]+$', 'minimum': -1},
})

# Lock takes no argument below microversion 2.73 (locked_reason); an
# empty object is accepted too.
lock = _object_argument('lock', {}, nullable=True)

SCHEMAS = {
    'reboot': reboot,
    'rebuild': rebuild,
    'os-getConsoleOutput': get_console_output,
    'lock': lock,
    'unlock': _no_argument('unlock'),
    'os-stop': _no_argument('os-stop'),
    'os-start': _no_argument('os-start'),
    'pause': _no_argument('pause'),
    'unpause': _no_argument('unpause'),
    'suspend': _no_argument('suspend'),
    'resume': _no_argument('resume'),
}
