"""The /limits body as Nova's API reference gives it, by microversion:
2.36 drops the network limits (and their usage), 2.39 ``maxImageMeta``,
2.57 the personality limits."""

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

_NETWORK = ('floating_ips', 'security_groups', 'security_group_rules')
_PERSONALITY = ('injected_files', 'injected_file_content_bytes')

# The quota resources left out, by the microversion that drops them.
FILTERED = {'2.1': (), '2.36': _NETWORK, '2.57': _NETWORK + _PERSONALITY}
NO_IMAGE_META = '2.39'


def build(request, limits: dict, usages: dict) -> dict:
    filtered = request.for_version(FILTERED)
    skip = {'maxImageMeta'} if request.is_at_least(NO_IMAGE_META) else set()
    absolute = {name: limits[resource]
                for resource, names in LIMIT_NAMES.items()
                if resource not in filtered
                for name in names if name not in skip}
    absolute.update({name: usages[resource]
                     for name, resource in USED_NAMES.items()
                     if resource not in filtered})
    return {'limits': {'rate': [], 'absolute': absolute}}
