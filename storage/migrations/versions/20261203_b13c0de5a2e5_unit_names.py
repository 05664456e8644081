"""unit names: a committee's organisation, executive body, upper unit, symbol, locality;
a cell's locality and upper-unit line

One ``committees.name`` used to stand for both the organisation ("Đảng bộ X") and its
executive body ("Đảng ủy X"). Existing rows are split:

- "Đảng ủy X" (or "Đảng uỷ X") -> organisation "Đảng bộ X", body "Đảng ủy X";
- "Đảng bộ X" -> organisation "Đảng bộ X", body "Đảng ủy X";
- anything else, "X" -> organisation "Đảng bộ X", body "Đảng ủy X".

If the new organisation name is already another committee's, the row keeps its old name
as the organisation (names are unique) and gets the body as above. Upper unit and
locality start empty, the symbol is "ĐU"; cells get an empty locality and upper-unit line
(documents then print the committee's locality, or dots to fill in by hand, and the
committee's organisation name above the cell).

Revision ID: b13c0de5a2e5
Revises: a13f1e5e7a11
Create Date: 2026-12-03 09:00:00.000000

"""
import unicodedata
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'b13c0de5a2e5'
down_revision: Union[str, Sequence[str], None] = 'a13f1e5e7a11'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# A copy, frozen here, of domain.units.split_committee_name as it was at this revision.
ORGANISATION, BODY = "Đảng bộ", "Đảng ủy"
BODY_SPELLINGS = ("Đảng ủy", "Đảng uỷ")


def _rest(name: str, prefix: str) -> str | None:
    head = name[: len(prefix)]
    tail = name[len(prefix):]
    if head.casefold() == prefix.casefold() and tail[:1].isspace() and tail.strip():
        return tail.strip()
    return None


def split_committee_name(name: str) -> tuple[str, str]:
    value = unicodedata.normalize("NFC", name).strip()
    for prefix in (*BODY_SPELLINGS, ORGANISATION):
        rest = _rest(value, prefix)
        if rest is not None:
            return f"{ORGANISATION} {rest}", f"{BODY} {rest}"
    return f"{ORGANISATION} {value}", f"{BODY} {value}"


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('committees', schema=None) as batch_op:
        batch_op.add_column(sa.Column('executive_name', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('upper_unit', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('symbol', sa.String(length=16), server_default='ĐU', nullable=False))
        batch_op.add_column(sa.Column('locality', sa.String(length=100), server_default='', nullable=False))

    with op.batch_alter_table('cells', schema=None) as batch_op:
        batch_op.add_column(sa.Column('locality', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('upper_unit', sa.String(length=200), server_default='', nullable=False))

    bind = op.get_bind()
    committees = sa.table(
        'committees', sa.column('id', sa.Integer), sa.column('name', sa.String),
        sa.column('executive_name', sa.String),
    )
    rows = bind.execute(sa.select(committees.c.id, committees.c.name).order_by(committees.c.id)).all()
    taken = {name for _, name in rows}
    for committee_id, name in rows:
        organisation, body = split_committee_name(name)
        if organisation != name:
            if organisation in taken:
                organisation = name
            else:
                taken.discard(name)
                taken.add(organisation)
        bind.execute(
            sa.update(committees)
            .where(committees.c.id == committee_id)
            .values(name=organisation, executive_name=body)
        )


def downgrade() -> None:
    """Downgrade schema: ``name`` keeps the organisation's name, the rest is dropped."""
    with op.batch_alter_table('cells', schema=None) as batch_op:
        batch_op.drop_column('upper_unit')
        batch_op.drop_column('locality')

    with op.batch_alter_table('committees', schema=None) as batch_op:
        batch_op.drop_column('locality')
        batch_op.drop_column('symbol')
        batch_op.drop_column('upper_unit')
        batch_op.drop_column('executive_name')
