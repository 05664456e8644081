"""Throwaway databases for a benchmark: a SQLite file, and ``chibo_bench_*`` on the test server.

Only databases whose name starts with ``chibo_bench`` are ever created or dropped; the
schema comes from the models (``create_all``), so an index added there is measured at once.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine
from storage.migrate import upgrade

PREFIX = "chibo_bench"
BACKENDS = ("sqlite", "postgresql")


class NoPostgres(RuntimeError):
    """``CHIBO_TEST_POSTGRES_URL`` is not set."""


def server_url() -> URL:
    url = os.environ.get("CHIBO_TEST_POSTGRES_URL")
    if not url:
        raise NoPostgres("CHIBO_TEST_POSTGRES_URL is not set: run `make bench`")
    return make_url(url)


async def _admin(sql: str) -> None:
    server = server_url()
    conn = await asyncpg.connect(
        host=server.host,
        port=server.port,
        user=server.username,
        password=server.password,
        database=server.database,
    )
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def recreate_postgres(name: str) -> URL:
    """Drop and create ``chibo_bench_<name>``; its URL."""
    database = f"{PREFIX}_{name}"
    await _admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    await _admin(f'CREATE DATABASE "{database}"')
    return server_url().set(database=database)


async def drop_postgres(name: str) -> None:
    await _admin(f'DROP DATABASE IF EXISTS "{PREFIX}_{name}" WITH (FORCE)')


def sqlite_url(directory: Path, name: str) -> URL:
    path = directory / f"{name}.db"
    for leftover in (path, path.with_suffix(".db-wal"), path.with_suffix(".db-shm")):
        leftover.unlink(missing_ok=True)
    return make_url(f"sqlite+aiosqlite:///{path}")


async def create_schema(engine: AsyncEngine) -> None:
    """The schema the migrations make, as in a real deployment (with its server defaults)."""
    await upgrade(engine)


@asynccontextmanager
async def fresh_database(backend: str, name: str, directory: Path) -> AsyncIterator[AsyncEngine]:
    """An empty chibo schema on ``backend``; dropped (PostgreSQL) when done."""
    if backend == "sqlite":
        url = sqlite_url(directory, name)
    else:
        url = await recreate_postgres(name)
    engine = create_engine(url)
    try:
        await create_schema(engine)
        yield engine
    finally:
        await engine.dispose()
        if backend != "sqlite":
            await drop_postgres(name)
