"""process leases: one scheduler at a time

A second scheduler started by mistake finds the lease held and enqueues nothing until the
first one has stopped renewing it.

Revision ID: e36f2a1d4b58
Revises: d25e1f0c3a47
Create Date: 2026-12-07 03:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import storage.types


# revision identifiers, used by Alembic.
revision: str = 'e36f2a1d4b58'
down_revision: Union[str, Sequence[str], None] = 'd25e1f0c3a47'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'process_leases',
        sa.Column('name', sa.String(length=32), nullable=False),
        sa.Column('holder', sa.String(length=128), nullable=False),
        sa.Column('until', storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_process_leases')),
    )


def downgrade() -> None:
    op.drop_table('process_leases')
