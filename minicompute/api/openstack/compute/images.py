"""/images: Nova's read-only proxy onto minicompute's image registry.

Like Nova's other proxy APIs it is gone from microversion 2.36 (a plain
404, as for any method a version does not have); clients use the image
API (``/image/v2``) instead.
"""
import webob.exc

from minicompute import exception, objects, policy
from minicompute.api.openstack import common
from minicompute.api.openstack.compute.views import images as views

REMOVED_FROM = '2.36'


def _check_version(request) -> None:
    if request.is_at_least(REMOVED_FROM):
        raise webob.exc.HTTPNotFound()


class ImagesController:
    def __init__(self, conf):
        self.conf = conf

    def _visible(self, request, image) -> bool:
        context = request.context
        return (image.visibility in ('public', 'community') or
                context.is_admin or image.owner == context.project_id)

    def _list(self, request, view):
        _check_version(request)
        policy.authorize(request.context, 'os_compute_api:images:index')
        limit, marker = common.get_limit_and_marker(
            request, self.conf.api.max_limit)
        name = request.GET.get('name')
        images = [i for i in objects.ImageMetaList.get_all(
            request.context, name=name) if self._visible(request, i)]
        if marker is not None:
            ids = [i.id for i in images]
            if marker not in ids:
                raise exception.Invalid(reason='marker [%s] not found' %
                                        marker)
            images = images[ids.index(marker) + 1:]
        images = images[:limit]
        body = {'images': [view(request, i) for i in images]}
        next_links = common.collection_links(request, 'images',
                                             body['images'], limit)
        if next_links:
            body['images_links'] = next_links
        return body

    def index(self, request):
        return self._list(request, views.basic)

    def detail(self, request):
        return self._list(request, views.detail)

    def show(self, request, id):
        _check_version(request)
        policy.authorize(request.context, 'os_compute_api:images:index')
        image = objects.ImageMeta.get_by_id(request.context, id)
        if not self._visible(request, image):
            raise exception.ImageNotFound(image_id=id)
        return {'image': views.detail(request, image)}
