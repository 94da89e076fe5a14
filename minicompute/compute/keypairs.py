"""Key pairs: generate or import an ssh key (or, from microversion 2.2,
an x509 certificate), fingerprint it as Nova does, and keep it per user
under the ``key_pairs`` quota of that user.

Usage::

    api = KeypairAPI(conf)
    keypair, private_key = api.create_key_pair(context, user_id, 'mykey')
    keypair = api.import_key_pair(context, user_id, 'other',
                                  'ssh-ed25519 AAAA...')
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import string

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from minicompute import exception
from minicompute.compute import keypair_x509, quota
from minicompute.db import keypairs_api

KEY_TYPE_SSH = 'ssh'
KEY_TYPE_X509 = 'x509'
RSA_BITS = 2048
_SAFE_CHARS = frozenset('_- ' + string.digits + string.ascii_letters)


def generate_fingerprint(public_key: str) -> str:
    """MD5 of the decoded key blob, colon-separated hex (Nova's format).

    :raises: InvalidKeypair if ``public_key`` is not an ssh public key
    """
    try:
        key = serialization.load_ssh_public_key(public_key.encode('utf-8'))
        blob = key.public_bytes(serialization.Encoding.OpenSSH,
                                serialization.PublicFormat.OpenSSH)
        raw = base64.b64decode(blob.split(b' ')[1])
    except (ValueError, IndexError, UnicodeEncodeError,
            UnsupportedAlgorithm, binascii.Error):
        raise exception.InvalidKeypair(
            reason='failed to generate fingerprint')
    digest = hashlib.md5(raw, usedforsecurity=False).hexdigest()
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


def generate_key_pair(bits: int = RSA_BITS) -> tuple[str, str, str]:
    """A new RSA key: (private key PEM, OpenSSH public key, fingerprint)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    private_key = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode()
    public_key = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode()
    public_key += ' Generated-by-Minicompute'
    return private_key, public_key, generate_fingerprint(public_key)


def validate_name(name: str) -> None:
    """Nova's rule: letters, digits, '_', '-' and spaces, 1-255 long."""
    if not isinstance(name, str) or not 1 <= len(name) <= 255:
        raise exception.InvalidKeypair(
            reason='Keypair name must be string and between 1 and 255 '
                   'characters long')
    if any(char not in _SAFE_CHARS for char in name):
        raise exception.InvalidKeypair(
            reason='Keypair name contains unsafe characters')


class KeypairAPI:
    def __init__(self, conf):
        self.conf = conf

    def _check(self, context, user_id: str, name: str) -> None:
        validate_name(name)
        quota.check_key_pairs(self.conf, context, user_id=user_id)

    def _create(self, context, user_id: str, name: str, public_key: str,
                fingerprint: str, key_type: str) -> dict:
        keypair = keypairs_api.key_pair_create({
            'name': name, 'user_id': user_id, 'fingerprint': fingerprint,
            'public_key': public_key, 'type': key_type})
        # Recheck as Nova does: concurrent creates may both have passed
        # the first check; the one that finds itself over the limit leaves.
        try:
            quota.recheck_key_pairs(self.conf, context, user_id=user_id)
        except exception.KeypairLimitExceeded:
            keypairs_api.key_pair_destroy(user_id, name)
            raise
        return keypair

    def import_key_pair(self, context, user_id: str, name: str,
                        public_key: str,
                        key_type: str = KEY_TYPE_SSH) -> dict:
        """An ssh public key, or a PEM certificate for ``x509``.

        :raises: InvalidKeypair, KeypairLimitExceeded, KeyPairExists
        """
        self._check(context, user_id, name)
        if key_type == KEY_TYPE_X509:
            fingerprint = keypair_x509.generate_fingerprint(public_key)
        else:
            fingerprint = generate_fingerprint(public_key)
        return self._create(context, user_id, name, public_key, fingerprint,
                            key_type)

    def create_key_pair(self, context, user_id: str, name: str,
                        key_type: str = KEY_TYPE_SSH) -> tuple[dict, str]:
        """A generated key; the private half is returned, never stored."""
        self._check(context, user_id, name)
        if key_type == KEY_TYPE_X509:
            private_key, public_key, fingerprint = \
                keypair_x509.generate_certificate(user_id)
        else:
            private_key, public_key, fingerprint = generate_key_pair()
        keypair = self._create(context, user_id, name, public_key, fingerprint,
                               key_type)
        return keypair, private_key

    def get_key_pairs(self, context, user_id: str, limit: int | None = None,
                      marker: str | None = None) -> list[dict]:
        """By name; ``marker`` is the name the page starts after.

        :raises: Invalid (no key pair named ``marker``)
        """
        return keypairs_api.key_pair_get_all_by_user(user_id, limit=limit,
                                                     marker=marker)

    def get_key_pair(self, context, user_id: str, name: str) -> dict:
        return keypairs_api.key_pair_get(user_id, name)

    def delete_key_pair(self, context, user_id: str, name: str) -> None:
        keypairs_api.key_pair_destroy(user_id, name)
