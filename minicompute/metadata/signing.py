"""The contract between a metadata proxy and the metadata service.

A proxy (one per network namespace) knows which instance a guest's
request comes from; it forwards the request with

    X-Instance-ID:            the instance uuid
    X-Tenant-ID:              the instance's project id
    X-Instance-ID-Signature:  hex HMAC-SHA256 of X-Instance-ID under
                              [metadata] metadata_proxy_shared_secret
    X-Forwarded-For:          the guest's address

exactly as Neutron's metadata agent signs for Nova. The service serves
only a correctly signed instance id whose project is X-Tenant-ID.

    headers = signed_headers(secret, instance_uuid, project_id, '10.0.0.5')
"""
from __future__ import annotations

import hashlib
import hmac

INSTANCE_ID = 'X-Instance-ID'
TENANT_ID = 'X-Tenant-ID'
SIGNATURE = 'X-Instance-ID-Signature'
FORWARDED_FOR = 'X-Forwarded-For'


def sign(secret: str, instance_id: str) -> str:
    """The signature of ``instance_id`` under ``secret`` (hex)."""
    return hmac.new(secret.encode('utf-8'), instance_id.encode('utf-8'),
                    hashlib.sha256).hexdigest()


def is_valid(secret: str, instance_id: str, signature: str | None) -> bool:
    """Whether ``signature`` signs ``instance_id`` (constant time)."""
    if not signature:
        return False
    return hmac.compare_digest(sign(secret, instance_id),
                               signature.encode('ascii', 'replace')
                               .decode('ascii'))


def signed_headers(secret: str, instance_id: str, project_id: str,
                   guest_address: str | None = None) -> dict[str, str]:
    """The headers a proxy adds to a guest's request."""
    headers = {INSTANCE_ID: instance_id, TENANT_ID: project_id,
               SIGNATURE: sign(secret, instance_id)}
    if guest_address:
        headers[FORWARDED_FOR] = guest_address
    return headers
