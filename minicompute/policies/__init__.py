"""Policy defaults, one module per resource; ``list_rules`` feeds the
enforcer and oslopolicy-sample-generator."""
import itertools

from minicompute.policies import base, flavors, images, servers


def list_rules():
    return list(itertools.chain(base.list_rules(), flavors.list_rules(),
                                images.list_rules(), servers.list_rules()))
