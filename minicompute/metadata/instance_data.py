"""Gathering what an instance's metadata documents are made of, through
objects: the instance, its EC2 ids and its network_info.

The metadata service runs with database access, as the API does (Nova's
nova-api-metadata does too): a guest's boot asks a dozen questions at
once, and each one going through the conductor would only add a hop.

    md = get_metadata(conf, context, instance_uuid, vendor_data, address)
"""
from __future__ import annotations

from minicompute import exception, objects
from minicompute.metadata import base


def get_network_info(context, instance_uuid: str) -> list:
    """The instance's VIFs from its info cache (written by the network
    side when it allocates, attaches or detaches ports); [] for an
    instance that has none. Before the network side's InstanceInfoCache
    is part of this deployment, no instance has VIFs."""
    info_cache = getattr(objects, 'InstanceInfoCache', None)
    if info_cache is None:
        return []
    return list(info_cache.get_network_info(context, instance_uuid))


def get_metadata(conf, context, instance_uuid: str, vendor_data=None,
                 address: str | None = None) -> base.InstanceMetadata | None:
    """The documents of a live instance; None for one that does not exist
    or is deleted."""
    try:
        instance = objects.Instance.get_by_uuid(context, instance_uuid)
    except exception.InstanceNotFound:
        return None
    if instance.deleted:
        return None
    ec2_ids = objects.EC2Ids.get_by_instance(context, instance)
    return base.InstanceMetadata(
        conf, instance, ec2_ids,
        network_info=get_network_info(context, instance_uuid),
        vendor_data=vendor_data, address=address)
