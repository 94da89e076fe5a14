"""Key pair generation, fingerprints and name rules
(minicompute/compute/keypairs.py)."""
from cryptography.hazmat.primitives import serialization
import pytest

from minicompute import exception
from minicompute.compute import keypairs

# ssh-keygen -l -E md5 of each key, as Nova's fingerprint must match it.
KEYS = [
    ('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBDEUvNNTKz0aIWHBl7T2iNNgYgxxdvh'
     'MWFvXmxODw9n test@example',
     'dd:cd:66:3f:1b:4e:9b:c7:b3:cf:e4:0e:c9:de:9b:03'),
]


@pytest.mark.parametrize('public_key, fingerprint', KEYS)
def test_fingerprint_is_md5_of_the_key_blob(public_key, fingerprint):
    assert keypairs.generate_fingerprint(public_key) == fingerprint
    # The comment is not part of the key.
    without_comment = public_key.rsplit(' ', 1)[0]
    assert keypairs.generate_fingerprint(without_comment) == fingerprint


@pytest.mark.parametrize('public_key', [
    '', 'garbage', 'ssh-rsa', 'ssh-rsa AAAA', 'ssh-rsa ???',
    'ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAABAQC3',
    '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----',
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBDEUvNNTKz0aIWHBl7T2iNN\u00e9',
])
def test_invalid_public_keys_are_refused(public_key):
    with pytest.raises(exception.InvalidKeypair) as raised:
        keypairs.generate_fingerprint(public_key)
    assert raised.value.code == 400
    assert str(raised.value) == \
        'Keypair data is invalid: failed to generate fingerprint'


def test_generated_key_pair_is_consistent():
    private_pem, public_key, fingerprint = keypairs.generate_key_pair(
        bits=1024)
    private = serialization.load_pem_private_key(private_pem.encode(),
                                                 password=None)
    assert private_pem.startswith('-----BEGIN RSA PRIVATE KEY-----')
    derived = private.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode()
    assert public_key.startswith(derived + ' ')
    assert keypairs.generate_fingerprint(public_key) == fingerprint


@pytest.mark.parametrize('name', ['a', 'my key', 'key_1-2', 'x' * 255])
def test_valid_names(name):
    keypairs.validate_name(name)


@pytest.mark.parametrize('name, reason', [
    ('', 'Keypair name must be string and between 1 and 255 characters '
         'long'),
    ('x' * 256, 'Keypair name must be string and between 1 and 255 '
                'characters long'),
    ('a/b', 'Keypair name contains unsafe characters'),
    ('a.b', 'Keypair name contains unsafe characters'),
    ('caf\u00e9', 'Keypair name contains unsafe characters'),
])
def test_invalid_names(name, reason):
    with pytest.raises(exception.InvalidKeypair) as raised:
        keypairs.validate_name(name)
    assert str(raised.value) == 'Keypair data is invalid: %s' % reason


def test_api_quota_and_duplicates(conf, db, ctx):
    api = keypairs.KeypairAPI(conf)
    public_key = KEYS[0][0]
    api.import_key_pair(ctx, 'one', public_key)
    with pytest.raises(exception.KeyPairExists):
        api.import_key_pair(ctx, 'one', public_key)
    conf.set_override('key_pairs', 1, group='quota')
    with pytest.raises(exception.KeypairLimitExceeded) as raised:
        api.import_key_pair(ctx, 'two', public_key)
    assert raised.value.code == 403
    assert [k['name'] for k in api.get_key_pairs(ctx, ctx.user_id)] == \
        ['one']
    api.delete_key_pair(ctx, ctx.user_id, 'one')
    with pytest.raises(exception.KeypairNotFound):
        api.get_key_pair(ctx, ctx.user_id, 'one')


def test_recheck_removes_a_key_created_over_quota(conf, db, ctx,
                                                  monkeypatch):
    """Two creates racing past the first check: the second one to land
    finds itself over the limit on the recheck and is removed."""
    api = keypairs.KeypairAPI(conf)
    conf.set_override('key_pairs', 1, group='quota')
    api.import_key_pair(ctx, 'first', KEYS[0][0])
    real_check = keypairs.quota.check_key_pairs
    # The first check misses the concurrent key; the recheck sees it.
    monkeypatch.setattr(
        keypairs.quota, 'check_key_pairs',
        lambda conf, context, delta=1:
            real_check(conf, context, delta) if delta == 0 else None)
    with pytest.raises(exception.KeypairLimitExceeded):
        api.import_key_pair(ctx, 'racer', KEYS[0][0])
    assert [k['name'] for k in api.get_key_pairs(ctx, ctx.user_id)] == \
        ['first']
