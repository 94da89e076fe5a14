"""GET /servers/{server_id}/topology (microversion 2.78): a server's NUMA
topology.

minicompute guests have no NUMA topology (flavors and images cannot ask
for one), so every server answers as Nova answers for a server without
one: no nodes and no page size. The host policy would add each node's
host NUMA node and CPU pinning; with no nodes there is nothing to add.
"""
from __future__ import annotations

import webob.exc

from minicompute import policy
from minicompute.api.openstack import common
from minicompute.compute import api as compute_api
from minicompute.policies import server_topology as topology_policies

MIN_VERSION = '2.78'


class ServerTopologyController:
    def __init__(self, conf):
        self.conf = conf
        self.compute_api = compute_api.API(conf)

    def index(self, request, server_id):
        # Below 2.78 the resource does not exist, whatever the server.
        if not request.is_at_least(MIN_VERSION):
            raise webob.exc.HTTPNotFound()
        context = request.context
        instance = common.get_instance(self.compute_api, context, server_id)
        policy.authorize(context, topology_policies.PREFIX % 'index',
                         {'project_id': instance.project_id})
        return {'nodes': [], 'pagesize_kb': None}
