"""The Glance v2 subset minicompute serves over its own image registry:
list (name, id=in:, visibility, paging), show, create, JSON-patch update,
delete, and the image file upload and download."""
from __future__ import annotations

import json

from oslo_utils import uuidutils

from minicompute import exception
from minicompute.api.image import views
from minicompute.db import api as db_api
from minicompute.image import registry

PATCH_TYPE = 'application/openstack-images-v2.1-json-patch'
CHUNK = 64 * 1024


class BadRequest(exception.Invalid):
    msg_fmt = '%(reason)s'


class ImagesController:
    def __init__(self, conf):
        self.conf = conf

    # ---------------------------------------------------------- visibility
    @staticmethod
    def _visible(context, row) -> bool:
        return (row.visibility in ('public', 'community') or
                context.is_admin or row.owner == context.project_id)

    @staticmethod
    def _editable(context, row) -> None:
        if not (context.is_admin or row.owner == context.project_id):
            raise exception.Forbidden(
                message='You are not permitted to modify this image.')

    def _get(self, context, image_id):
        try:
            row = db_api.image_get(image_id)
        except exception.ImageNotFound:
            row = None
        if row is None or not self._visible(context, row):
            raise exception.NotFound(
                message='No image found with ID %s' % image_id)
        return row

    # ---------------------------------------------------------------- read
    def index(self, request):
        context = request.context
        params = request.GET
        name = params.get('name')
        rows = [r for r in db_api.image_get_all(name=name)
                if self._visible(context, r)]
        ids = params.get('id', '')
        if ids.startswith('in:'):
            wanted = set(ids[3:].split(','))
            rows = [r for r in rows if r.id in wanted]
        for key in ('visibility', 'status', 'disk_format',
                    'container_format', 'owner'):
            if params.get(key):
                rows = [r for r in rows if getattr(r, key) == params[key]]
        rows = self._sorted(rows, params)
        marker = params.get('marker')
        if marker:
            position = [r.id for r in rows]
            if marker not in position:
                raise BadRequest(reason='marker %s not found' % marker)
            rows = rows[position.index(marker) + 1:]
        limit = self._limit(params)
        page = rows[:limit]
        body = {'images': [views.image(r) for r in page],
                'first': '/v2/images', 'schema': '/v2/schemas/images'}
        if len(rows) > limit:
            body['next'] = '/v2/images?marker=%s&limit=%d' % (page[-1].id,
                                                             limit)
        return body

    def _limit(self, params) -> int:
        try:
            limit = int(params.get('limit', self.conf.api.max_limit))
        except ValueError:
            raise BadRequest(reason='limit param must be an integer')
        if limit < 0:
            raise BadRequest(reason='limit param must be positive')
        return min(limit, self.conf.api.max_limit)

    @staticmethod
    def _sorted(rows, params):
        key = params.get('sort_key', 'created_at')
        direction = params.get('sort_dir', 'desc')
        if key not in ('created_at', 'updated_at', 'name', 'size', 'id',
                       'status'):
            raise BadRequest(reason='Invalid sort key: %s' % key)
        if direction not in ('asc', 'desc'):
            raise BadRequest(reason='Invalid sort direction: %s' % direction)
        return sorted(rows, key=lambda r: (getattr(r, key) is None,
                                           getattr(r, key) or 0, r.id),
                      reverse=direction == 'desc')

    def show(self, request, image_id):
        return views.image(self._get(request.context, image_id))

    # --------------------------------------------------------------- write
    def create(self, request, body):
        if not isinstance(body, dict):
            raise BadRequest(reason='The request body must be an object.')
        body = dict(body)
        image_id = body.pop('id', None) or uuidutils.generate_uuid()
        if not uuidutils.is_uuid_like(image_id):
            raise BadRequest(reason='id must be a UUID')
        for key in ('status', 'size', 'checksum', 'owner', 'self', 'file',
                    'created_at', 'updated_at', 'schema', 'virtual_size'):
            if key in body:
                raise exception.Forbidden(
                    message="Attribute '%s' is read-only." % key)
        values = self._core_values(body)
        properties = self._properties(body)
        row = db_api.image_create(dict(
            values, id=image_id, status='queued',
            owner=request.context.project_id, properties=properties))
        return views.image(row), 201

    @staticmethod
    def _core_values(body) -> dict:
        values = {}
        for key in ('name', 'visibility', 'disk_format', 'container_format',
                    'min_ram', 'min_disk', 'protected'):
            if key in body:
                values[key] = body.pop(key)
        if values.get('visibility', 'shared') not in (
                'public', 'private', 'shared', 'community'):
            raise BadRequest(reason='Invalid visibility value')
        for key in ('min_ram', 'min_disk'):
            if key in values and (not isinstance(values[key], int) or
                                  values[key] < 0):
                raise BadRequest(reason='%s must be a non-negative integer'
                                 % key)
        values.setdefault('visibility', 'shared')
        return values

    @staticmethod
    def _properties(body) -> dict:
        properties = {}
        tags = body.pop('tags', None)
        if tags is not None:
            properties['tags'] = ','.join(tags)
        if 'os_hidden' in body:
            properties['os_hidden'] = str(bool(body.pop('os_hidden')))
        for key, value in body.items():
            if not isinstance(value, str):
                raise BadRequest(reason='Property %s must be a string' % key)
            properties[key] = value
        return properties

    def update(self, request, image_id, body):
        """JSON patch: add/replace/remove of top-level attributes."""
        context = request.context
        row = self._get(context, image_id)
        self._editable(context, row)
        if request.content_type != PATCH_TYPE:
            raise exception.UnsupportedMediaType(
                content_type=request.content_type)
        if not isinstance(body, list):
            raise BadRequest(reason='A JSON patch is a list of operations.')
        values = {}
        properties = dict(row.properties or {})
        for change in body:
            op, path = change.get('op'), change.get('path', '')
            if op not in ('add', 'replace', 'remove') or \
                    not path.startswith('/') or path.count('/') != 1:
                raise BadRequest(reason='Invalid JSON patch operation %s' %
                                 json.dumps(change))
            key = path[1:]
            if key in views.CORE and key not in views.WRITABLE:
                raise exception.Forbidden(
                    message="Attribute '%s' is read-only." % key)
            if op == 'remove':
                if key in views.WRITABLE:
                    raise exception.Forbidden(
                        message="Attribute '%s' cannot be removed." % key)
                properties.pop(key, None)
                continue
            value = change.get('value')
            if key in ('name', 'visibility', 'disk_format',
                       'container_format', 'min_ram', 'min_disk',
                       'protected'):
                values.update(self._core_values({key: value}) if key in
                              ('visibility', 'min_ram', 'min_disk')
                              else {key: value})
            else:
                properties.update(self._properties({key: value}))
        values['properties'] = properties
        return views.image(db_api.image_update(image_id, values))

    def delete(self, request, image_id):
        row = self._get(request.context, image_id)
        self._editable(request.context, row)
        if row.protected:
            raise exception.Forbidden(
                message='Image %s is protected and cannot be deleted.'
                % image_id)
        registry.delete(image_id)
        return None, 204

    # ----------------------------------------------------------------- data
    def upload(self, request, image_id):
        row = self._get(request.context, image_id)
        self._editable(request.context, row)
        if row.status != 'queued':
            raise exception.Conflict(
                reason='Image status transition from %s to saving is not '
                       'allowed' % row.status)
        db_api.image_update(image_id, {'status': 'saving'})
        try:
            registry.upload(self.conf, image_id, request.body_file)
        except Exception:
            db_api.image_update(image_id, {'status': 'queued'})
            raise
        return None, 204

    def download(self, request, image_id):
        row = self._get(request.context, image_id)
        if row.status != 'active' or not row.path:
            return None, 204        # Glance: an image without data
        return _FileBody(row.path, row.checksum, row.size)


class _FileBody:
    def __init__(self, path, checksum, size):
        self.path = path
        self.checksum = checksum
        self.size = size

    def __iter__(self):
        with open(self.path, 'rb') as f:
            while True:
                chunk = f.read(CHUNK)
                if not chunk:
                    return
                yield chunk
