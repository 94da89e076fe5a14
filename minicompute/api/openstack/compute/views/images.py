"""Image bodies of Nova's image proxy API (``/v2.1/images``)."""
from minicompute import utils
from minicompute.api.openstack import common

_STATUS = {'active': 'ACTIVE', 'queued': 'SAVING', 'saving': 'SAVING',
           'deleted': 'DELETED', 'pending_delete': 'DELETED',
           'killed': 'ERROR'}


def basic(request, image) -> dict:
    return {'id': image.id, 'name': image.name,
            'links': common.links(request, 'images', image.id) + [{
                'rel': 'alternate', 'type': 'application/vnd.openstack.image',
                'href': '%s/image/v2/images/%s' % (common.base_url(request),
                                                   image.id)}]}


def detail(request, image) -> dict:
    body = basic(request, image)
    status = _STATUS.get(image.status, 'UNKNOWN')
    body.update({
        'status': status,
        'progress': 100 if status == 'ACTIVE' else 0,
        'minDisk': image.min_disk,
        'minRam': image.min_ram,
        'metadata': dict(image.properties or {}),
        'created': utils.isotime(image.created_at),
        'updated': utils.isotime(image.updated_at or image.created_at),
        'OS-EXT-IMG-SIZE:size': image.size,
    })
    return body

