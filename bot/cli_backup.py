"""``chibo backup`` and ``chibo restore``: one checked copy of the database, and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from bot.backup import (
    BACKUP_DIR,
    BackupError,
    backup_pg,
    backup_sqlite,
    check_pg_dump,
    check_sqlite_copy,
    pg_guidance,
    pg_tools,
    restore_pg,
    restore_sqlite,
)
from bot.cli_common import (
    EXIT_CONFIG,
    EXIT_RULE,
    current_moment,
    fail,
    guarded,
    out,
    safe_url,
    settings,
)
from config.settings import Settings
from locales import t
from storage.db import create_engine, is_sqlite
from storage.migrate import current_revision, upgrade


def _stamp(config: Settings) -> str:
    return current_moment(config).astimezone(config.tz).strftime("%Y%m%d-%H%M%S")


def _refuse(error: BackupError) -> NoReturn:
    fail(t(error.msg_id, **error.args_), EXIT_CONFIG)


def backup(
    target: Annotated[
        Path | None, typer.Argument(help=t("cli-help-arg-backup-file"), show_default=False)
    ] = None,
) -> None:
    config = settings()
    url = config.database_url
    sqlite = is_sqlite(url)
    path = target or BACKUP_DIR / f"chibo-{_stamp(config)}.{'db' if sqlite else 'dump'}"
    if not sqlite and not pg_tools():
        dump, restore = pg_guidance(url, path)
        fail(t("cli-backup-pg-guidance", dump=dump, restore=restore), EXIT_RULE)
    try:
        result = backup_sqlite(url, path) if sqlite else backup_pg(url, path)
    except BackupError as error:
        _refuse(error)
    except OSError as error:
        fail(t("cli-backup-os-error", path=str(path), reason=error.strerror or str(error)))
    out().print(
        t(
            "cli-backup-done",
            url=safe_url(url),
            path=str(result.path),
            revision=result.revision,
            size=f"{result.size / 1024:.0f}",
        ),
        markup=False,
    )


def restore(
    file: Annotated[Path, typer.Argument(help=t("cli-help-arg-restore-file"))],
    yes: Annotated[bool, typer.Option("--yes", help=t("cli-help-opt-yes"))] = False,
) -> None:
    config = settings()
    url = config.database_url
    sqlite = is_sqlite(url)
    if not sqlite and not pg_tools():
        dump, restore_command = pg_guidance(url, file)
        fail(t("cli-backup-pg-guidance", dump=dump, restore=restore_command), EXIT_RULE)
    try:
        revision = check_sqlite_copy(file)[0] if sqlite else check_pg_dump(file)
    except BackupError as error:
        _refuse(error)
    if not yes:
        fail(t("cli-restore-needs-yes", url=safe_url(url), path=str(file)), EXIT_CONFIG)
    stamp = _stamp(config)
    aside = BACKUP_DIR / f"chibo-{stamp}.before-restore.{'db' if sqlite else 'dump'}"
    aside.parent.mkdir(parents=True, exist_ok=True)
    try:
        kept = restore_sqlite(url, file, aside) if sqlite else restore_pg(url, file, aside)
    except BackupError as error:
        _refuse(error)
    except OSError as error:
        fail(t("cli-backup-os-error", path=str(file), reason=error.strerror or str(error)))

    async def migrate() -> str | None:
        engine = create_engine(url)
        try:
            await upgrade(engine)
            return await current_revision(engine)
        finally:
            await engine.dispose()

    head = guarded(migrate, config)
    out().print(
        t(
            "cli-restore-done",
            url=safe_url(url),
            path=str(file),
            revision=revision,
            head=head or "—",
            aside=str(kept) if kept else t("cli-restore-nothing-aside"),
        ),
        markup=False,
    )
