"""Key pair generation, fingerprints and name rules
(minicompute/compute/keypairs.py, keypair_x509.py)."""
import base64

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
import pytest

from minicompute import exception
from minicompute.compute import keypair_x509, keypairs

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
    api.import_key_pair(ctx, ctx.user_id, 'one', public_key)
    with pytest.raises(exception.KeyPairExists):
        api.import_key_pair(ctx, ctx.user_id, 'one', public_key)
    conf.set_override('key_pairs', 1, group='quota')
    with pytest.raises(exception.KeypairLimitExceeded) as raised:
        api.import_key_pair(ctx, ctx.user_id, 'two', public_key)
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
    api.import_key_pair(ctx, ctx.user_id, 'first', KEYS[0][0])
    real_check = keypairs.quota.check_key_pairs
    # The first check misses the concurrent key; the recheck sees it.
    monkeypatch.setattr(
        keypairs.quota, 'check_key_pairs',
        lambda conf, context, delta=1, user_id=None:
            real_check(conf, context, delta, user_id) if delta == 0
            else None)
    with pytest.raises(exception.KeypairLimitExceeded):
        api.import_key_pair(ctx, ctx.user_id, 'racer', KEYS[0][0])
    assert [k['name'] for k in api.get_key_pairs(ctx, ctx.user_id)] == \
        ['first']


def test_x509_certificate_is_nova_shaped():
    """CN and UPN of the user, client auth only, the PKCS#12 bundle as the
    private key, and a SHA-1 fingerprint of the certificate."""
    private_key, pem, fingerprint = keypair_x509.generate_certificate(
        'alice', bits=1024)
    cert = x509.load_pem_x509_certificate(pem.encode())
    assert cert.subject.get_attributes_for_oid(
        NameOID.COMMON_NAME)[0].value == 'alice'
    assert cert.issuer == cert.subject
    usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert list(usage.value) == [ExtendedKeyUsageOID.CLIENT_AUTH]
    names = cert.extensions.get_extension_for_class(
        x509.SubjectAlternativeName).value
    upn, = names.get_values_for_type(x509.OtherName)
    assert upn.type_id == keypair_x509.UPN_OID
    assert upn.value == b'\x0c\x0falice@localhost'
    key, bundled, _ = pkcs12.load_key_and_certificates(
        base64.b64decode(private_key), b'')
    assert bundled == cert and key is not None
    digest = cert.fingerprint(hashes.SHA1()).hex()
    assert fingerprint == ':'.join(digest[i:i + 2] for i in range(0, 40, 2))
    assert keypair_x509.generate_fingerprint(pem) == fingerprint


def test_der_length_of_a_long_upn():
    encoded = keypair_x509._der_utf8_string('u' * 200)
    assert encoded[:3] == b'\x0c\x81\xc8' and len(encoded) == 203


@pytest.mark.parametrize('pem', ['', 'not a cert', KEYS[0][0]])
def test_invalid_x509_certificates_are_refused(pem):
    with pytest.raises(exception.InvalidKeypair) as raised:
        keypair_x509.generate_fingerprint(pem)
    assert str(raised.value).startswith(
        'Keypair data is invalid: failed to generate X509 fingerprint. '
        'Error message: ')


def test_api_x509_create_and_import(conf, db, ctx):
    api = keypairs.KeypairAPI(conf)
    created, private_key = api.create_key_pair(ctx, ctx.user_id, 'cert',
                                               'x509')
    assert created['type'] == 'x509'
    assert created['public_key'].startswith('-----BEGIN CERTIFICATE-----')
    assert len(created['fingerprint'].split(':')) == 20
    imported = api.import_key_pair(ctx, ctx.user_id, 'again',
                                   created['public_key'], 'x509')
    assert imported['fingerprint'] == created['fingerprint']
    # An ssh key is no certificate, and a certificate no ssh key.
    with pytest.raises(exception.InvalidKeypair):
        api.import_key_pair(ctx, ctx.user_id, 'bad', KEYS[0][0], 'x509')
    with pytest.raises(exception.InvalidKeypair):
        api.import_key_pair(ctx, ctx.user_id, 'bad', created['public_key'])


def test_api_other_user_counts_against_that_user(conf, db, ctx):
    """An admin creating for another user (2.10): the key is that user's
    and so is the quota."""
    api = keypairs.KeypairAPI(conf)
    conf.set_override('key_pairs', 1, group='quota')
    api.import_key_pair(ctx, 'bob', 'k', KEYS[0][0])
    api.import_key_pair(ctx, ctx.user_id, 'k', KEYS[0][0])
    with pytest.raises(exception.KeypairLimitExceeded):
        api.import_key_pair(ctx, 'bob', 'k2', KEYS[0][0])
    assert api.get_key_pair(ctx, 'bob', 'k')['user_id'] == 'bob'
    assert [k['name'] for k in api.get_key_pairs(ctx, 'bob')] == ['k']


def test_api_paging_by_name(conf, db, ctx):
    api = keypairs.KeypairAPI(conf)
    for name in ('c', 'a', 'b'):
        api.import_key_pair(ctx, ctx.user_id, name, KEYS[0][0])

    def names(**kwargs):
        return [k['name'] for k in api.get_key_pairs(ctx, ctx.user_id,
                                                     **kwargs)]
    assert names() == ['a', 'b', 'c']
    assert names(limit=2) == ['a', 'b']
    assert names(marker='a') == ['b', 'c']
    assert names(limit=1, marker='b') == ['c']
    assert names(limit=0) == []
    with pytest.raises(exception.Invalid) as raised:
        names(marker='nope')
    assert str(raised.value) == 'Marker nope could not be found.'
