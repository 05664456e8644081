"""The command line, run in-process with typer's runner against the test's own SQLite file."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner, Result

from bot.cli import app
from storage.db import create_engine, create_session_factory

T = TypeVar("T")
Invoke = Callable[..., Result]


@pytest.fixture
def chibo(moment: datetime) -> Invoke:
    """Run ``chibo`` with arguments at the test's ``moment`` (``CHIBO_CLOCK_START``); wide
    columns so that table cells are not wrapped."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        fixed = {"COLUMNS": "250", "CHIBO_CLOCK_START": moment.isoformat()}
        return runner.invoke(app, list(args), env={**fixed, **(env or {})})

    return invoke


@pytest.fixture
def db() -> Callable[[Callable[[AsyncSession], Awaitable[T]]], T]:
    """Run an async function with a session on the database the CLI uses."""

    def query(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        async def main() -> T:
            engine = create_engine(os.environ["CHIBO_DATABASE_URL"])
            try:
                async with create_session_factory(engine)() as session:
                    return await work(session)
            finally:
                await engine.dispose()

        return asyncio.run(main())

    return query
