"""Migration b13c0de5a2e5 splits each committee's one name into organisation and body,
on a database that holds rows from before it, on both backends."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine
from storage.migrate import current_revision, upgrade
from tests.conftest import BACKENDS, _admin_now, postgres_server_url

BEFORE, REVISION = "ff1694979c7b", "b13c0de5a2e5"
CREATED = datetime(2026, 1, 1, tzinfo=UTC)

committees = sa.table(
    "committees",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
cells = sa.table(
    "cells",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("committee_id", sa.Integer),
    sa.column("meeting_day", sa.Integer),
    sa.column("meeting_time", sa.Time),
    sa.column("meeting_place", sa.String),
    sa.column("shift_rule", sa.String),
    sa.column("reminder_offsets", sa.JSON),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
# Names as people typed them before there was more than one name, and what each becomes.
OLD_NAMES = {
    1: "Đảng ủy phường Ngô Quyền",
    2: "Đảng bộ xã Thanh Trù",
    3: "Khối cơ quan tỉnh",
    4: "Đảng uỷ phường Đống Đa",
    5: "Đảng bộ phường Liên Bảo",
    6: "Đảng ủy phường Liên Bảo",  # its organisation's name is already number 5's
}
EXPECTED = {
    1: ("Đảng bộ phường Ngô Quyền", "Đảng ủy phường Ngô Quyền"),
    2: ("Đảng bộ xã Thanh Trù", "Đảng ủy xã Thanh Trù"),
    3: ("Đảng bộ Khối cơ quan tỉnh", "Đảng ủy Khối cơ quan tỉnh"),
    4: ("Đảng bộ phường Đống Đa", "Đảng ủy phường Đống Đa"),
    5: ("Đảng bộ phường Liên Bảo", "Đảng ủy phường Liên Bảo"),
    6: ("Đảng ủy phường Liên Bảo", "Đảng ủy phường Liên Bảo"),
}


@pytest.fixture(params=BACKENDS)
async def blank(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """An empty database of this test's own, not migrated yet."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
        yield engine
        await engine.dispose()
        return
    name = f"chibo_mig_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    _admin_now(f'CREATE DATABASE "{name}"')
    url = make_url(postgres_server_url()).set(database=name)
    engine = create_engine(url.render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        await engine.dispose()
        _admin_now(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def test_existing_committees_are_split_and_cells_get_empty_lines(blank: AsyncEngine) -> None:
    await upgrade(blank, BEFORE)
    async with blank.begin() as conn:
        await conn.execute(
            sa.insert(committees),
            [{"id": i, "name": name, "created_at": CREATED} for i, name in OLD_NAMES.items()],
        )
        await conn.execute(
            sa.insert(cells),
            [
                {
                    "id": 1,
                    "name": "Chi bộ khu phố 3",
                    "committee_id": 1,
                    "meeting_day": 5,
                    "meeting_time": time(14, 0),
                    "meeting_place": "Nhà văn hóa",
                    "shift_rule": "next_working_day",
                    "reminder_offsets": [3, 1],
                    "created_at": CREATED,
                }
            ],
        )

    await upgrade(blank, REVISION)
    assert await current_revision(blank) == REVISION
    async with blank.connect() as conn:
        rows = (
            await conn.execute(
                sa.text(
                    "SELECT id, name, executive_name, upper_unit, symbol, locality "
                    "FROM committees ORDER BY id"
                )
            )
        ).all()
        cell = (await conn.execute(sa.text("SELECT locality, upper_unit FROM cells"))).one()
    assert {row.id: (row.name, row.executive_name) for row in rows} == EXPECTED
    assert {(row.upper_unit, row.symbol, row.locality) for row in rows} == {("", "ĐU", "")}
    assert tuple(cell) == ("", "")

    await upgrade(blank)  # and on to the newest revision, whatever comes after
    async with blank.connect() as conn:
        names = list(await conn.scalars(sa.text("SELECT name FROM committees ORDER BY id")))
    assert names == [organisation for organisation, _ in EXPECTED.values()]


async def test_downgrade_keeps_the_organisations_name(blank: AsyncEngine) -> None:
    await upgrade(blank, BEFORE)
    async with blank.begin() as conn:
        await conn.execute(
            sa.insert(committees), [{"id": 1, "name": OLD_NAMES[1], "created_at": CREATED}]
        )
    await upgrade(blank, REVISION)

    def down(connection: sa.Connection) -> list[str]:
        from alembic import command

        from storage.migrate import alembic_config

        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)
        return [c["name"] for c in sa.inspect(connection).get_columns("committees")]

    async with blank.begin() as conn:
        columns = await conn.run_sync(down)
        name = await conn.scalar(sa.text("SELECT name FROM committees"))
    assert columns == ["id", "name", "created_at"]
    assert name == "Đảng bộ phường Ngô Quyền"
    assert await current_revision(blank) == BEFORE
