"""``chibo backup`` and ``chibo restore``: back up, damage the database, restore, find every row."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner

from bot.backup import check_sqlite_copy
from bot.cli import app
from storage.db import create_engine
from storage.migrate import alembic_config, upgrade
from storage.models import Base
from tests.conftest import _admin_now, postgres_server_url

from .conftest import Invoke

Rows = dict[str, list[tuple[Any, ...]]]
Query = Callable[[Callable[[AsyncSession], Awaitable[Any]]], Any]


async def every_row(session: AsyncSession) -> Rows:
    """Every row of every table, the migrations' own table included, in a fixed order."""
    rows: Rows = {}
    for model_table in Base.metadata.sorted_tables:
        result = await session.execute(
            select(model_table).order_by(*model_table.primary_key.columns)
        )
        rows[model_table.name] = [tuple(row) for row in result]
    version = await session.execute(text("SELECT version_num FROM alembic_version"))
    rows["alembic_version"] = [tuple(row) for row in version]
    return rows


def snapshot(db: Query) -> Rows:
    rows: Rows = db(every_row)
    return rows


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data seeded once by ``chibo demo seed``; each test gets a copy of the file."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(
        app, ["demo", "seed"], env={"CHIBO_DATABASE_URL": f"sqlite+aiosqlite:///{path}"}
    )
    assert result.exit_code == 0, result.output
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    return path


@pytest.fixture
def seeded(demo_template: Path, db: Query, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Rows:
    """The demo data in the test's database; the working directory is the test's own."""
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(demo_template, sqlite_file())
    rows = snapshot(db)
    assert len(rows["progress_reports"]) > 100 and len(rows["members"]) > 20
    return rows


def sqlite_file() -> Path:
    database = make_url(os.environ["CHIBO_DATABASE_URL"]).database
    assert database
    return Path(database)


def delete_rows(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("DELETE FROM members WHERE id % 2 = 0")
        connection.execute("DELETE FROM outbox")
        connection.execute("UPDATE cells SET name = name || ' (sửa nhầm)'")


def truncate_file(path: Path) -> None:
    # A torn write or a full disk: the file ends in the middle of its pages.
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    with path.open("r+b") as file:
        file.truncate(path.stat().st_size // 3)


def overwrite_header(path: Path) -> None:
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    with path.open("r+b") as file:
        file.write(b"\0" * 4096)


@pytest.mark.parametrize("damage", [delete_rows, truncate_file, overwrite_header])
def test_sqlite_backup_damage_restore_finds_every_row(
    chibo: Invoke, db: Query, seeded: Rows, tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    copy = tmp_path / "copy.db"
    result = chibo("backup", str(copy))
    assert result.exit_code == 0, result.output
    assert check_sqlite_copy(copy)[0] == seeded["alembic_version"][0][0]

    damage(sqlite_file())
    if damage is delete_rows:
        assert snapshot(db) != seeded

    result = chibo("restore", str(copy), "--yes")
    assert result.exit_code == 0, result.output
    assert snapshot(db) == seeded
    kept = list((tmp_path / "data" / "backups").glob("chibo-*.before-restore.db*"))
    assert len(kept) == 1 and kept[0].stat().st_size > 0


def test_default_backup_is_timestamped_under_data_backups(
    chibo: Invoke, seeded: Rows, tmp_path: Path
) -> None:
    result = chibo("backup")
    assert result.exit_code == 0, result.output
    (made,) = (tmp_path / "data" / "backups").glob("chibo-*.db")
    assert made.name[len("chibo-") :].replace("-", "").removesuffix(".db").isdigit()
    assert str(made.relative_to(tmp_path)) in " ".join(result.output.split())
    # A second backup never overwrites the first.
    again = chibo("backup", str(made))
    assert again.exit_code == 2 and "Traceback" not in again.output


def test_backup_while_a_writer_is_midway_copies_the_committed_state(
    chibo: Invoke, db: Query, seeded: Rows, tmp_path: Path
) -> None:
    writer = sqlite3.connect(sqlite_file(), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO committees (name, created_at) VALUES ('Đang ghi dở', '2026-01-01')")
    try:
        result = chibo("backup", str(tmp_path / "online.db"))
    finally:
        writer.execute("COMMIT")
        writer.close()
    assert result.exit_code == 0, result.output
    copy = sqlite3.connect(tmp_path / "online.db")
    names = [row[0] for row in copy.execute("SELECT name FROM committees")]
    copy.close()
    assert names == [row[1] for row in seeded["committees"]]
    assert "Đang ghi dở" in [row[1] for row in snapshot(db)["committees"]]


def not_sqlite(path: Path) -> None:
    path.write_bytes(b"Ho va ten,Dang vien\n" * 100)


def not_chibo(path: Path) -> None:
    sqlite3.connect(path).execute("CREATE TABLE notes (id INTEGER)").close()


def unknown_revision(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
    connection.execute("INSERT INTO alembic_version VALUES ('f00dfeedbeef')")
    connection.commit()
    connection.close()


@pytest.mark.parametrize("make", [not_sqlite, not_chibo, unknown_revision])
def test_restore_refuses_what_is_not_a_chibo_backup(
    chibo: Invoke, db: Query, seeded: Rows, tmp_path: Path, make: Callable[[Path], None]
) -> None:
    bogus = tmp_path / "bogus.db"
    make(bogus)
    result = chibo("restore", str(bogus), "--yes")
    assert result.exit_code == 2
    assert "Traceback" not in result.output and str(bogus) in " ".join(result.output.split())
    assert snapshot(db) == seeded
    assert not (tmp_path / "data" / "backups").exists()


def test_restore_without_yes_changes_nothing(
    chibo: Invoke, db: Query, seeded: Rows, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    assert chibo("backup", str(copy)).exit_code == 0
    delete_rows(sqlite_file())
    damaged = snapshot(db)
    result = chibo("restore", str(copy))
    assert result.exit_code == 2 and "--yes" in result.output
    assert snapshot(db) == damaged


@pytest.fixture
def postgres_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database of the test's own on the test server, named in CHIBO_DATABASE_URL."""
    name = f"chibo_backup_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    _admin_now(f'CREATE DATABASE "{name}"')
    url = make_url(postgres_server_url()).set(database=name)
    monkeypatch.setenv("CHIBO_DATABASE_URL", url.render_as_string(hide_password=False))
    try:
        yield name
    finally:
        _admin_now(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def damage_postgres(session: AsyncSession) -> None:
    async with session.begin():
        await session.execute(text("DELETE FROM members WHERE id % 2 = 0"))
        await session.execute(text("DELETE FROM outbox"))
        await session.execute(text("UPDATE cells SET name = name || ' (sửa nhầm)'"))


def test_postgres_backup_damage_restore_finds_every_row(
    chibo: Invoke,
    db: Query,
    postgres_database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert chibo("demo", "seed").exit_code == 0
    before = snapshot(db)
    copy = tmp_path / "chibo.dump"
    result = chibo("backup", str(copy))
    assert result.exit_code == 0, result.output
    assert before["alembic_version"][0][0] in result.output

    db(damage_postgres)
    assert snapshot(db) != before
    result = chibo("restore", str(copy), "--yes")
    assert result.exit_code == 0, result.output
    assert snapshot(db) == before
    (kept,) = (tmp_path / "data" / "backups").glob("chibo-*.before-restore.dump")
    assert kept.stat().st_size > 0


def test_postgres_without_client_tools_prints_the_commands(
    chibo: Invoke, postgres_database: str, tmp_path: Path
) -> None:
    result = chibo("backup", str(tmp_path / "x.dump"), env={"PATH": str(tmp_path)})
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert "pg_dump -Fc" in output and f"--dbname {postgres_database}" in output
    assert "pg_restore" in output and "PGPASSWORD" in output
    password = make_url(os.environ["CHIBO_DATABASE_URL"]).password
    assert not password or password not in output
    assert not (tmp_path / "x.dump").exists()


def test_a_backup_from_an_older_revision_is_migrated_to_head(
    chibo: Invoke, db: Query, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    script = ScriptDirectory.from_config(alembic_config())
    first = next(r.revision for r in script.walk_revisions() if r.down_revision is None)
    old = tmp_path / "old.db"

    async def at_first_revision() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{old}")
        try:
            await upgrade(engine, first)
        finally:
            await engine.dispose()

    asyncio.run(at_first_revision())
    old_copy = tmp_path / "old-copy.db"
    result = chibo(
        "backup", str(old_copy), env={"CHIBO_DATABASE_URL": f"sqlite+aiosqlite:///{old}"}
    )
    assert result.exit_code == 0, result.output
    assert check_sqlite_copy(old_copy)[0] == first

    result = chibo("restore", str(old_copy), "--yes")
    assert result.exit_code == 0, result.output
    head = script.get_current_head()
    assert head is not None and head != first
    assert snapshot(db)["alembic_version"] == [(head,)]


def test_restore_on_postgres_without_client_tools_prints_the_commands(
    chibo: Invoke, postgres_database: str, tmp_path: Path
) -> None:
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"PGDMP")
    result = chibo("restore", str(dump), "--yes", env={"PATH": str(tmp_path)})
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert "pg_restore --clean --if-exists --no-owner --single-transaction" in output
    assert f"--dbname {postgres_database}" in output and str(dump) in output


def test_restore_refuses_the_live_database_itself(
    chibo: Invoke, db: Query, seeded: Rows, tmp_path: Path
) -> None:
    odd = tmp_path / "sao lưu #1?.db"
    assert chibo("backup", str(odd)).exit_code == 0
    assert check_sqlite_copy(odd)[0] == seeded["alembic_version"][0][0]
    result = chibo("restore", str(sqlite_file()), "--yes")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert snapshot(db) == seeded
