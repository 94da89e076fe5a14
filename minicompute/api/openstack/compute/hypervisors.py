"""/os-hypervisors (admin): the compute nodes and what is used of them.

By microversion, as Nova:

- 2.33: ``limit`` and ``marker`` page the lists (``hypervisors_links``).
- 2.53: ids are uuids; ``hypervisor_hostname_pattern`` and
  ``with_servers`` on the lists (and ``with_servers`` on show) replace
  ``/{pattern}/search`` and ``/{pattern}/servers``, which are 404 from
  then on; unknown query parameters are a 400.
- 2.28 and 2.75 change only the bodies (views/hypervisors.py).
- ``/{id}/uptime`` asks the node's compute service over RPC (400 when
  that service is down, as Nova, rather than wait out a timeout).

A compute node whose service was deleted is left out of the lists and
is a 404, as in Nova.
"""
from __future__ import annotations

from oslo_utils import strutils, uuidutils
import webob.exc

from minicompute import compute, exception, objects, policy, servicegroup
from minicompute.api import validation
from minicompute.api.openstack import common
from minicompute.api.openstack.compute.schemas import hypervisors as schema
from minicompute.api.openstack.compute.views import hypervisors as views
from minicompute.compute import api as compute_api

COMPUTE_BINARY = compute.BINARY
RULE = 'os_compute_api:os-hypervisors'
UPTIME_RULE = 'os_compute_api:os-hypervisors:uptime'
PAGING = '2.33'
QUERY_LISTS = views.UUID_IDS


def _not_found(hypervisor_id) -> exception.NotFound:
    return exception.NotFound(
        message="Hypervisor with ID '%s' could not be found." %
        hypervisor_id)


def _no_match(pattern) -> exception.NotFound:
    return exception.NotFound(
        message="No hypervisor matching '%s' could be found." % pattern)


def _page(nodes: list, limit: int, marker: str | None) -> list:
    """Nodes after ``marker`` (a node's id or uuid), at most ``limit``."""
    if marker is not None:
        for index, node in enumerate(nodes):
            if marker in (str(node.id), node.uuid):
                nodes = nodes[index + 1:]
                break
        else:
            raise exception.ValidationError(
                detail='marker [%s] not found' % marker)
    return nodes[:limit]


def _matching(nodes: list, pattern: str) -> list:
    """Nodes whose hypervisor_hostname contains ``pattern`` (Nova's LIKE
    '%pattern%'); 404 if there is none."""
    found = [node for node in nodes if pattern in node.hypervisor_hostname]
    if not found:
        raise _no_match(pattern)
    return found


class HypervisorsController:
    def __init__(self, conf):
        self.conf = conf
        self.compute_api = compute_api.API(conf)

    # ----------------------------------------------------------- helpers
    @staticmethod
    def _services(context) -> dict:
        return {s.host: s for s in objects.ServiceList.get_all(
            context, binary=COMPUTE_BINARY)}

    def _up(self, service) -> bool:
        return servicegroup.service_is_up(service, self.conf.service_down_time)

    @staticmethod
    def _with_servers(request) -> bool:
        if not request.is_at_least(QUERY_LISTS):
            return False
        return strutils.bool_from_string(
            request.GET.get('with_servers', False), strict=True)

    @staticmethod
    def _instances(context, node):
        return objects.InstanceList.get_by_host(context, node.host)

    def _bodies(self, request, nodes, view, with_servers: bool) -> list:
        services = self._services(request.context)
        bodies = []
        for node in nodes:
            service = services.get(node.host)
            if service is None:
                continue
            body = view(request, node, service, self._up(service))
            instances = (self._instances(request.context, node)
                         if with_servers else None)
            bodies.append(views.add_servers(request, body, instances,
                                            with_servers))
        return bodies

    # ----------------------------------------------------------- lists
    def _list(self, request, view):
        query = request.for_version(schema.LIST_QUERY)
        if query is not None:
            validation.validate_query(request.GET, query)
        policy.authorize(request.context, RULE)
        pattern = (request.GET.get('hypervisor_hostname_pattern')
                   if request.is_at_least(QUERY_LISTS) else None)
        nodes = list(objects.ComputeNodeList.get_all(request.context))
        limit = None
        if pattern is not None:
            if 'limit' in request.GET or request.GET.get('marker'):
                raise exception.ValidationError(
                    detail='Paging over hypervisors with the '
                           'hypervisor_hostname_pattern query parameter is '
                           'not supported.')
            nodes = _matching(nodes, pattern)
        elif request.is_at_least(PAGING):
            limit, marker = common.get_limit_and_marker(
                request, self.conf.api.max_limit)
            nodes = _page(nodes, limit, marker)
        hypervisors = self._bodies(request, nodes, view,
                                   self._with_servers(request))
        result = {'hypervisors': hypervisors}
        if limit is not None:
            links = common.collection_links(request, 'os-hypervisors',
                                            hypervisors, limit)
            if links:
                result['hypervisors_links'] = links
        return result

    def index(self, request):
        return self._list(request, views.basic)

    def detail(self, request):
        return self._list(request, views.detail)

    # ----------------------------------------------------------- one
    def _node(self, request, hypervisor_id: str):
        """The node ``hypervisor_id`` names: a uuid from 2.53 (else 400),
        an integer before (else 404)."""
        if request.is_at_least(views.UUID_IDS):
            if not uuidutils.is_uuid_like(hypervisor_id):
                raise exception.ValidationError(
                    detail='Invalid uuid %s' % hypervisor_id)

            def wanted(node):
                return node.uuid == hypervisor_id
        else:
            try:
                number = int(hypervisor_id)
            except ValueError:
                raise _not_found(hypervisor_id)

            def wanted(node):
                return node.id == number
        for node in objects.ComputeNodeList.get_all(request.context):
            if wanted(node):
                return node
        raise _not_found(hypervisor_id)

    def show(self, request, id):
        query = request.for_version(schema.SHOW_QUERY)
        if query is not None:
            validation.validate_query(request.GET, query)
        policy.authorize(request.context, RULE)
        node = self._node(request, id)
        found = self._bodies(request, [node], views.detail,
                             self._with_servers(request))
        if not found:
            raise _not_found(id)
        return {'hypervisor': found[0]}

    def uptime(self, request, id):
        """The host's ``uptime`` line, asked of its compute service (Nova
        has this until 2.88, beyond minicompute's maximum)."""
        policy.authorize(request.context, UPTIME_RULE)
        node = self._node(request, id)
        try:
            service = objects.Service.get_by_host_and_binary(
                request.context, node.host, COMPUTE_BINARY)
        except exception.NotFound:
            raise _not_found(id)
        try:
            uptime = self.compute_api.get_host_uptime(request.context,
                                                      service)
        except NotImplementedError:
            raise webob.exc.HTTPNotImplemented(
                explanation='Virt driver does not implement uptime '
                            'function.')
        body = views.basic(request, node, service, self._up(service))
        body['uptime'] = uptime
        return {'hypervisor': body}

    # ------------------------------------------------- before 2.53 only
    def search(self, request, hostname):
        return self._by_hostname(request, hostname, with_servers=False)

    def servers(self, request, hostname):
        # Servers are listed where there are some (below 2.75 anyway).
        return self._by_hostname(request, hostname, with_servers=True)

    def _by_hostname(self, request, hostname: str,
                     with_servers: bool) -> dict:
        """The pre-2.53 hostname pattern look-ups (404 from 2.53, where
        the list's query string replaced them)."""
        if request.is_at_least(QUERY_LISTS):
            raise webob.exc.HTTPNotFound()
        policy.authorize(request.context, RULE)
        nodes = _matching(list(objects.ComputeNodeList.get_all(
            request.context)), hostname)
        return {'hypervisors': self._bodies(request, nodes, views.basic,
                                            with_servers)}

    def statistics(self, request):
        """Totals over the nodes of enabled compute services (Nova's)."""
        policy.authorize(request.context, RULE)
        services = self._services(request.context)
        nodes = [node for node in
                 objects.ComputeNodeList.get_all(request.context)
                 if node.host in services and
                 not services[node.host].disabled]
        return {'hypervisor_statistics': views.statistics(nodes)}
