"""zalo inbox: the webhook stores an update, then handles it

``inbound_messages`` also holds the Zalo updates the webhook has stored but not yet
handled: their ``payload`` until they are handled, and ``handled_at`` once they are. Rows
recorded before (handled ones) get neither.

Revision ID: f47a3b2c9d10
Revises: e36f2a1d4b58
Create Date: 2026-12-08 01:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import storage.types


# revision identifiers, used by Alembic.
revision: str = 'f47a3b2c9d10'
down_revision: Union[str, Sequence[str], None] = 'e36f2a1d4b58'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('inbound_messages') as batch:
        batch.add_column(sa.Column('payload', sa.JSON(), nullable=True))
        batch.add_column(
            sa.Column('handled_at', storage.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    # Updates stored and not handled yet are lost with their payload.
    op.execute('DELETE FROM inbound_messages WHERE payload IS NOT NULL AND handled_at IS NULL')
    with op.batch_alter_table('inbound_messages') as batch:
        batch.drop_column('handled_at')
        batch.drop_column('payload')
