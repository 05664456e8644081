"""item counters: planned items per plan, item statuses per report

Summaries read these instead of visiting every item_progress row; ``storage.counters``
keeps them at each flush. Filled here from the rows already stored.

Revision ID: a58b4c3d2e11
Revises: f47a3b2c9d10
Create Date: 2026-12-08 03:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'a58b4c3d2e11'
down_revision: Union[str, Sequence[str], None] = 'f47a3b2c9d10'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

REPORT_COUNTERS = {
    'items_done': 'done',
    'items_in_progress': 'in_progress',
    'items_not_started': 'not_started',
}


def _counter(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), server_default='0', nullable=False)


def upgrade() -> None:
    with op.batch_alter_table('year_plans', schema=None) as batch_op:
        batch_op.add_column(_counter('items_planned'))
    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        for name in REPORT_COUNTERS:
            batch_op.add_column(_counter(name))
    op.execute(
        'UPDATE year_plans SET items_planned = '
        '(SELECT count(*) FROM plan_items WHERE plan_items.plan_id = year_plans.id)'
    )
    op.execute(
        'UPDATE progress_reports SET '
        + ', '.join(
            f"{name} = (SELECT count(*) FROM item_progress WHERE "
            f"item_progress.report_id = progress_reports.id AND item_progress.status = '{status}')"
            for name, status in REPORT_COUNTERS.items()
        )
    )


def downgrade() -> None:
    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        for name in reversed(list(REPORT_COUNTERS)):
            batch_op.drop_column(name)
    with op.batch_alter_table('year_plans', schema=None) as batch_op:
        batch_op.drop_column('items_planned')
