"""Key pair bodies as Nova's API reference gives them: ``type`` from
microversion 2.2 in every body; ``keypairs_links`` on the list from 2.35.
"""
from __future__ import annotations

from minicompute.api.openstack import common

DATETIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%f'
TYPE_FROM = '2.2'


def _time(value):
    return value.strftime(DATETIME_FORMAT) if value else None


def _basic(request, keypair: dict) -> dict:
    body = {'name': keypair['name'], 'public_key': keypair['public_key'],
            'fingerprint': keypair['fingerprint']}
    if request.is_at_least(TYPE_FROM):
        body['type'] = keypair['type']
    return body


def create(request, keypair: dict, private_key: str | None = None) -> dict:
    """``private_key`` only when the key was generated."""
    body = _basic(request, keypair)
    body['user_id'] = keypair['user_id']
    if private_key is not None:
        body['private_key'] = private_key
    return {'keypair': body}


def index(request, keypairs: list[dict], limit: int | None = None) -> dict:
    """Each item wrapped in ``{"keypair": ...}``; a next link when a paged
    request (2.35) filled its page."""
    body = {'keypairs': [{'keypair': _basic(request, keypair)}
                         for keypair in keypairs]}
    if limit is not None:
        links = common.collection_links(request, 'os-keypairs', keypairs,
                                        limit, key='name')
        if links:
            body['keypairs_links'] = links
    return body


def show(request, keypair: dict) -> dict:
    # Key pairs are hard-deleted; Nova still shows the soft-delete fields.
    body = _basic(request, keypair)
    body.update({'user_id': keypair['user_id'], 'id': keypair['id'],
                 'created_at': _time(keypair['created_at']),
                 'updated_at': _time(keypair['updated_at']),
                 'deleted': False, 'deleted_at': None})
    return {'keypair': body}
