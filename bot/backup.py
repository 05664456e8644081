"""Backups of chibo's database and restoring one, without a traceback for bad input.

SQLite: ``Connection.backup`` copies a consistent snapshot while the bot keeps
writing (a read transaction in WAL mode), into a single self-contained file
(journal mode DELETE) that is then checked: ``PRAGMA integrity_check`` and an
Alembic revision this version of chibo knows. Restoring writes the copy into the
live file through the same API, so connections the bot still holds see the restored
pages rather than a file swapped under them; a database too damaged to open is
replaced as a file.

PostgreSQL: ``pg_dump -Fc`` and ``pg_restore`` (client tools of the server's
major version) with the URL's host, port, user and database; the password goes
through ``PGPASSWORD``, never the command line. Without them on PATH the command
prints the commands to run by hand.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from alembic.script import ScriptDirectory
from sqlalchemy.engine import URL, make_url

from storage.migrate import alembic_config

BACKUP_DIR = Path("data") / "backups"
# pg_restore --list names the table whose data holds the revision.
_REVISION_DATA = re.compile(r"TABLE DATA \S+ alembic_version ")
_COPY_ROW = re.compile(r"^COPY \S*alembic_version \(version_num\) FROM stdin;\n(\w+)\n", re.M)


class BackupError(Exception):
    """A backup or restore refused with a reason: a message id and its arguments."""

    def __init__(self, msg_id: str, **args: object) -> None:
        super().__init__(msg_id)
        self.msg_id = msg_id
        self.args_ = args


@dataclass(frozen=True)
class BackupResult:
    path: Path
    revision: str
    size: int
    tables: int = 0


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def sqlite_path(url: str | URL) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("cli-backup-sqlite-no-file")
    return Path(database)


# --------------------------------------------------------------------------- SQLite


def check_sqlite_copy(path: Path) -> tuple[str, int]:
    """The revision and table count of a chibo SQLite file; ``BackupError`` if it is not one."""
    if not path.is_file():
        raise BackupError("cli-backup-file-missing", path=str(path))
    try:
        connection = sqlite3.connect(_read_only(path), uri=True)
        try:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError("cli-backup-damaged", path=str(path), reason=verdict)
            tables = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
            try:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError:
                row = None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError("cli-backup-not-sqlite", path=str(path), reason=str(error)) from error
    return _known(path, row[0] if row else None), int(tables)


def _read_only(path: Path) -> str:
    # A URI, so that a file name with "?" or "#" in it stays a file name.
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def _known(path: Path, revision: str | None) -> str:
    if revision is None:
        raise BackupError("cli-backup-not-chibo", path=str(path))
    if revision not in known_revisions():
        raise BackupError("cli-backup-unknown-revision", path=str(path), revision=revision)
    return revision


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of ``source`` in one self-contained file at ``target``."""
    src = sqlite3.connect(source, timeout=15)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def backup_sqlite(url: str, target: Path) -> BackupResult:
    source = sqlite_path(url)
    if not source.is_file():
        raise BackupError("cli-backup-file-missing", path=str(source))
    if target.exists():
        raise BackupError("cli-backup-target-exists", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _copy_sqlite(source, partial)
        revision, tables = check_sqlite_copy(partial)
    except sqlite3.DatabaseError as error:
        partial.unlink(missing_ok=True)
        raise BackupError("cli-backup-not-sqlite", path=str(source), reason=str(error)) from error
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(target)
    return BackupResult(target, revision, target.stat().st_size, tables)


def restore_sqlite(url: str, backup: Path, aside: Path) -> Path | None:
    """Write ``backup`` into the database; the replaced one is kept at ``aside``.

    Returns where the replaced database was kept, ``None`` when there was none.
    """
    check_sqlite_copy(backup)
    live = sqlite_path(url)
    if live.exists() and live.resolve() == backup.resolve():
        raise BackupError("cli-restore-same-file", path=str(backup))
    kept = _keep_aside(live, aside)
    live.parent.mkdir(parents=True, exist_ok=True)
    try:
        _write_into(backup, live)
    except sqlite3.DatabaseError:
        # Too damaged to open as a database: replace the file and its journals.
        for path in _files_of(live):
            path.unlink(missing_ok=True)
        _write_into(backup, live)
    return kept


def _write_into(backup: Path, live: Path) -> None:
    src = sqlite3.connect(_read_only(backup), uri=True)
    try:
        dst = sqlite3.connect(live, timeout=15)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _files_of(live: Path) -> list[Path]:
    return [live, live.with_name(live.name + "-wal"), live.with_name(live.name + "-shm")]


def _keep_aside(live: Path, aside: Path) -> Path | None:
    if not live.exists():
        return None
    try:
        _copy_sqlite(live, aside)
    except sqlite3.DatabaseError:
        # A damaged database is kept as the bytes it is, journal included.
        aside.unlink(missing_ok=True)
        for path in _files_of(live)[:2]:
            if path.exists():
                shutil.copyfile(path, aside.with_name(aside.name + path.name[len(live.name) :]))
    return aside


# --------------------------------------------------------------------------- PostgreSQL


@dataclass(frozen=True)
class PgTarget:
    """How the client tools reach the database named by a URL."""

    args: tuple[str, ...]
    env: dict[str, str]

    @classmethod
    def of(cls, url: str | URL) -> PgTarget:
        parsed = make_url(url)
        args: list[str] = []
        if parsed.host:
            args += ["--host", parsed.host]
        if parsed.port:
            args += ["--port", str(parsed.port)]
        if parsed.username:
            args += ["--username", parsed.username]
        args += ["--dbname", parsed.database or ""]
        env = {**os.environ}
        if parsed.password:
            env["PGPASSWORD"] = str(parsed.password)
        return cls(tuple(args), env)


def pg_tools() -> bool:
    return bool(shutil.which("pg_dump") and shutil.which("pg_restore"))


def pg_guidance(url: str | URL, target: Path) -> tuple[str, str]:
    """The commands to run by hand: a dump, and a restore of it."""
    args = " ".join(PgTarget.of(url).args)
    return (
        f"pg_dump -Fc --no-owner {args} --file {target}",
        f"pg_restore --clean --if-exists --no-owner --single-transaction {args} {target}",
    )


def _run(command: Sequence[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        raise BackupError(
            "cli-backup-tool-failed", tool=command[0], reason=lines[0] if lines else "?"
        )
    return done.stdout


def check_pg_dump(path: Path) -> str:
    """The revision recorded in a ``pg_dump -Fc`` archive; ``BackupError`` if it is not chibo's."""
    if not path.is_file():
        raise BackupError("cli-backup-file-missing", path=str(path))
    try:
        listing = _run(["pg_restore", "--list", str(path)], dict(os.environ))
    except BackupError as error:
        raise BackupError("cli-backup-not-pg-dump", path=str(path)) from error
    if not _REVISION_DATA.search(listing):
        raise BackupError("cli-backup-not-chibo", path=str(path))
    data = _run(
        ["pg_restore", "--data-only", "--table", "alembic_version", "--file", "-", str(path)],
        dict(os.environ),
    )
    match = _COPY_ROW.search(data)
    return _known(path, match.group(1) if match else None)


def backup_pg(url: str, target: Path) -> BackupResult:
    if target.exists():
        raise BackupError("cli-backup-target-exists", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    pg = PgTarget.of(url)
    try:
        _run(["pg_dump", "-Fc", "--no-owner", *pg.args, "--file", str(partial)], pg.env)
        revision = check_pg_dump(partial)
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(target)
    return BackupResult(target, revision, target.stat().st_size)


def restore_pg(url: str, backup: Path, aside: Path) -> Path:
    """Dump the current database to ``aside``, then restore ``backup`` in one transaction."""
    check_pg_dump(backup)
    pg = PgTarget.of(url)
    _run(["pg_dump", "-Fc", "--no-owner", *pg.args, "--file", str(aside)], pg.env)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *pg.args,
            str(backup),
        ],
        pg.env,
    )
    return aside
