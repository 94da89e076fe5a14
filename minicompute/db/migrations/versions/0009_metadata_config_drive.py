"""what the metadata service and config drive serve: the key pairs an
instance was created with (Nova keeps them with the instance, so deleting
a key pair later does not change what the guest is told), and the
integer ids behind EC2-style image ids (Nova's s3_images)

Revision ID: 0009
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('instances') as batch:
        batch.add_column(sa.Column('keypairs', sa.JSON(), nullable=True))
    op.create_table(
        's3_images',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid', name='uniq_s3_images0uuid'),
    )


def downgrade():
    op.drop_table('s3_images')
    with op.batch_alter_table('instances') as batch:
        batch.drop_column('keypairs')
