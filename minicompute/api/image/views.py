"""Image bodies as Glance v2 gives them; custom properties sit at the top
level next to the core attributes."""
from minicompute import utils

CORE = ('id', 'name', 'status', 'visibility', 'protected', 'checksum',
        'owner', 'size', 'min_ram', 'min_disk', 'disk_format',
        'container_format', 'created_at', 'updated_at', 'tags',
        'virtual_size', 'os_hash_algo', 'os_hash_value', 'self', 'file',
        'schema', 'direct_url', 'locations', 'os_hidden')
# What a client may set (POST, PATCH) among the core attributes.
WRITABLE = ('name', 'visibility', 'protected', 'min_ram', 'min_disk',
            'disk_format', 'container_format', 'tags', 'os_hidden')


def image(row) -> dict:
    body = dict(row.properties or {})
    tags = body.pop('tags', '')
    hidden = body.pop('os_hidden', 'False') == 'True'
    body.update({
        'id': row.id,
        'name': row.name,
        'status': row.status,
        'visibility': row.visibility,
        'protected': bool(row.protected),
        'checksum': row.checksum,
        'os_hash_algo': None,
        'os_hash_value': None,
        'owner': row.owner,
        'size': row.size,
        'virtual_size': None,
        'min_ram': row.min_ram,
        'min_disk': row.min_disk,
        'disk_format': row.disk_format,
        'container_format': row.container_format,
        'created_at': utils.isotime(row.created_at),
        'updated_at': utils.isotime(row.updated_at or row.created_at),
        'tags': [t for t in tags.split(',') if t] if tags else [],
        'os_hidden': hidden,
        'self': '/v2/images/%s' % row.id,
        'file': '/v2/images/%s/file' % row.id,
        'schema': '/v2/schemas/image',
    })
    return body
