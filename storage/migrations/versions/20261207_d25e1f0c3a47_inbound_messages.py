"""inbound messages: the replay guard serves Telegram updates too

The table of handled Zalo message ids becomes the table of every channel's handled
updates (``telegram:<update id>`` keys beside Zalo's message ids), so a replay reaching
another bot worker is recognised. Existing rows are kept.

Revision ID: d25e1f0c3a47
Revises: c14a7b0e2d61
Create Date: 2026-12-07 02:00:00.000000

"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = 'd25e1f0c3a47'
down_revision: Union[str, Sequence[str], None] = 'c14a7b0e2d61'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.drop_index('ix_zalo_inbound_messages_received_at', table_name='zalo_inbound_messages')
    op.rename_table('zalo_inbound_messages', 'inbound_messages')
    _rename_primary_key('pk_zalo_inbound_messages', 'pk_inbound_messages')
    op.create_index('ix_inbound_messages_received_at', 'inbound_messages', ['received_at'])


def downgrade() -> None:
    op.execute("DELETE FROM inbound_messages WHERE message_id LIKE 'telegram:%'")
    op.drop_index('ix_inbound_messages_received_at', table_name='inbound_messages')
    op.rename_table('inbound_messages', 'zalo_inbound_messages')
    _rename_primary_key('pk_inbound_messages', 'pk_zalo_inbound_messages')
    op.create_index(
        'ix_zalo_inbound_messages_received_at', 'zalo_inbound_messages', ['received_at']
    )


def _rename_primary_key(old: str, new: str) -> None:
    # SQLite names no constraints; PostgreSQL keeps the old name through a table rename.
    if op.get_bind().dialect.name == 'postgresql':
        table = 'inbound_messages' if old.startswith('pk_zalo') else 'zalo_inbound_messages'
        op.execute(f'ALTER TABLE {table} RENAME CONSTRAINT {old} TO {new}')
