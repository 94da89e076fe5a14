"""/images: Nova's read-only proxy onto minicompute's image registry."""
from minicompute import exception, objects, policy
from minicompute.api.openstack import common
from minicompute.api.openstack.compute.views import images as views


class ImagesController:
    def __init__(self, conf):
        self.conf = conf

    def _visible(self, request, image) -> bool:
        context = request.context
        return (image.visibility in ('public', 'community') or
                context.is_admin or image.owner == context.project_id)

    def _list(self, request, view):
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
        policy.authorize(request.context, 'os_compute_api:images:index')
        image = objects.ImageMeta.get_by_id(request.context, id)
        if not self._visible(request, image):
            raise exception.ImageNotFound(image_id=id)
        return {'image': views.detail(request, image)}
