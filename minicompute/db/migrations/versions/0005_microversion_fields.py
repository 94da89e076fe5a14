"""server fields the microversions bring: extended attributes (2.3),
lock owner and reason (2.73), trusted certificates (2.63) and tags (2.26)

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

_INSTANCE_COLUMNS = (
    ('hostname', sa.String(255)),
    ('kernel_id', sa.String(255)),
    ('ramdisk_id', sa.String(255)),
    ('root_device_name', sa.String(255)),
    ('user_data', sa.Text()),
    ('locked_by', sa.String(16)),
    ('locked_reason', sa.String(255)),
    ('trusted_certs', sa.JSON()),
)


def upgrade():
    with op.batch_alter_table('instances') as batch:
        for name, type_ in _INSTANCE_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
    op.create_table(
        'tags',
        sa.Column('resource_id', sa.String(length=36), nullable=False),
        sa.Column('tag', sa.String(length=80), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('resource_id', 'tag'),
    )
    op.create_index('tags_tag_idx', 'tags', ['tag'])


def downgrade():
    op.drop_index('tags_tag_idx', table_name='tags')
    op.drop_table('tags')
    with op.batch_alter_table('instances') as batch:
        for name, _type in reversed(_INSTANCE_COLUMNS):
            batch.drop_column(name)
