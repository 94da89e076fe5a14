"""The /limits body as Nova's API reference gives it at 2.1."""

# Quota resource -> the absolute limit names it is shown as.
LIMIT_NAMES = {
    'ram': ['maxTotalRAMSize'],
    'instances': ['maxTotalInstances'],
    'cores': ['maxTotalCores'],
    'key_pairs': ['maxTotalKeypairs'],
    'floating_ips': ['maxTotalFloatingIps'],
    'metadata_items': ['maxServerMeta', 'maxImageMeta'],
    'injected_files': ['maxPersonality'],
    'injected_file_content_bytes': ['maxPersonalitySize'],
    'security_groups': ['maxSecurityGroups'],
    'security_group_rules': ['maxSecurityGroupRules'],
    'server_groups': ['maxServerGroups'],
    'server_group_members': ['maxServerGroupMembers'],
}

# Usage name -> the quota resource it counts.
USED_NAMES = {
    'totalRAMUsed': 'ram',
    'totalCoresUsed': 'cores',
    'totalInstancesUsed': 'instances',
    'totalFloatingIpsUsed': 'floating_ips',
    'totalSecurityGroupsUsed': 'security_groups',
    'totalServerGroupsUsed': 'server_groups',
}


def build(limits: dict, usages: dict) -> dict:
    absolute = {name: limits[resource]
                for resource, names in LIMIT_NAMES.items()
                for name in names}
    absolute.update({name: usages[resource]
                     for name, resource in USED_NAMES.items()})
    return {'limits': {'rate': [], 'absolute': absolute}}
