"""x509 key pairs (microversion 2.2): the certificates Nova hands out for
password-less WinRM logins to Windows guests.

Nova shells out to ``openssl``; the same certificate is built here with
the ``cryptography`` package: self-signed, ``CN=<user_id>``, ten years,
client-auth only, and the user's UPN (``<user_id>@localhost``) as a
subjectAltName otherName, which is what Windows maps to an account.

Usage::

    private_key, certificate, fingerprint = generate_certificate('alice')
    fingerprint = generate_fingerprint(certificate)     # an imported one
"""
from __future__ import annotations

import base64
import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from minicompute import exception

RSA_BITS = 2048
VALID_DAYS = 3650
# Microsoft's User Principal Name otherName.
UPN_OID = x509.ObjectIdentifier('1.3.6.1.4.1.311.20.2.3')


def generate_fingerprint(pem_certificate: str) -> str:
    """SHA-1 of the DER certificate, colon-separated hex (Nova's format).

    :raises: InvalidKeypair if ``pem_certificate`` is not a PEM certificate
    """
    try:
        cert = x509.load_pem_x509_certificate(
            pem_certificate.encode('utf-8'))
    except (ValueError, TypeError, UnicodeEncodeError) as error:
        raise exception.InvalidKeypair(
            reason='failed to generate X509 fingerprint. Error message: '
                   '%s' % error)
    digest = cert.fingerprint(hashes.SHA1()).hex()
    return ':'.join(digest[i:i + 2] for i in range(0, len(digest), 2))


def _der_utf8_string(text: str) -> bytes:
    """A DER UTF8String: the value an otherName carries."""
    data = text.encode('utf-8')
    length = len(data)
    if length < 0x80:
        encoded_length = bytes([length])
    else:
        size = (length.bit_length() + 7) // 8
        encoded_length = bytes([0x80 | size]) + length.to_bytes(size, 'big')
    return b'\x0c' + encoded_length + data


def generate_certificate(user_id: str, bits: int = RSA_BITS
                         ) -> tuple[str, str, str]:
    """(private key, PEM certificate, fingerprint) for ``user_id``.

    The private key is what Nova returns: the key and certificate as a
    base64 PKCS#12 bundle with an empty password.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, user_id)])
    now = datetime.datetime.now(datetime.timezone.utc)
    upn = x509.OtherName(UPN_OID, _der_utf8_string('%s@localhost' % user_id))
    cert = (x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
            .add_extension(x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .add_extension(x509.SubjectAlternativeName([upn]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    certificate = cert.public_bytes(serialization.Encoding.PEM).decode()
    # cryptography refuses to encrypt with an empty password; an
    # unencrypted bundle opens with the empty one all the same.
    bundle = pkcs12.serialize_key_and_certificates(
        None, key, cert, None, serialization.NoEncryption())
    private_key = base64.b64encode(bundle).decode('ascii')
    return private_key, certificate, generate_fingerprint(certificate)
