"""outbox chat nullable: a row addressed to a member names no chat

Use cases write rows to a member; the delivery worker finds the member's chat on the
channel they read when it sends the row. Rows of Zalo-only members used to carry chat 0:
they become NULL. Downgrade gives NULL rows the member's Telegram chat, else 0.

Revision ID: c14a7b0e2d61
Revises: b13c0de5a2e5
Create Date: 2026-12-06 12:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'c14a7b0e2d61'
down_revision: Union[str, Sequence[str], None] = 'b13c0de5a2e5'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.alter_column('chat_id', existing_type=sa.BigInteger(), nullable=True)
    op.execute("UPDATE outbox SET chat_id = NULL WHERE chat_id = 0")


def downgrade() -> None:
    op.execute(
        "UPDATE outbox SET chat_id = COALESCE("
        "(SELECT telegram_id FROM members WHERE members.id = outbox.member_id), 0) "
        "WHERE chat_id IS NULL"
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.alter_column('chat_id', existing_type=sa.BigInteger(), nullable=False)
