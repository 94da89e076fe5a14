"""What a POST /servers body asks for, read per microversion.

The body has passed its microversion's schema (schemas/servers.py
``CREATE``); this module checks what a schema cannot (policies, networks,
block devices, the requested destination) and turns the body into the
arguments of the compute API's ``create``, as Nova's create handler does.

    params = server_create_params.parse(request, body)
    compute_api.create(context, flavor, params.image_id, params.name,
                       networks=params.networks, ..., **params.options)
"""
from __future__ import annotations

import dataclasses

from oslo_utils import uuidutils

from minicompute import availability_zones, exception, policy
from minicompute.policies import servers as server_policies

RULE = 'os_compute_api:servers:%s'


def ref_id(ref) -> str:
    """An id, or the last path segment of a bookmark/self URL."""
    return str(ref).rstrip('/').rsplit('/', 1)[-1]


@dataclasses.dataclass
class CreateParams:
    name: str
    flavor_ref: str
    image_id: str
    networks: str
    min_count: int
    max_count: int
    availability_zone: str | None
    scheduler_hints: dict
    # Keyword arguments of compute.api.API.create.
    options: dict


def _bad(detail: str) -> exception.ValidationError:
    return exception.ValidationError(detail=detail)


def parse(request, body: dict, conf) -> CreateParams:
    """Read a validated create body; 400 or 403 for what Nova refuses."""
    context = request.context
    server = body['server']
    min_count = int(server.get('min_count', 1))
    max_count = int(server.get('max_count', min_count))
    if min_count > max_count:
        raise _bad('min_count must be <= max_count')
    name = server['name'].strip()
    options = {
        'key_name': server.get('key_name'),
        'metadata': server.get('metadata', {}),
        'user_data': server.get('user_data'),
        'config_drive': server.get('config_drive'),
        'access_ip_v4': server.get('accessIPv4'),
        'access_ip_v6': server.get('accessIPv6'),
        # Below 2.19 the description is the name, as in Nova.
        'description': (server.get('description')
                        if request.is_at_least('2.19') else name),
        # Personality (below 2.57): counted against the quotas only.
        'injected_files': [(item.get('path', ''), item.get('contents', ''))
                           for item in server.get('personality') or []],
        'tags': server.get('tags'),
    }
    trusted_certs = server.get('trusted_image_certificates')
    if trusted_certs:
        policy.authorize(context, server_policies.CREATE_TRUSTED_CERTS,
                         {'project_id': context.project_id})
        options['trusted_certs'] = trusted_certs
    availability_zone = server.get('availability_zone')
    try:
        _zone, forced_host, forced_node = availability_zones.parse_requested(
            conf, availability_zone)
    except exception.InvalidInput as e:
        raise _bad(e.format_message())
    if forced_host or forced_node:
        policy.authorize(context, RULE % 'create:forced_host')
    if request.is_at_least('2.74'):
        options.update(_requested_destination(
            context, server, forced=bool(forced_host or forced_node)))
    _check_security_groups(server.get('security_groups'))
    return CreateParams(
        name=name, flavor_ref=ref_id(server['flavorRef']),
        image_id=image_id(server), networks=networks(server.get('networks')),
        min_count=min_count, max_count=max_count,
        availability_zone=availability_zone,
        scheduler_hints=(body.get('os:scheduler_hints') or
                         body.get('OS-SCH-HNT:scheduler_hints') or {}),
        options=options)


def _requested_destination(context, server: dict, forced: bool) -> dict:
    """``host`` and ``hypervisor_hostname`` (2.74): admin only by
    default, and not together with the ``az:host:node`` form."""
    host = server.get('host')
    node = server.get('hypervisor_hostname')
    if host or node:
        policy.authorize(context, server_policies.REQUESTED_DESTINATION,
                         {'project_id': context.project_id})
        if forced:
            raise _bad('One mechanism with host and/or hypervisor_hostname '
                       'and another mechanism with zone:host:node are '
                       'mutually exclusive.')
    return {'requested_host': host, 'requested_node': node}


def image_id(server: dict) -> str:
    """The boot image: imageRef, or the image -> local boot device of a
    block_device_mapping_v2 (what clients send to boot from an image).
    There is no volume service, so volume mappings are refused."""
    boot_image = None
    for bdm in server.get('block_device_mapping_v2') or []:
        destination = bdm.get('destination_type', 'local')
        if bdm.get('source_type') != 'image' or destination != 'local':
            raise _bad('Block Device Mapping is Invalid: only image to '
                       'local boot devices are supported (there is no '
                       'volume service).')
        if bdm.get('volume_type'):
            raise _bad('Block Device Mapping is Invalid: Specifying a '
                       'volume_type with destination_type=local is not '
                       'supported.')
        if str(bdm.get('boot_index')) == '0':
            boot_image = bdm.get('uuid')
    image_ref = server.get('imageRef') or boot_image
    if not image_ref:
        raise _bad('Missing imageRef attribute')
    if boot_image and ref_id(image_ref) != boot_image:
        raise _bad('Block Device Mapping is Invalid: the boot image '
                   'differs from imageRef.')
    return ref_id(image_ref)


def networks(requested) -> str:
    """'none' or 'auto' (an omitted or empty list is 'auto'). There is no
    Neutron, so a listed network or port is checked as Nova checks it and
    then not found."""
    if requested is None or requested == []:
        return 'auto'
    if isinstance(requested, str):
        return requested
    for network in requested:
        port = network.get('port')
        if port:
            if network.get('fixed_ip') is not None:
                raise _bad("Specified Fixed IP '%s' cannot be used with "
                           "port '%s': the two cannot be specified "
                           "together." % (network['fixed_ip'], port))
            raise _bad('Port id %s could not be found.' % port)
        if 'uuid' not in network:
            raise _bad("Bad network format: missing 'uuid'")
        net_id = network['uuid']
        if not uuidutils.is_uuid_like(net_id) and \
                not uuidutils.is_uuid_like(net_id.split('-', 1)[-1]):
            raise _bad('Bad networks format: network uuid is not in proper '
                       'format (%s)' % net_id)
        raise _bad('Network %s could not be found.' % net_id)
    return 'auto'


def _check_security_groups(groups) -> None:
    for group in groups or []:
        if group.get('name') != 'default':
            raise _bad('Security group %s not found.' % group.get('name'))
