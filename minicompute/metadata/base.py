"""An instance's metadata documents, in both formats Nova serves them:
the OpenStack format (``/openstack/<version>/meta_data.json``,
``network_data.json``, ``user_data``, ``vendor_data.json``,
``vendor_data2.json``) and the EC2 format (``/<version>/meta-data/...``,
``/<version>/user-data``). The metadata service looks paths up here and
the config drive writes the same documents to an ISO image, so a guest
reads the same thing either way.

Nothing here touches the database or the network: the caller gathers the
instance, its EC2 ids and its network_info first.

    md = InstanceMetadata(conf, instance, ec2_ids, network_info, vendor)
    md.lookup('/openstack/latest/meta_data.json')   # -> Document
    for path, data in md.config_drive_files(): ...
"""
from __future__ import annotations

import base64
import dataclasses
import json
import os
import posixpath

from oslo_utils import timeutils

from minicompute.metadata import netdata, vendordata

# EC2 versions, oldest first (what EC2 itself dated them).
EC2_VERSIONS = ['1.0', '2007-01-19', '2007-03-01', '2007-08-29',
                '2007-10-10', '2007-12-15', '2008-02-01', '2008-09-01',
                '2009-04-04']

# OpenStack versions, oldest first, named after the release that changed
# the documents, as Nova names them.
FOLSOM = '2012-08-10'
GRIZZLY = '2013-04-04'        # random_seed
HAVANA = '2013-10-17'         # vendor_data.json
LIBERTY = '2015-10-15'        # project_id, network_data.json
NEWTON_ONE = '2016-06-30'     # devices
NEWTON_TWO = '2016-10-06'     # vendor_data2.json
OCATA = '2017-02-22'
ROCKY = '2018-08-27'
VICTORIA = '2020-10-14'       # dedicated_cpus
EPOXY = '2025-04-04'
OPENSTACK_VERSIONS = [FOLSOM, GRIZZLY, HAVANA, LIBERTY, NEWTON_ONE,
                      NEWTON_TWO, OCATA, ROCKY, VICTORIA, EPOXY]
LATEST = 'latest'

MD_JSON = 'meta_data.json'
NW_JSON = 'network_data.json'
VD_JSON = 'vendor_data.json'
VD2_JSON = 'vendor_data2.json'
USER_DATA = 'user_data'

TEXT = 'text/plain'
JSON = 'application/json'

# The random seed Nova gives each guest (bytes, before base64).
RANDOM_SEED_BYTES = 512

# Where Nova puts the disks when it does not know the root device.
_DEFAULT_BLOCK_DEVICE_MAPPING = {'ami': 'sda1', 'ephemeral0': 'sda2',
                                 'root': '/dev/sda1', 'swap': 'sda3'}


class InvalidMetadataPath(Exception):
    """No such document (the service answers 404)."""


@dataclasses.dataclass
class Document:
    """What a path holds: bytes with their content type."""
    body: bytes
    content_type: str = TEXT


def _at_least(version: str, required: str, versions: list[str]) -> bool:
    return versions.index(version) >= versions.index(required)


def ec2_listing(data) -> str:
    """How the EC2 format prints a tree: a directory's entries one a
    line (``name/`` for a subdirectory, a ``_name`` when it has one), a
    list one item a line, anything else as is."""
    if isinstance(data, dict):
        lines = []
        for key in sorted(data):
            if key == '_name':
                continue
            value = data[key]
            if isinstance(value, dict):
                lines.append(str(value['_name']) if '_name' in value
                             else key + '/')
            else:
                lines.append(key)
        return '\n'.join(lines)
    if isinstance(data, list):
        return '\n'.join(str(item) for item in data)
    if isinstance(data, bytes):
        return data.decode('utf-8', errors='replace')
    return '' if data is None else str(data)


def _walk(tree, tokens: list[str]):
    for token in tokens:
        if isinstance(tree, dict) and token in tree:
            tree = tree[token]
        else:
            raise InvalidMetadataPath('/'.join(tokens))
    return tree


def _field(obj, name: str, default=None):
    return getattr(obj, name) if obj.obj_attr_is_set(name) else default


class InstanceMetadata:
    """The documents of one instance. Build it once per instance and look
    up as many paths as the guest asks for."""

    def __init__(self, conf, instance, ec2_ids, network_info=None,
                 vendor_data=None, address: str | None = None):
        self.conf = conf
        self.instance = instance
        self.ec2_ids = ec2_ids
        self.network_info = netdata.vifs(network_info)
        self.vendor_data = (vendor_data if vendor_data is not None
                            else vendordata.VendorData(conf))
        self.address = address
        user_data = _field(instance, 'user_data')
        # Validated as base64 by the API when it came in.
        self.user_data = (base64.b64decode(user_data)
                          if user_data is not None else None)
        self.network_metadata = netdata.network_data(self.network_info)
        self.ip_info = netdata.ip_info(self.network_info)

    # ------------------------------------------------------------ common
    @property
    def uuid(self) -> str:
        return self.instance.uuid

    @property
    def project_id(self) -> str | None:
        return self.instance.project_id

    def hostname(self) -> str:
        domain = self.conf.metadata.dhcp_domain
        hostname = _field(self.instance, 'hostname') or ''
        return '%s.%s' % (hostname, domain) if domain else hostname

    def _keypair(self) -> dict | None:
        if not _field(self.instance, 'key_name'):
            return None
        keypairs = _field(self.instance, 'keypairs') or []
        return keypairs[0] if keypairs else None

    def _block_device_mapping(self) -> dict:
        root = _field(self.instance, 'root_device_name')
        if not root:
            return dict(_DEFAULT_BLOCK_DEVICE_MAPPING)
        return {'ami': root.rsplit('/', 1)[-1], 'root': root}

    # --------------------------------------------------------------- EC2
    def ec2_metadata(self, version: str) -> dict:
        """The EC2 tree of ``version``: {'meta-data': {...}} and
        'user-data' when there is some."""
        if version == LATEST:
            version = EC2_VERSIONS[-1]
        if version not in EC2_VERSIONS:
            raise InvalidMetadataPath(version)
        instance = self.instance
        hostname = self.hostname()
        fixed = self.ip_info['fixed_ips']
        floating = self.ip_info['floating_ips']
        networks = _field(instance, 'networks')
        meta = {
            'ami-id': self.ec2_ids.ami_id,
            'ami-launch-index': _field(instance, 'launch_index'),
            # Nova has always served this placeholder.
            'ami-manifest-path': 'FIXME',
            'instance-id': self.ec2_ids.instance_id,
            'hostname': hostname,
            'local-ipv4': fixed[0] if fixed else (self.address or ''),
            'reservation-id': _field(instance, 'reservation_id'),
            'security-groups': ([] if networks == 'none'
                                else ['default']),
        }
        keypair = self._keypair()
        if keypair is not None:
            meta['public-keys'] = {'0': {
                '_name': '0=%s' % keypair['name'],
                'openssh-key': keypair['public_key']}}
        if _at_least(version, '2007-01-19', EC2_VERSIONS):
            meta['local-hostname'] = hostname
            meta['public-hostname'] = hostname
            meta['public-ipv4'] = floating[0] if floating else ''
        if _at_least(version, '2007-08-29', EC2_VERSIONS):
            meta['instance-type'] = instance.flavor.name
        if _at_least(version, '2007-12-15', EC2_VERSIONS):
            meta['block-device-mapping'] = self._block_device_mapping()
            if self.ec2_ids.kernel_id:
                meta['kernel-id'] = self.ec2_ids.kernel_id
            if self.ec2_ids.ramdisk_id:
                meta['ramdisk-id'] = self.ec2_ids.ramdisk_id
        if _at_least(version, '2008-02-01', EC2_VERSIONS):
            meta['placement'] = {
                'availability-zone': _field(instance, 'availability_zone')}
        if _at_least(version, '2008-09-01', EC2_VERSIONS):
            meta['instance-action'] = 'none'
        tree = {'meta-data': meta}
        if self.user_data is not None:
            tree['user-data'] = self.user_data
        return tree

    # --------------------------------------------------------- OpenStack
    @staticmethod
    def _os_version(version: str) -> str:
        if version == LATEST:
            return OPENSTACK_VERSIONS[-1]
        if version not in OPENSTACK_VERSIONS:
            raise InvalidMetadataPath(version)
        return version

    def meta_data(self, version: str) -> dict:
        """meta_data.json of ``version``."""
        version = self._os_version(version)
        instance = self.instance
        data = {'uuid': instance.uuid}
        if instance.metadata:
            data['meta'] = dict(instance.metadata)
        keypair = self._keypair()
        if keypair is not None:
            data['public_keys'] = {keypair['name']: keypair['public_key']}
            data['keys'] = [{'name': keypair['name'],
                             'type': keypair.get('type') or 'ssh',
                             'data': keypair['public_key']}]
        data['hostname'] = self.hostname()
        data['name'] = _field(instance, 'display_name')
        data['launch_index'] = _field(instance, 'launch_index')
        data['availability_zone'] = _field(instance, 'availability_zone')
        if _at_least(version, GRIZZLY, OPENSTACK_VERSIONS):
            data['random_seed'] = base64.b64encode(
                os.urandom(RANDOM_SEED_BYTES)).decode('ascii')
        if _at_least(version, LIBERTY, OPENSTACK_VERSIONS):
            data['project_id'] = instance.project_id
        if _at_least(version, NEWTON_ONE, OPENSTACK_VERSIONS):
            # No tagged devices (device role tagging) here.
            data['devices'] = []
        if _at_least(version, VICTORIA, OPENSTACK_VERSIONS):
            # No pinned CPUs (NUMA topologies) here.
            data['dedicated_cpus'] = []
        return data

    def openstack_listing(self, version: str) -> list[str]:
        """The documents of an OpenStack version directory."""
        version = self._os_version(version)
        names = [MD_JSON]
        if self.user_data is not None:
            names.append(USER_DATA)
        if _at_least(version, HAVANA, OPENSTACK_VERSIONS):
            names.append(VD_JSON)
        if _at_least(version, LIBERTY, OPENSTACK_VERSIONS):
            names.append(NW_JSON)
        if _at_least(version, NEWTON_TWO, OPENSTACK_VERSIONS):
            names.append(VD2_JSON)
        return names

    def openstack_document(self, version: str, name: str) -> Document:
        if name not in self.openstack_listing(version):
            raise InvalidMetadataPath(name)
        if name == MD_JSON:
            return _json(self.meta_data(version))
        if name == USER_DATA:
            return Document(self.user_data)
        if name == NW_JSON:
            return _json(self.network_metadata or {})
        if name == VD_JSON:
            if not self.vendor_data.has_static:
                raise InvalidMetadataPath(name)
            return _json(self.vendor_data.static)
        # vendor_data2.json
        return _json(self.vendor_data.vendor_data2())

    # ------------------------------------------------------------ lookup
    def lookup(self, path: str) -> Document:
        """The document at ``path``, as the metadata service serves it;
        a path outside /openstack is EC2 (``/latest/meta-data/...``).

        :raises: InvalidMetadataPath
        """
        path = posixpath.normpath('/' + path.lstrip('/'))
        tokens = [token for token in path.split('/') if token]
        if tokens and tokens[0] == 'openstack':
            return self._lookup_openstack(tokens[1:])
        if tokens and tokens[0] == 'ec2':
            tokens = tokens[1:]
        return self._lookup_ec2(tokens)

    def _lookup_openstack(self, tokens: list[str]) -> Document:
        if not tokens:
            return Document(ec2_listing(openstack_versions()).encode())
        version = tokens[0]
        if len(tokens) == 1:
            return Document(ec2_listing(
                self.openstack_listing(version)).encode())
        if len(tokens) > 2:
            raise InvalidMetadataPath('/'.join(tokens))
        return self.openstack_document(version, tokens[1])

    def _lookup_ec2(self, tokens: list[str]) -> Document:
        if not tokens:
            return Document(ec2_listing(EC2_VERSIONS + [LATEST]).encode())
        data = _walk(self.ec2_metadata(tokens[0]), tokens[1:])
        if isinstance(data, bytes):
            return Document(data)
        return Document(ec2_listing(data).encode('utf-8'))

    # ------------------------------------------------------- config drive
    def config_drive_files(self):
        """(path, bytes) of every file on the config drive: the EC2
        meta-data.json (and user-data) of each version not skipped, and
        every OpenStack version's documents."""
        skipped = set(self.conf.metadata.config_drive_skip_versions.split())
        for version in EC2_VERSIONS + [LATEST]:
            if version in skipped:
                continue
            tree = self.ec2_metadata(version)
            meta = tree['meta-data']
            if 'public-keys' in meta:
                meta['public-keys']['0'].pop('_name', None)
            base = 'ec2/%s/' % version
            if 'user-data' in tree:
                yield base + 'user-data', tree['user-data']
            yield base + 'meta-data.json', _json(meta).body
        for version in OPENSTACK_VERSIONS + [LATEST]:
            for name in self.openstack_listing(version):
                try:
                    document = self.openstack_document(version, name)
                except InvalidMetadataPath:
                    continue        # vendor_data.json without StaticJSON
                yield 'openstack/%s/%s' % (version, name), document.body


def openstack_versions(today: str | None = None) -> list[str]:
    """The OpenStack versions the service lists: those dated today or
    earlier (a future one can still be asked for by name), and latest."""
    today = today or timeutils.utcnow().strftime('%Y-%m-%d')
    return [v for v in OPENSTACK_VERSIONS if v <= today] + [LATEST]


def _json(data) -> Document:
    return Document(json.dumps(data).encode('utf-8'), JSON)
