"""What every ``chibo`` command shares: settings, the database, consoles and error lines.

A command is one transaction run through ``execute``: configuration errors exit 2,
rule violations (``DomainError``) exit 1, each as one line on stderr, never a traceback.
Pending migrations are applied first, as ``chibo run`` does, so a fresh install works
without a separate ``chibo migrate``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime
from typing import Any, NoReturn, TypeVar

import typer
from rich.console import Console
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from config.settings import ConfigError, Settings, load_settings
from domain.errors import DomainError
from domain.importing import ImportRejected
from locales import t
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade

T = TypeVar("T")
EXIT_RULE = 1
EXIT_CONFIG = 2


def out() -> Console:
    # Made per call: typer's test runner swaps sys.stdout and COLUMNS between invocations.
    return Console(highlight=False)


def err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = EXIT_RULE) -> NoReturn:
    err().print(message, markup=False)
    raise typer.Exit(code)


def explain(error: DomainError) -> str:
    return t(error.msg_id, **error.args_)


def report(error: DomainError) -> NoReturn:
    """One line for the error; a refused import adds one line per bad row."""
    console = err()
    console.print(explain(error), markup=False)
    if isinstance(error, ImportRejected):
        for problem in error.problems:
            console.print("  " + explain(problem), markup=False)
    raise typer.Exit(EXIT_RULE)


def settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as error:
        fail(str(error), EXIT_CONFIG)


def current_moment(config: Settings | None = None) -> datetime:
    """Now, by the configured clock (``CHIBO_CLOCK_START`` in tests, else the machine's)."""
    return (config or settings()).clock().now()


def safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def execute(
    work: Callable[[async_sessionmaker[AsyncSession]], Awaitable[T]],
    config: Settings | None = None,
) -> T:
    """Run ``work`` against the configured database, migrated to head first."""
    config = config or settings()

    async def main() -> T:
        engine = create_engine(config.database_url)
        try:
            await upgrade(engine)
            return await work(create_session_factory(engine, config.tz))
        finally:
            await engine.dispose()

    return guarded(main, config)


def in_session(
    use: Callable[[AsyncSession], Awaitable[T]],
    config: Settings | None = None,
    *,
    write: bool = False,
) -> T:
    """Run ``use`` in one session of the configured database; ``write`` commits at its end."""

    async def work(db: async_sessionmaker[AsyncSession]) -> T:
        async with db() as session:
            if not write:
                return await use(session)
            async with session.begin():
                return await use(session)

    return execute(work, config)


def guarded(main: Callable[[], Coroutine[Any, Any, T]], config: Settings) -> T:
    """Run ``main`` in a fresh event loop; rule and database errors become one line."""
    try:
        return asyncio.run(main())
    except DomainError as error:
        report(error)
    except (OperationalError, DBAPIError, OSError) as error:
        # Unreachable server, wrong password, unwritable file: say where, not a traceback.
        fail(t("cli-database-error", url=safe_url(config.database_url), reason=_first_line(error)))


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error)
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


def local_text(moment: datetime, config: Settings) -> str:
    """dd/mm/yyyy HH:MM in the deployment's time zone."""
    return moment.astimezone(config.tz).strftime("%d/%m/%Y %H:%M")
