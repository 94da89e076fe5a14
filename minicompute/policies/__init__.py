"""Policy defaults, one module per resource; ``list_rules`` feeds the
enforcer and oslopolicy-sample-generator."""
import itertools

from minicompute.policies import (
    aggregates,
    availability_zone,
    base,
    flavors,
    hypervisors,
    images,
    server_actions,
    server_groups,
    servers,
)


def list_rules():
    return list(itertools.chain(base.list_rules(), flavors.list_rules(),
                                hypervisors.list_rules(),
                                images.list_rules(), servers.list_rules(),
                                server_actions.list_rules(),
                                server_groups.list_rules(),
                                aggregates.list_rules(),
                                availability_zone.list_rules()))
