"""SQLAlchemy models: the schema that the alembic migrations create.

Soft-deleted rows keep ``deleted = id`` (Nova's convention) so that unique
constraints can include ``deleted`` and a name may be reused after delete.
"""
from oslo_db.sqlalchemy import models
import sqlalchemy as sa
from sqlalchemy import orm


class Base(models.TimestampMixin, models.ModelBase, orm.DeclarativeBase):
    pass


class SoftDeleteMixin:
    deleted_at = sa.Column(sa.DateTime)
    deleted = sa.Column(sa.Integer, nullable=False, default=0)


class Service(SoftDeleteMixin, Base):
    __tablename__ = 'services'
    __table_args__ = (
        sa.UniqueConstraint('host', 'topic', 'deleted',
                            name='uniq_services0host0topic0deleted'),
        sa.UniqueConstraint('host', 'binary', 'deleted',
                            name='uniq_services0host0binary0deleted'),
        sa.UniqueConstraint('uuid', name='uniq_services0uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    host = sa.Column(sa.String(255), nullable=False)
    binary = sa.Column(sa.String(255), nullable=False)
    topic = sa.Column(sa.String(255), nullable=False)
    report_count = sa.Column(sa.Integer, nullable=False, default=0)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)
    disabled_reason = sa.Column(sa.String(255))
    forced_down = sa.Column(sa.Boolean, nullable=False, default=False)
    last_seen_up = sa.Column(sa.DateTime)
    version = sa.Column(sa.Integer, nullable=False, default=0)


class ComputeNode(SoftDeleteMixin, Base):
    """A hypervisor: its capacity (reported) and usage (claimed)."""
    __tablename__ = 'compute_nodes'
    __table_args__ = (
        sa.UniqueConstraint('host', 'hypervisor_hostname', 'deleted',
                            name='uniq_compute_nodes0host0hypervisor_'
                                 'hostname0deleted'),
        sa.UniqueConstraint('uuid', name='uniq_compute_nodes0uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    host = sa.Column(sa.String(255), nullable=False)
    hypervisor_hostname = sa.Column(sa.String(255), nullable=False)
    hypervisor_type = sa.Column(sa.String(255), nullable=False)
    hypervisor_version = sa.Column(sa.Integer, nullable=False, default=0)
    host_ip = sa.Column(sa.String(39))
    vcpus = sa.Column(sa.Integer, nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    local_gb = sa.Column(sa.Integer, nullable=False)
    vcpus_used = sa.Column(sa.Integer, nullable=False, default=0)
    memory_mb_used = sa.Column(sa.Integer, nullable=False, default=0)
    local_gb_used = sa.Column(sa.Integer, nullable=False, default=0)
    free_ram_mb = sa.Column(sa.Integer)
    free_disk_gb = sa.Column(sa.Integer)
    running_vms = sa.Column(sa.Integer, nullable=False, default=0)
    cpu_allocation_ratio = sa.Column(sa.Float, nullable=False, default=4.0)
    ram_allocation_ratio = sa.Column(sa.Float, nullable=False, default=1.0)
    disk_allocation_ratio = sa.Column(sa.Float, nullable=False, default=1.0)
    reserved_host_memory_mb = sa.Column(sa.Integer, nullable=False,
                                        default=0)
    reserved_host_disk_mb = sa.Column(sa.Integer, nullable=False, default=0)
    reserved_host_cpus = sa.Column(sa.Integer, nullable=False, default=0)
    # The guest architecture the node runs (ImagePropertiesFilter); added
    # by migration 0002, NULL for nodes that have not reported since.
    cpu_arch = sa.Column(sa.String(32))


class Allocation(Base):
    """An instance's claim on a node: the scheduler writes it atomically
    with the node's usage counters, and delete or a failed build removes it.
    """
    __tablename__ = 'allocations'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid', name='uniq_allocations0instance'),
        sa.Index('allocations_node_idx', 'compute_node_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    compute_node_id = sa.Column(sa.Integer,
                                sa.ForeignKey('compute_nodes.id'),
                                nullable=False)
    vcpus = sa.Column(sa.Integer, nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    disk_gb = sa.Column(sa.Integer, nullable=False)


class Flavor(Base):
    __tablename__ = 'flavors'
    __table_args__ = (
        sa.UniqueConstraint('flavorid', name='uniq_flavors0flavorid'),
        sa.UniqueConstraint('name', name='uniq_flavors0name'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    flavorid = sa.Column(sa.String(255), nullable=False)
    name = sa.Column(sa.String(255), nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    vcpus = sa.Column(sa.Integer, nullable=False)
    root_gb = sa.Column(sa.Integer, nullable=False, default=0)
    ephemeral_gb = sa.Column(sa.Integer, nullable=False, default=0)
    swap = sa.Column(sa.Integer, nullable=False, default=0)
    rxtx_factor = sa.Column(sa.Float, nullable=False, default=1.0)
    is_public = sa.Column(sa.Boolean, nullable=False, default=True)
    disabled = sa.Column(sa.Boolean, nullable=False, default=False)
    description = sa.Column(sa.Text)
    extra_specs = sa.Column(sa.JSON, nullable=False, default=dict)


class Image(SoftDeleteMixin, Base):
    """minicompute's own image registry (there is no Glance)."""
    __tablename__ = 'images'
    __table_args__ = (sa.Index('images_name_idx', 'name'),)
    id = sa.Column(sa.String(36), primary_key=True)
    name = sa.Column(sa.String(255))
    status = sa.Column(sa.String(30), nullable=False)
    visibility = sa.Column(sa.String(20), nullable=False, default='public')
    owner = sa.Column(sa.String(255))
    disk_format = sa.Column(sa.String(20))
    container_format = sa.Column(sa.String(20))
    size = sa.Column(sa.BigInteger)
    checksum = sa.Column(sa.String(32))
    min_disk = sa.Column(sa.Integer, nullable=False, default=0)
    min_ram = sa.Column(sa.Integer, nullable=False, default=0)
    protected = sa.Column(sa.Boolean, nullable=False, default=False)
    properties = sa.Column(sa.JSON, nullable=False, default=dict)
    path = sa.Column(sa.String(1024))


class Instance(SoftDeleteMixin, Base):
    __tablename__ = 'instances'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_instances0uuid'),
        sa.Index('instances_project_id_deleted_idx', 'project_id',
                 'deleted'),
        sa.Index('instances_host_deleted_idx', 'host', 'deleted'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    display_name = sa.Column(sa.String(255))
    display_description = sa.Column(sa.Text)
    project_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    host = sa.Column(sa.String(255))
    node = sa.Column(sa.String(255))
    vm_state = sa.Column(sa.String(255))
    task_state = sa.Column(sa.String(255))
    power_state = sa.Column(sa.Integer, nullable=False, default=0)
    image_ref = sa.Column(sa.String(255))
    instance_type_id = sa.Column(sa.Integer)
    flavor = sa.Column(sa.JSON)
    memory_mb = sa.Column(sa.Integer)
    vcpus = sa.Column(sa.Integer)
    root_gb = sa.Column(sa.Integer)
    ephemeral_gb = sa.Column(sa.Integer)
    metadata_ = sa.Column('metadata', sa.JSON, nullable=False, default=dict)
    networks = sa.Column(sa.String(255))
    key_name = sa.Column(sa.String(255))
    availability_zone = sa.Column(sa.String(255))
    reservation_id = sa.Column(sa.String(255))
    launch_index = sa.Column(sa.Integer)
    launched_at = sa.Column(sa.DateTime)
    terminated_at = sa.Column(sa.DateTime)
    locked = sa.Column(sa.Boolean, nullable=False, default=False)
    progress = sa.Column(sa.Integer)
    access_ip_v4 = sa.Column(sa.String(39))
    access_ip_v6 = sa.Column(sa.String(39))
    config_drive = sa.Column(sa.String(255))
    hostname = sa.Column(sa.String(255))
    kernel_id = sa.Column(sa.String(255))
    ramdisk_id = sa.Column(sa.String(255))
    root_device_name = sa.Column(sa.String(255))
    user_data = sa.Column(sa.Text)
    locked_by = sa.Column(sa.String(16))
    locked_reason = sa.Column(sa.String(255))
    trusted_certs = sa.Column(sa.JSON)
    # [{name, type, public_key}] of key_name at create/rebuild time.
    keypairs = sa.Column(sa.JSON)


class InstanceFault(Base):
    __tablename__ = 'instance_faults'
    __table_args__ = (sa.Index('instance_faults_instance_uuid_idx',
                               'instance_uuid'),)
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    code = sa.Column(sa.Integer, nullable=False)
    message = sa.Column(sa.String(255))
    details = sa.Column(sa.Text)
    host = sa.Column(sa.String(255))


class InstanceAction(Base):
    __tablename__ = 'instance_actions'
    __table_args__ = (sa.Index('instance_actions_uuid_req_idx',
                               'instance_uuid', 'request_id'),)
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    action = sa.Column(sa.String(255))
    instance_uuid = sa.Column(sa.String(36), nullable=False)
    request_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    start_time = sa.Column(sa.DateTime)
    finish_time = sa.Column(sa.DateTime)
    message = sa.Column(sa.String(255))


class InstanceActionEvent(Base):
    __tablename__ = 'instance_actions_events'
    # BuildFailureWeigher reads recent build events on every request.
    __table_args__ = (sa.Index('instance_actions_events_event_finish_idx',
                               'event', 'finish_time'),)
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    action_id = sa.Column(sa.Integer, sa.ForeignKey('instance_actions.id'),
                          nullable=False)
    event = sa.Column(sa.String(255))
    start_time = sa.Column(sa.DateTime)
    finish_time = sa.Column(sa.DateTime)
    result = sa.Column(sa.String(255))
    traceback = sa.Column(sa.Text)
    host = sa.Column(sa.String(255))
    details = sa.Column(sa.Text)


class InstanceGroup(SoftDeleteMixin, Base):
    """A server group: its members share one placement policy."""
    __tablename__ = 'instance_groups'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_instance_groups0uuid'),
        sa.Index('instance_groups_project_id_idx', 'project_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    policy = sa.Column(sa.String(255), nullable=False)
    rules = sa.Column(sa.JSON, nullable=False, default=dict)


class InstanceGroupMember(Base):
    __tablename__ = 'instance_group_member'
    __table_args__ = (
        sa.UniqueConstraint('instance_uuid',
                            name='uniq_instance_group_member0instance'),
        sa.Index('instance_group_member_group_idx', 'group_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    group_id = sa.Column(sa.Integer, sa.ForeignKey('instance_groups.id'),
                         nullable=False)
    instance_uuid = sa.Column(sa.String(36), nullable=False)


class Aggregate(SoftDeleteMixin, Base):
    """A host aggregate; metadata ``availability_zone`` makes it an AZ."""
    __tablename__ = 'aggregates'
    __table_args__ = (
        sa.UniqueConstraint('name', 'deleted',
                            name='uniq_aggregates0name0deleted'),
        sa.UniqueConstraint('uuid', name='uniq_aggregates0uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255), nullable=False)


class AggregateHost(Base):
    __tablename__ = 'aggregate_hosts'
    __table_args__ = (
        sa.UniqueConstraint('host', 'aggregate_id',
                            name='uniq_aggregate_hosts0host0aggregate_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    aggregate_id = sa.Column(sa.Integer, sa.ForeignKey('aggregates.id'),
                             nullable=False)
    host = sa.Column(sa.String(255), nullable=False)


class AggregateMetadata(Base):
    __tablename__ = 'aggregate_metadata'
    __table_args__ = (
        sa.UniqueConstraint('aggregate_id', 'key',
                            name='uniq_aggregate_metadata0aggregate_id0key'),
        sa.Index('aggregate_metadata_key_idx', 'key'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    aggregate_id = sa.Column(sa.Integer, sa.ForeignKey('aggregates.id'),
                             nullable=False)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255), nullable=False)


class S3Image(Base):
    """The integer behind an image's EC2 id (``ami-%08x``), as Nova's
    s3_images: handed out once per image uuid, never reused."""
    __tablename__ = 's3_images'
    __table_args__ = (sa.UniqueConstraint('uuid',
                                          name='uniq_s3_images0uuid'),)
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False)


class KeyPair(Base):
    """An ssh public key, owned by a user (not a project), as in Nova."""
    __tablename__ = 'key_pairs'
    __table_args__ = (
        sa.UniqueConstraint('user_id', 'name',
                            name='uniq_key_pairs0user_id0name'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    name = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=False)
    fingerprint = sa.Column(sa.String(255))
    public_key = sa.Column(sa.Text)
    type = sa.Column(sa.String(16), nullable=False, default='ssh')


class Quota(Base):
    """A per-project override of one ``[quota]`` default."""
    __tablename__ = 'quotas'
    __table_args__ = (
        sa.UniqueConstraint('project_id', 'resource',
                            name='uniq_quotas0project_id0resource'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    resource = sa.Column(sa.String(255), nullable=False)
    hard_limit = sa.Column(sa.Integer, nullable=False)


class FlavorProject(Base):
    """A project granted a private flavor (Nova's flavor access list)."""
    __tablename__ = 'flavor_projects'
    __table_args__ = (
        sa.UniqueConstraint('flavor_id', 'project_id',
                            name='uniq_flavor_projects0flavor_id0project_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    flavor_id = sa.Column(sa.Integer,
                          sa.ForeignKey('flavors.id', ondelete='CASCADE'),
                          nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)


class Tag(Base):
    """A server tag (microversion 2.26); Nova keys tags by resource uuid."""
    __tablename__ = 'tags'
    __table_args__ = (sa.Index('tags_tag_idx', 'tag'),)
    resource_id = sa.Column(sa.String(36), primary_key=True)
    tag = sa.Column(sa.String(80), primary_key=True)
