"""Server bodies as Nova's API reference gives them at 2.1."""
import hashlib

from minicompute import policy, utils
from minicompute.api.openstack import common


def host_id(instance) -> str:
    """Nova's opaque per-project host id: sha224(project + host)."""
    if not instance.host:
        return ''
    data = (instance.project_id or '') + instance.host
    return hashlib.sha224(data.encode()).hexdigest()


def basic(request, instance) -> dict:
    return {'id': instance.uuid, 'name': instance.display_name,
            'links': common.links(request, 'servers', instance.uuid)}



def _fault(request, instance):
    fault = instance.fault
    body = {'code': fault.code, 'message': fault.message,
            'created': utils.isotime(fault.created_at)}
    if request.context.is_admin or fault.code != 500:
        body['details'] = fault.details or ''
    return body


def detail(request, instance) -> dict:
    status = common.status_from_state(instance.vm_state,
                                      instance.task_state)
    flavor_id = instance.flavor.flavorid if instance.flavor else ''
    body = basic(request, instance)
    body.update({
        'status': status,
        'tenant_id': instance.project_id,
        'user_id': instance.user_id,
        'metadata': dict(instance.metadata or {}),
        'hostId': host_id(instance),
        'image': {'id': instance.image_ref,
                  'links': [common.links(request, 'images',
                                         instance.image_ref)[1]]},
        'flavor': {'id': flavor_id,
                   'links': [common.links(request, 'flavors',
                                          flavor_id)[1]]},
        'created': utils.isotime(instance.created_at),
        'updated': utils.isotime(instance.updated_at or instance.created_at),
        'addresses': {},
        'accessIPv4': instance.access_ip_v4 or '',
        'accessIPv6': instance.access_ip_v6 or '',
        'OS-DCF:diskConfig': 'MANUAL',
        'OS-EXT-AZ:availability_zone': instance.availability_zone or 'nova',
        'config_drive': instance.config_drive or '',
        'key_name': instance.key_name,
        'OS-SRV-USG:launched_at': utils.isotime(instance.launched_at),
        'OS-SRV-USG:terminated_at': utils.isotime(instance.terminated_at),
        'OS-EXT-STS:task_state': instance.task_state,
        'OS-EXT-STS:vm_state': instance.vm_state,
        'OS-EXT-STS:power_state': instance.power_state,
        'os-extended-volumes:volumes_attached': [],
    })
    if status in ('ACTIVE', 'BUILD'):
        body['progress'] = instance.progress or 0
    if instance.networks != 'none':
        body['security_groups'] = [{'name': 'default'}]
    if policy.authorize(request.context,
                        'os_compute_api:os-extended-server-attributes',
                        {'project_id': instance.project_id}, fatal=False):
        body['OS-EXT-SRV-ATTR:host'] = instance.host
        body['OS-EXT-SRV-ATTR:hypervisor_hostname'] = instance.node
        body['OS-EXT-SRV-ATTR:instance_name'] = (
            instance.name if instance.obj_attr_is_set('id') else '')
    if status in ('ERROR', 'DELETED') and instance.fault is not None:
        body['fault'] = _fault(request, instance)
    return body
