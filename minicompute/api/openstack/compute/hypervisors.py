"""/os-hypervisors (admin): the compute nodes and what is used of them."""
from __future__ import annotations

from minicompute import compute, exception, objects, policy, servicegroup
from minicompute.api.openstack.compute.views import hypervisors as views

COMPUTE_BINARY = compute.BINARY
RULE = 'os_compute_api:os-hypervisors'


class HypervisorsController:
    def __init__(self, conf):
        self.conf = conf

    def _nodes_with_services(self, request):
        policy.authorize(request.context, RULE)
        context = request.context
        services = {s.host: s for s in objects.ServiceList.get_all(
            context, binary=COMPUTE_BINARY)}
        result = []
        for node in objects.ComputeNodeList.get_all(context):
            service = services.get(node.host)
            up = service is not None and servicegroup.service_is_up(
                service, self.conf.service_down_time)
            result.append((node, service, up))
        return result

    def index(self, request):
        return {'hypervisors': [views.basic(node, service, up)
                                for node, service, up in
                                self._nodes_with_services(request)]}

    def detail(self, request):
        return {'hypervisors': [views.detail(node, service, up)
                                for node, service, up in
                                self._nodes_with_services(request)]}

    def show(self, request, id):
        for node, service, up in self._nodes_with_services(request):
            if str(node.id) == id:
                return {'hypervisor': views.detail(node, service, up)}
        raise exception.NotFound(
            message='Hypervisor with ID %s could not be found.' % id)

    def search(self, request, hostname):
        found = [views.basic(node, service, up) for node, service, up in
                 self._nodes_with_services(request)
                 if hostname in node.hypervisor_hostname]
        if not found:
            raise exception.NotFound(
                message='No hypervisor matching %r could be found.'
                % hostname)
        return {'hypervisors': found}

    def servers(self, request, hostname):
        result = []
        for node, service, up in self._nodes_with_services(request):
            if hostname not in node.hypervisor_hostname:
                continue
            body = views.basic(node, service, up)
            instances = objects.InstanceList.get_by_filters(
                request.context, {'host': node.host,
                                  'node': node.hypervisor_hostname})
            if instances:
                body['servers'] = [{'uuid': i.uuid, 'name': i.name}
                                   for i in instances]
            result.append(body)
        if not result:
            raise exception.NotFound(
                message='No hypervisor matching %r could be found.'
                % hostname)
        return {'hypervisors': result}

    def statistics(self, request):
        nodes = [node for node, _s, _up in
                 self._nodes_with_services(request)]
        return {'hypervisor_statistics': views.statistics(nodes)}
