"""A province of made-up data: cells, members, a year of plans and monthly reports.

``python -m bench.generate --members 100000 --cells 2500 --url …`` or ``populate(engine, …)``.
Reproducible by ``seed``. Rows are produced in chunks of members and written with COPY
(asyncpg ``copy_records_to_table``) on PostgreSQL and ``executemany`` in large
transactions on SQLite, straight through the driver: the ORM would take longer than the
benchmark. Values are written in the form SQLAlchemy writes them (UTC, strings on SQLite).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.databases import create_schema
from storage.db import create_engine

YEAR = 2025
MONTHS = range(1, 13)
SECTIONS = ("Học tập, quán triệt", "Tu dưỡng, rèn luyện", "Việc làm cụ thể")
STATUSES = ("done", "in_progress", "not_started")
NOTES = ("Đã hoàn thành đúng hạn", "Cần thêm thời gian", "Phối hợp với tổ dân phố")
# Hà Nội is UTC+7 all year: the cell meets at 14:00 local time.
MEETING_UTC = time(7, 0)
CHUNK_MEMBERS = 2_000
EPOCH = datetime(2024, 12, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Province:
    members: int
    cells: int
    seed: int = 2025
    report_share: float = 0.9
    on_time_share: float = 0.8
    note_share: float = 0.25


@dataclass(frozen=True)
class Generated:
    committee_id: int
    cell_ids: range
    member_ids: range
    item_progress_rows: int
    year: int = YEAR


Rows = list[tuple[Any, ...]]
COLUMNS: dict[str, tuple[str, ...]] = {
    "committees": ("id", "name", "created_at"),
    "cells": ("id", "name", "committee_id", "meeting_day", "meeting_time", "meeting_place",
              "shift_rule", "reminder_offsets", "created_at"),
    "year_configs": ("id", "year", "theme", "plan_wording", "updated_at"),
    "plan_sections": ("id", "year_config_id", "position", "title", "guidance", "example"),
    "meetings": ("id", "cell_id", "year", "month", "rule_starts_at", "starts_at", "place",
                 "topic", "thematic", "moved", "cancelled"),
    "members": ("id", "full_name", "telegram_id", "cell_id", "role", "party_status", "status",
                "reachable", "anonymised", "joined_at"),
    "cell_memberships": ("id", "member_id", "cell_id", "role", "start_on"),
    "year_plans": ("id", "member_id", "cell_id", "year", "year_config_id", "status", "submitted_at",
                   "created_at", "updated_at", "items_planned"),
    "plan_items": ("id", "plan_id", "section_id", "position", "text"),
    "progress_reports": ("id", "member_id", "cell_id", "year", "month", "status", "difficulties",
                         "proposals", "submitted_at", "created_at", "updated_at", "items_done",
                         "items_in_progress", "items_not_started"),
    "item_progress": ("id", "report_id", "plan_item_id", "status", "note"),
}  # fmt: skip


def meeting_at(month: int) -> datetime:
    return datetime.combine(date(YEAR, month, 5), MEETING_UTC, UTC)


class Generator:
    """Produces the rows; ids are assigned here so that chunks can be written independently."""

    def __init__(self, province: Province) -> None:
        self.province = province
        self.random = random.Random(province.seed)
        self.plan_item_id = 0
        self.report_id = 0
        self.progress_id = 0

    def fixed(self) -> dict[str, Rows]:
        cells = self.province.cells
        return {
            "committees": [(1, "Tỉnh ủy đo tốc độ", EPOCH)],
            "cells": [
                (c, f"Chi bộ số {c}", 1, 5, time(14, 0), "Nhà văn hóa", "none", [3, 1], EPOCH)
                for c in range(1, cells + 1)
            ],
            "year_configs": [(1, YEAR, "Chuyên đề năm", "lam-theo", EPOCH)],
            "plan_sections": [(n, 1, n, title, "", "") for n, title in enumerate(SECTIONS, 1)],
            "meetings": [
                ((c - 1) * 12 + m, c, YEAR, m, meeting_at(m), meeting_at(m), "", "", False,
                 False, False)
                for c in range(1, cells + 1)
                for m in MONTHS
            ],
        }  # fmt: skip

    def cell_of(self, member_id: int) -> int:
        return (member_id - 1) % self.province.cells + 1

    def chunk(self, first: int, last: int) -> dict[str, Rows]:
        """Every row that belongs to members ``first..last``."""
        rows: dict[str, Rows] = {name: [] for name in list(COLUMNS)[5:]}
        for member_id in range(first, last + 1):
            self._member(member_id, rows)
        return rows

    def _member(self, member_id: int, rows: dict[str, Rows]) -> None:
        rnd, cell = self.random, self.cell_of(member_id)
        rows["members"].append((member_id, f"Đảng viên {member_id}", 10**9 + member_id, cell,
                                "member", "official", "active", True, False, EPOCH))  # fmt: skip
        rows["cell_memberships"].append((member_id, member_id, cell, "member", date(2024, 1, 1)))
        submitted = datetime(YEAR, 1, 20, 3, tzinfo=UTC)
        count = rnd.randint(3, 6)
        rows["year_plans"].append((member_id, member_id, cell, YEAR, 1, "acknowledged",
                                   submitted, submitted, submitted, count))  # fmt: skip
        items = []
        for position in range(1, count + 1):
            self.plan_item_id += 1
            items.append(self.plan_item_id)
            rows["plan_items"].append((self.plan_item_id, member_id, rnd.randint(1, 3), position,
                                       f"Việc {position} của đảng viên {member_id}"))  # fmt: skip
        for month in MONTHS:
            if rnd.random() < self.province.report_share:
                self._report(member_id, cell, month, items, rows)

    def _report(self, member_id: int, cell: int, month: int, items: Sequence[int],
                rows: dict[str, Rows]) -> None:  # fmt: skip
        rnd, province = self.random, self.province
        self.report_id += 1
        early = rnd.random() < province.on_time_share
        at = meeting_at(month) + timedelta(
            hours=rnd.randint(-96, -1) if early else rnd.randint(1, 96)
        )
        progress = []
        for item in items:
            self.progress_id += 1
            note = rnd.choice(NOTES) if rnd.random() < province.note_share else ""
            progress.append((self.progress_id, self.report_id, item, rnd.choice(STATUSES), note))
        # The counters ``storage.counters`` keeps, as the ORM would have left them.
        counts = [sum(1 for row in progress if row[3] == status) for status in STATUSES]
        rows["progress_reports"].append((self.report_id, member_id, cell, YEAR, month, "submitted",
                                         "", "", at, at, at, *counts))  # fmt: skip
        rows["item_progress"] += progress


def _sqlite_value(value: Any) -> Any:
    """What SQLAlchemy's SQLite dialect stores for these Python values."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | dict):
        return json.dumps(value)
    return value


class Writer:
    """Bulk writes through the engine's own driver connection."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"

    async def write(self, tables: dict[str, Rows]) -> None:
        async with self.engine.begin() as conn:
            raw = await conn.get_raw_connection()
            driver: Any = raw.driver_connection
            for table, rows in tables.items():
                if rows:
                    await self._write_table(driver, table, rows)

    async def _write_table(self, driver: Any, table: str, rows: Rows) -> None:
        columns = COLUMNS[table]
        if self.sqlite:
            marks = ", ".join("?" * len(columns))
            statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            await driver.executemany(statement, [tuple(map(_sqlite_value, r)) for r in rows])
        else:
            if table == "cells":
                rows = [(*r[:7], json.dumps(r[7]), r[8]) for r in rows]
            await driver.copy_records_to_table(table, records=rows, columns=list(columns))

    async def finish(self, generated: Generated) -> None:
        """Move the sequences past the ids written, and refresh the planner's statistics."""
        async with self.engine.begin() as conn:
            raw = await conn.get_raw_connection()
            driver: Any = raw.driver_connection
            if self.sqlite:
                await driver.execute("ANALYZE")
                return
            for table in COLUMNS:
                await driver.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
        async with self.engine.connect() as conn:
            raw = await conn.get_raw_connection()
            vacuum: Any = raw.driver_connection
            await vacuum.execute("VACUUM ANALYZE")


def member_chunks(total: int) -> Iterator[tuple[int, int]]:
    for first in range(1, total + 1, CHUNK_MEMBERS):
        yield first, min(total, first + CHUNK_MEMBERS - 1)


async def populate(engine: AsyncEngine, province: Province, *, show: bool = True) -> Generated:
    """Fill an empty chibo schema with ``province``; what was generated."""
    generator = Generator(province)
    writer = Writer(engine)
    await writer.write(generator.fixed())
    columns = (BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, disable=not show, transient=True) as progress:
        task = progress.add_task(f"{engine.dialect.name}: members", total=province.members)
        for first, last in member_chunks(province.members):
            await writer.write(generator.chunk(first, last))
            progress.update(task, completed=last)
    generated = Generated(
        committee_id=1,
        cell_ids=range(1, province.cells + 1),
        member_ids=range(1, province.members + 1),
        item_progress_rows=generator.progress_id,
    )
    await writer.finish(generated)
    return generated


async def _main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate")
    parser.add_argument("--url", required=True, help="an EMPTY database (the schema is created)")
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--cells", type=int, default=2_500)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    engine = create_engine(args.url)
    try:
        await create_schema(engine)
        generated = await populate(engine, Province(args.members, args.cells, args.seed))
        print(f"{generated.item_progress_rows:,} item_progress rows")
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(_main())
