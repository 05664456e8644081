"""year configs per committee: own id, committee scope, plan wording; plans keep their config

Revision ID: a13f1e5e7a11
Revises: ff1694979c7b
Create Date: 2026-12-03 09:00:00.000000

Existing configurations become national defaults (``committee_id`` NULL). Before, a
year without a configuration of its own borrowed the latest earlier one; a year that
has plans but no configuration gets a copy of the one it borrowed (theme and sections),
and those plans' items move to the copy's sections, so every plan points at a
configuration of its own year.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

import storage.types


# revision identifiers, used by Alembic.
revision: str = 'a13f1e5e7a11'
down_revision: Union[str, Sequence[str], None] = 'ff1694979c7b'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

WORDING = sa.Enum('lam-theo', 'thuc-hanh', name='planwording', native_enum=False, length=16)


def _create_year_configs() -> None:
    op.create_table('year_configs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('committee_id', sa.Integer(), nullable=True),
    sa.Column('theme', sa.Text(), nullable=False),
    sa.Column('plan_wording', WORDING, nullable=False),
    sa.Column('registration_opens_on', sa.Date(), nullable=True),
    sa.Column('registration_due_on', sa.Date(), nullable=True),
    sa.Column('updated_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_year_configs_committee_id_committees'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_year_configs')),
    sa.UniqueConstraint('year', 'committee_id', name='uq_year_configs_year_committee')
    )
    with op.batch_alter_table('year_configs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_year_configs_committee_id'), ['committee_id'], unique=False)
        batch_op.create_index('uq_year_configs_national_year', ['year'], unique=True, sqlite_where=sa.text('committee_id IS NULL'), postgresql_where=sa.text('committee_id IS NULL'))


def _borrowed_years(bind: sa.engine.Connection) -> None:
    """Years with plans but no configuration: a copy of the configuration they borrowed."""
    configured = {row.year: row.id for row in bind.execute(sa.text('SELECT id, year FROM year_configs'))}
    plan_years = [row[0] for row in bind.execute(sa.text('SELECT DISTINCT year FROM year_plans ORDER BY year'))]
    for year in plan_years:
        if year in configured:
            continue
        earlier = [y for y in configured if y <= year]
        if not configured:
            raise RuntimeError(f'plans of {year} exist but no year configuration at all')
        source_year = max(earlier) if earlier else min(configured)
        source = configured[source_year]
        bind.execute(
            sa.text(
                'INSERT INTO year_configs (year, committee_id, theme, plan_wording, '
                'registration_opens_on, registration_due_on, updated_at) '
                'SELECT :year, NULL, theme, plan_wording, NULL, NULL, updated_at '
                'FROM year_configs WHERE id = :source'
            ),
            {'year': year, 'source': source},
        )
        copy = bind.execute(
            sa.text('SELECT id FROM year_configs WHERE year = :year AND committee_id IS NULL'),
            {'year': year},
        ).scalar_one()
        sections = bind.execute(
            sa.text('SELECT position, title, guidance, example FROM plan_sections '
                    'WHERE year_config_id = :source ORDER BY position'),
            {'source': source},
        ).all()
        for section in sections:
            bind.execute(
                sa.text('INSERT INTO plan_sections (year_config_id, year, position, title, guidance, example) '
                        'VALUES (:config, :year, :position, :title, :guidance, :example)'),
                {'config': copy, 'year': year, 'position': section.position, 'title': section.title,
                 'guidance': section.guidance, 'example': section.example},
            )
        configured[year] = copy


def _now() -> sa.BindParameter[object]:
    return sa.bindparam('now', storage.types.utcnow(), type_=storage.types.UTCDateTime(timezone=True))


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    # A plain copy (no constraints, so no names taken) to fill the new table from.
    op.execute('CREATE TABLE year_configs_old AS SELECT * FROM year_configs')

    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.drop_constraint('fk_plan_sections_year_year_configs', type_='foreignkey')
        batch_op.drop_constraint('uq_plan_sections_year_position', type_='unique')
        batch_op.add_column(sa.Column('year_config_id', sa.Integer(), nullable=True))

    op.drop_table('year_configs')
    _create_year_configs()
    op.execute(
        sa.text(
            'INSERT INTO year_configs (year, committee_id, theme, plan_wording, '
            'registration_opens_on, registration_due_on, updated_at) '
            "SELECT year, NULL, theme, 'lam-theo', registration_opens_on, registration_due_on, :now "
            'FROM year_configs_old ORDER BY year'
        ).bindparams(_now())
    )
    op.drop_table('year_configs_old')
    op.execute(
        'UPDATE plan_sections SET year_config_id = (SELECT c.id FROM year_configs c '
        'WHERE c.year = plan_sections.year AND c.committee_id IS NULL)'
    )
    _borrowed_years(bind)

    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.alter_column('year_config_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('year')
        batch_op.create_foreign_key(batch_op.f('fk_plan_sections_year_config_id_year_configs'), 'year_configs', ['year_config_id'], ['id'], ondelete='CASCADE')
        batch_op.create_unique_constraint('uq_plan_sections_year_config_position', ['year_config_id', 'position'])

    with op.batch_alter_table('year_plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('year_config_id', sa.Integer(), nullable=True))
    op.execute(
        'UPDATE year_plans SET year_config_id = (SELECT c.id FROM year_configs c '
        'WHERE c.year = year_plans.year AND c.committee_id IS NULL)'
    )
    with op.batch_alter_table('year_plans', schema=None) as batch_op:
        batch_op.alter_column('year_config_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_year_plans_year_config_id'), ['year_config_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_year_plans_year_config_id_year_configs'), 'year_configs', ['year_config_id'], ['id'], ondelete='RESTRICT')

    # Items in another configuration's sections (a borrowed year, or a year configured after
    # its first plans) move to the section at the same position of their plan's configuration.
    op.execute(
        'UPDATE plan_items SET section_id = ('
        ' SELECT mine.id FROM plan_sections theirs, plan_sections mine, year_plans p'
        ' WHERE theirs.id = plan_items.section_id AND p.id = plan_items.plan_id'
        ' AND mine.year_config_id = p.year_config_id AND mine.position = theirs.position)'
        ' WHERE EXISTS ('
        ' SELECT 1 FROM plan_sections theirs, plan_sections mine, year_plans p'
        ' WHERE theirs.id = plan_items.section_id AND p.id = plan_items.plan_id'
        ' AND theirs.year_config_id <> p.year_config_id'
        ' AND mine.year_config_id = p.year_config_id AND mine.position = theirs.position)'
    )


def downgrade() -> None:
    """Downgrade schema: only national defaults can go back to one configuration a year."""
    bind = op.get_bind()
    if bind.execute(sa.text('SELECT 1 FROM year_configs WHERE committee_id IS NOT NULL')).first():
        raise RuntimeError('committee year configurations exist: they cannot be downgraded')

    with op.batch_alter_table('year_plans', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_year_plans_year_config_id_year_configs'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_year_plans_year_config_id'))
        batch_op.drop_column('year_config_id')

    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_plan_sections_year_config_id_year_configs'), type_='foreignkey')
        batch_op.drop_constraint('uq_plan_sections_year_config_position', type_='unique')
        batch_op.add_column(sa.Column('year', sa.Integer(), nullable=True))
    op.execute(
        'UPDATE plan_sections SET year = (SELECT c.year FROM year_configs c '
        'WHERE c.id = plan_sections.year_config_id)'
    )

    with op.batch_alter_table('year_configs', schema=None) as batch_op:
        batch_op.drop_index('uq_year_configs_national_year', sqlite_where=sa.text('committee_id IS NULL'), postgresql_where=sa.text('committee_id IS NULL'))
        batch_op.drop_index(batch_op.f('ix_year_configs_committee_id'))
    op.execute('CREATE TABLE year_configs_old AS SELECT * FROM year_configs')
    op.drop_table('year_configs')
    op.create_table('year_configs',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('theme', sa.Text(), nullable=False),
    sa.Column('registration_opens_on', sa.Date(), nullable=True),
    sa.Column('registration_due_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_year_configs'))
    )
    op.execute(
        'INSERT INTO year_configs (year, theme, registration_opens_on, registration_due_on) '
        'SELECT year, theme, registration_opens_on, registration_due_on FROM year_configs_old'
    )
    op.drop_table('year_configs_old')

    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.drop_column('year_config_id')
        batch_op.alter_column('year', existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(batch_op.f('fk_plan_sections_year_year_configs'), 'year_configs', ['year'], ['year'], ondelete='CASCADE')
        batch_op.create_unique_constraint('uq_plan_sections_year_position', ['year', 'position'])
