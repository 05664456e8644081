"""exemplary items: the done items a cell's leaders choose for the month's models

Revision ID: b7c1d2e3f405
Revises: a58b4c3d2e11
Create Date: 2026-12-09 03:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'b7c1d2e3f405'
down_revision: Union[str, Sequence[str], None] = 'a58b4c3d2e11'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('item_progress', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('exemplary', sa.Boolean(), server_default=sa.text('false'), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('item_progress', schema=None) as batch_op:
        batch_op.drop_column('exemplary')
