"""The migrations create exactly what the models declare, on both backends."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine
from storage.migrate import current_revision, downgrade, upgrade
from storage.models import Base
from tests.conftest import BACKENDS, _admin_now, postgres_server_url


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "render_as_batch": True}
    )
    return list(compare_metadata(context, Base.metadata))


async def test_upgrade_to_head_leaves_no_difference_with_models(engine: AsyncEngine) -> None:
    assert await current_revision(engine) is not None
    async with engine.connect() as conn:
        diff = await conn.run_sync(_diff)
        tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert diff == []
    assert set(Base.metadata.tables) <= tables


async def test_backend_is_the_one_named(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            version = await conn.scalar(text("SHOW server_version"))
            assert version and int(str(version).split(".")[0]) >= 13
        else:
            mode = await conn.scalar(text("PRAGMA journal_mode"))
            timeout = await conn.scalar(text("PRAGMA busy_timeout"))
            assert mode == "wal"
            assert timeout and int(timeout) >= 5000


@pytest.fixture(params=BACKENDS)
async def fresh_engine(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[AsyncEngine]:
    """An empty database with no schema at all, on each backend."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
        yield engine
        await engine.dispose()
        return
    name = f"chibo_migration_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    _admin_now(f'CREATE DATABASE "{name}"')
    engine = create_engine(make_url(postgres_server_url()).set(database=name))
    try:
        yield engine
    finally:
        await engine.dispose()
        _admin_now(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


OLD_ROWS = """
INSERT INTO committees (id, name, created_at)
    VALUES (1, 'Đảng bộ phường', '2025-01-01 00:00:00+00');
INSERT INTO cells (id, name, committee_id, meeting_day, meeting_time, meeting_place, shift_rule,
    reminder_offsets, created_at)
    VALUES (1, 'Chi bộ 1', 1, 5, '14:00:00', '', 'none', '[3]', '2025-01-01 00:00:00+00');
INSERT INTO members (id, full_name, cell_id, role, party_status, status, reachable, anonymised,
    joined_at, reminder_channel)
    VALUES (1, 'Lê Văn An', 1, 'member', 'official', 'active', true, false,
    '2025-01-01 00:00:00+00', 'telegram');
INSERT INTO year_configs (year, theme, registration_opens_on, registration_due_on)
    VALUES (2025, 'Chuyên đề 2025', '2025-01-02', '2025-01-31');
INSERT INTO plan_sections (id, year, position, title, guidance, example)
    VALUES (10, 2025, 1, 'Học tập', '', ''), (11, 2025, 2, 'Việc làm cụ thể', 'g', 'e');
INSERT INTO year_plans (id, member_id, cell_id, year, status, created_at, updated_at)
    VALUES (100, 1, 1, 2025, 'acknowledged', '2025-01-05 00:00:00+00', '2025-01-05 00:00:00+00'),
           (101, 1, 1, 2026, 'draft', '2026-01-05 00:00:00+00', '2026-01-05 00:00:00+00');
INSERT INTO plan_items (id, plan_id, section_id, position, text)
    VALUES (1000, 100, 10, 1, 'Đọc tài liệu'), (1001, 100, 11, 2, 'Dọn phố'),
           (1002, 101, 11, 1, 'Dọn phố mỗi sáng Chủ nhật');
INSERT INTO progress_reports (id, member_id, cell_id, year, month, status, difficulties,
    proposals, created_at, updated_at)
    VALUES (7, 1, 1, 2025, 3, 'submitted', '', '', '2025-03-01 00:00:00+00',
    '2025-03-01 00:00:00+00');
INSERT INTO item_progress (id, report_id, plan_item_id, status, note)
    VALUES (70, 7, 1001, 'done', 'Bốn buổi');
"""


async def test_old_year_configs_become_national_defaults(fresh_engine: AsyncEngine) -> None:
    """2025 is configured; 2026 borrowed it. Nothing is lost, 2026 gets a copy of its own."""
    await upgrade(fresh_engine, "ff1694979c7b")
    async with fresh_engine.begin() as conn:
        for statement in OLD_ROWS.split(";"):
            if statement.strip():
                await conn.execute(text(statement))
    await upgrade(fresh_engine)
    async with fresh_engine.connect() as conn:
        configs = (
            await conn.execute(
                text(
                    "SELECT id, year, committee_id, theme, plan_wording, registration_opens_on "
                    "FROM year_configs ORDER BY year"
                )
            )
        ).all()
        sections = (
            await conn.execute(
                text(
                    "SELECT year_config_id, position, title FROM plan_sections "
                    "ORDER BY year_config_id, position"
                )
            )
        ).all()
        plans = dict((await conn.execute(text("SELECT id, year_config_id FROM year_plans"))).all())
        items = (
            await conn.execute(
                text(
                    "SELECT i.id, s.year_config_id, s.position FROM plan_items i "
                    "JOIN plan_sections s ON s.id = i.section_id ORDER BY i.id"
                )
            )
        ).all()
        progress = (await conn.execute(text("SELECT plan_item_id, note FROM item_progress"))).all()
    (id_2025, *first), (id_2026, *second) = configs
    # Raw SQL: SQLite gives the date as its text.
    assert [*first[:4], str(first[4])] == [2025, None, "Chuyên đề 2025", "lam-theo", "2025-01-02"]
    assert second == [2026, None, "Chuyên đề 2025", "lam-theo", None]
    assert [tuple(s) for s in sections] == [
        (id_2025, 1, "Học tập"),
        (id_2025, 2, "Việc làm cụ thể"),
        (id_2026, 1, "Học tập"),
        (id_2026, 2, "Việc làm cụ thể"),
    ]
    assert plans == {100: id_2025, 101: id_2026}
    assert [tuple(i) for i in items] == [(1000, id_2025, 1), (1001, id_2025, 2), (1002, id_2026, 2)]
    assert [tuple(p) for p in progress] == [(1001, "Bốn buổi")]
    async with fresh_engine.connect() as conn:
        assert await conn.run_sync(_diff) == []
        if fresh_engine.dialect.name == "sqlite":
            assert await conn.scalar(text("PRAGMA foreign_keys")) == 1


async def test_downgrade_gives_back_one_configuration_a_year(fresh_engine: AsyncEngine) -> None:
    await upgrade(fresh_engine, "ff1694979c7b")
    async with fresh_engine.begin() as conn:
        for statement in OLD_ROWS.split(";"):
            if statement.strip():
                await conn.execute(text(statement))
    await upgrade(fresh_engine)
    await downgrade(fresh_engine, "ff1694979c7b")
    async with fresh_engine.connect() as conn:
        years = (
            await conn.execute(text("SELECT year, theme FROM year_configs ORDER BY year"))
        ).all()
        count = await conn.scalar(text("SELECT count(*) FROM plan_items"))
    assert [tuple(y) for y in years] == [(2025, "Chuyên đề 2025"), (2026, "Chuyên đề 2025")]
    assert count == 3
