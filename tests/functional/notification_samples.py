"""The notification samples in doc/notification_samples/, Nova's layout:
one file per event whose payload is ``{"$ref": "common_payloads/<Payload>
.json#", "nova_object.data": {<what differs>}}``, the common payloads
referring to their parents the same way.

``load`` resolves a sample; ``normalize`` replaces what varies from run to
run (uuids, times, hosts, request ids) with fixed placeholders of the same
JSON type, so that a notification matches its sample when
``normalize(notification) == load(name)``: same keys at every level, same
types, same values for everything that does not vary. ``write`` makes the
sample files from captured notifications (tools/generate-notification-
samples.sh), so the samples are what the services really send.
"""
from __future__ import annotations

import copy
import json
import pathlib

SAMPLES_DIR = (pathlib.Path(__file__).resolve().parents[2] / 'doc' /
               'notification_samples')
COMMON = 'common_payloads'

# Values that differ between runs, by key, and what a sample shows instead
# (a string placeholder stands only for a string, so types still compare).
_UUID = '6f1a3b52-3c5e-4d2a-9a57-0c2f4b8e7d11'
_TIME = '2026-01-01T12:00:00Z'
VARYING = {
    'uuid': _UUID,
    'image_uuid': 'a2a5f8de-6b43-47f1-8c34-7f1e1d3c9b20',
    'created_at': _TIME, 'updated_at': _TIME, 'launched_at': _TIME,
    'terminated_at': _TIME, 'deleted_at': _TIME, 'last_seen_up': _TIME,
    'audit_period_beginning': '2026-01-01T00:00:00Z',
    'audit_period_ending': _TIME,
    'host': 'compute1', 'node': 'compute1',
    'request_id': 'req-5b6c791d-5709-4f36-8fbe-c3e02869e35d',
    'reservation_id': 'r-2a4b6c8d',
    'instance_name': 'instance-00000001',
    'fingerprint': '5c:1f:8e:3a:7b:22:90:4d:aa:13:6e:0f:c1:77:28:b9',
    'public_key': 'ssh-rsa AAAA... notifier@minicompute',
    'traceback': 'Traceback (most recent call last):\n  File ...',
    'report_count': 1,
    # A service's SERVICE_VERSION: bumped with every RPC API change.
    'version': 1,
}


def _update(base: dict, overrides: dict) -> None:
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _update(base[key], value)
        else:
            base[key] = value


def resolve(value, base_dir: pathlib.Path):
    """``value`` with every ``{"$ref": file, ...overrides}`` replaced by
    the file's resolved content, the overrides merged in recursively."""
    if isinstance(value, list):
        return [resolve(item, base_dir) for item in value]
    if not isinstance(value, dict):
        return value
    if '$ref' in value:
        ref = value['$ref'].split('#', 1)[0]
        path = base_dir / ref
        target = resolve(json.loads(path.read_text()), path.parent)
        overrides = {k: v for k, v in value.items() if k != '$ref'}
        _update(target, resolve(overrides, base_dir))
        return target
    return {key: resolve(item, base_dir) for key, item in value.items()}


def load(name: str) -> dict:
    """The resolved sample ``doc/notification_samples/<name>.json``."""
    path = SAMPLES_DIR / ('%s.json' % name)
    return resolve(json.loads(path.read_text()), SAMPLES_DIR)


def _publisher(publisher_id: str) -> str:
    source, _sep, _host = publisher_id.partition(':')
    return '%s:%s' % (source, 'compute1' if source ==
                      'minicompute-compute' else 'controller')


def _normalize(value, key=None):
    if isinstance(value, dict):
        return {k: _normalize(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalize(item) for item in value]
    placeholder = VARYING.get(key)
    if placeholder is not None and type(value) is type(placeholder):
        return placeholder
    return value


def normalize(notification: dict) -> dict:
    """A notification as samples show it (see VARYING)."""
    return {'event_type': notification['event_type'],
            'priority': notification['priority'],
            'publisher_id': _publisher(notification['publisher_id']),
            'payload': _normalize(notification['payload'])}


def differences(expected, actual, path: str = '') -> list[str]:
    """Where ``actual`` departs from ``expected``, one line each."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = []
        for key in sorted(set(expected) | set(actual)):
            where = '%s.%s' % (path, key) if path else key
            if key not in actual:
                found.append('%s: missing' % where)
            elif key not in expected:
                found.append('%s: not in the sample (%r)' % (
                    where, actual[key]))
            else:
                found += differences(expected[key], actual[key], where)
        return found
    if isinstance(expected, list) and isinstance(actual, list) and \
            len(expected) == len(actual):
        found = []
        for index, (exp, act) in enumerate(zip(expected, actual)):
            found += differences(exp, act, '%s[%d]' % (path, index))
        return found
    if type(expected) is not type(actual) or expected != actual:
        return ['%s: sample has %r, the service sent %r' % (
            path, expected, actual)]
    return []


# -- writing -----------------------------------------------------------------

def _data(payload: dict) -> dict:
    return payload['nova_object.data']


def _diff(data: dict, base: dict) -> dict:
    return {key: value for key, value in data.items()
            if key not in base or base[key] != value}


def _write(path: pathlib.Path, value: dict) -> None:
    path.write_text(json.dumps(value, indent=4, sort_keys=True) + '\n')


def write(captured: dict[str, dict], common: dict[str, str],
          directory: pathlib.Path = SAMPLES_DIR) -> None:
    """Write a sample per captured notification and the common payloads.

    :param captured: sample name -> the notification as received
    :param common: payload name -> the sample whose payload is its model
        (InstancePayload is modelled on an InstanceActionPayload, without
        the fault)
    """
    (directory / COMMON).mkdir(parents=True, exist_ok=True)
    normal = {name: normalize(n) for name, n in captured.items()}
    payloads = {}                 # payload name -> resolved model

    def model(payload_name):
        return copy.deepcopy(normal[common[payload_name]]['payload'])

    # FlavorPayload, then InstancePayload referring to it.
    action = model('InstanceActionPayload')
    flavor = _data(action)['flavor']
    _write(directory / COMMON / 'FlavorPayload.json', flavor)
    payloads['FlavorPayload'] = flavor
    instance = copy.deepcopy(action)
    del _data(instance)['fault']
    instance['nova_object.name'] = 'InstancePayload'
    payloads['InstancePayload'] = copy.deepcopy(instance)
    _data(instance)['flavor'] = {'$ref': 'FlavorPayload.json#'}
    _write(directory / COMMON / 'InstancePayload.json', instance)

    parents = {'InstanceActionPayload': 'InstancePayload',
               'InstanceUpdatePayload': 'InstancePayload',
               'InstanceCreatePayload': 'InstanceActionPayload',
               'InstanceActionRebuildPayload': 'InstanceActionPayload',
               'ServiceStatusPayload': None}
    for name, parent in parents.items():
        payload = model(name)
        payloads[name] = payload
        if parent is None:
            _write(directory / COMMON / ('%s.json' % name), payload)
            continue
        base = payloads[parent]
        sample = {'$ref': '%s.json#' % parent,
                  'nova_object.data': _diff(_data(payload), _data(base))}
        for key in ('nova_object.name', 'nova_object.namespace',
                    'nova_object.version'):
            if payload[key] != base[key]:
                sample[key] = payload[key]
        _write(directory / COMMON / ('%s.json' % name), sample)

    for name, notification in normal.items():
        payload = notification['payload']
        kind = payload['nova_object.name']
        overrides = _diff(_data(payload), _data(payloads[kind]))
        sample_payload = {'$ref': '%s/%s.json#' % (COMMON, kind)}
        if overrides:
            sample_payload['nova_object.data'] = overrides
        _write(directory / ('%s.json' % name),
               dict(notification, payload=sample_payload))
