"""The metadata service's WSGI application (what Nova's
nova/api/metadata/handler.py is to nova-api-metadata).

Every request but the version list ``/`` must come from a metadata proxy:
it names the instance in ``X-Instance-ID`` signed with the shared secret
(``X-Instance-ID-Signature``) and its project in ``X-Tenant-ID`` (see
signing.py). The answers:

* 403: no instance id, no signature, or a signature that does not match
  (Nova answers a missing header with 400; a request nobody signed is
  refused as unauthenticated here, as issue 12 asks)
* 400: a signed request without X-Tenant-ID
* 404: an unknown or deleted instance, a project that is not the
  instance's (so one project's guest never reads another's data), or a
  path that holds no document
* 405: anything but GET and HEAD (there is no password to POST)

    app = MetadataRequestHandler(conf)       # a WSGI callable
"""
from __future__ import annotations

import collections
import threading
import time

from oslo_log import log as logging
import webob
import webob.dec
import webob.exc

from minicompute import context as mc_context
from minicompute.metadata import base, instance_data, signing, vendordata

LOG = logging.getLogger(__name__)

# Instances whose documents are kept at once (a boot storm of this many
# guests is served from memory).
CACHE_SIZE = 1024


class _TTLCache:
    """Instance uuid -> InstanceMetadata for ``ttl`` seconds, the oldest
    dropped first beyond ``size`` entries."""

    def __init__(self, ttl: float, size: int = CACHE_SIZE):
        self.ttl = ttl
        self.size = size
        self._items: collections.OrderedDict = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        if self.ttl <= 0:
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            expires, value = item
            if expires < time.monotonic():
                del self._items[key]
                return None
            return value

    def set(self, key, value) -> None:
        if self.ttl <= 0:
            return
        with self._lock:
            self._items[key] = (time.monotonic() + self.ttl, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def _text_error(error_class, explanation: str):
    return error_class(explanation=explanation, content_type='text/plain',
                       charset='UTF-8')


class MetadataRequestHandler:
    """Serves the instance named by a proxy's signed headers."""

    def __init__(self, conf):
        self.conf = conf
        self.secret = conf.metadata.metadata_proxy_shared_secret
        if not self.secret:
            LOG.warning('[metadata] metadata_proxy_shared_secret is empty: '
                        'anyone who can reach the metadata service can '
                        'read any instance\'s metadata')
        self.vendor_data = vendordata.VendorData(conf)
        self._cache = _TTLCache(conf.metadata.metadata_cache_expiration)

    @webob.dec.wsgify
    def __call__(self, request: webob.Request):
        if request.method not in ('GET', 'HEAD'):
            raise _text_error(webob.exc.HTTPMethodNotAllowed,
                              'GET and HEAD only are supported.')
        path = request.path_info
        if path.strip('/') == '':
            return self._respond(request, base.Document(base.ec2_listing(
                base.EC2_VERSIONS + [base.LATEST]).encode()))
        metadata = self._metadata_for(request)
        try:
            document = metadata.lookup(path)
        except base.InvalidMetadataPath:
            raise _text_error(webob.exc.HTTPNotFound,
                              'No metadata at %s.' % path)
        return self._respond(request, document)

    @staticmethod
    def _respond(request, document: base.Document) -> webob.Response:
        response = webob.Response(body=document.body,
                                  content_type=document.content_type,
                                  charset=None)
        if document.content_type.startswith('text/'):
            response.charset = 'UTF-8'
        return response

    def _metadata_for(self, request) -> base.InstanceMetadata:
        """The documents of the instance the request is signed for."""
        instance_id = request.headers.get(signing.INSTANCE_ID)
        signature = request.headers.get(signing.SIGNATURE)
        tenant_id = request.headers.get(signing.TENANT_ID)
        address = request.headers.get(signing.FORWARDED_FOR)
        if not instance_id:
            raise _text_error(webob.exc.HTTPForbidden,
                              'X-Instance-ID header is missing from '
                              'request.')
        if not signature:
            raise _text_error(webob.exc.HTTPForbidden,
                              'X-Instance-ID-Signature header is missing '
                              'from request.')
        if not signing.is_valid(self.secret, instance_id, signature):
            LOG.warning('X-Instance-ID-Signature %s does not match the '
                        'expected signature for id %s; request from %s',
                        signature, instance_id, address)
            raise _text_error(webob.exc.HTTPForbidden,
                              'Invalid proxy request signature.')
        if not tenant_id:
            raise _text_error(webob.exc.HTTPBadRequest,
                              'X-Tenant-ID header is missing from request.')
        metadata = self._cache.get(instance_id)
        if metadata is None:
            metadata = instance_data.get_metadata(
                self.conf, mc_context.get_admin_context(), instance_id,
                vendor_data=self.vendor_data, address=address)
            if metadata is not None:
                self._cache.set(instance_id, metadata)
        if metadata is None:
            LOG.info('No metadata for instance %s (requested from %s)',
                     instance_id, address)
            raise _text_error(webob.exc.HTTPNotFound,
                              'Instance %s not found.' % instance_id)
        if metadata.project_id != tenant_id:
            LOG.warning('X-Tenant-ID %s does not match the project of '
                        'instance %s', tenant_id, instance_id)
            raise _text_error(webob.exc.HTTPNotFound,
                              'Instance %s not found.' % instance_id)
        return metadata

