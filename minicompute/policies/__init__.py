"""Policy defaults, one module per resource; ``list_rules`` feeds the
enforcer and oslopolicy-sample-generator."""
import itertools

from minicompute.policies import (
    aggregates,
    availability_zone,
    base,
    flavor_access,
    flavor_extra_specs,
    flavors,
    hypervisors,
    images,
    instance_actions,
    keypairs,
    limits,
    quota_sets,
    server_actions,
    server_groups,
    server_metadata,
    server_tags,
    server_topology,
    servers,
    simple_tenant_usage,
)


def list_rules():
    return list(itertools.chain(base.list_rules(), flavors.list_rules(),
                                flavor_access.list_rules(),
                                hypervisors.list_rules(),
                                images.list_rules(), servers.list_rules(),
                                server_actions.list_rules(),
                                server_groups.list_rules(),
                                aggregates.list_rules(),
                                availability_zone.list_rules(),
                                keypairs.list_rules(),
                                quota_sets.list_rules(),
                                limits.list_rules(),
                                instance_actions.list_rules(),
                                server_metadata.list_rules(),
                                server_tags.list_rules(),
                                flavor_extra_specs.list_rules(),
                                simple_tenant_usage.list_rules(),
                                server_topology.list_rules()))
