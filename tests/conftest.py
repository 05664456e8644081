"""Fixtures shared by the whole suite.

``engine`` runs a test twice: on a fresh SQLite file and on the real PostgreSQL
server named by ``CHIBO_TEST_POSTGRES_URL`` (``make test`` starts one). The schema
comes from the Alembic migrations, created once per backend; every test starts
from empty tables.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.clock import RunningClock
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.models import Base
from tests import moments

BACKENDS = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--moment",
        default=moments.DEFAULT,
        help="when date-sensitive tests run: a name from tests/moments.py, 'all', or an "
        f"ISO 8601 moment with an offset (default {moments.DEFAULT})",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes ``moment`` (itself or through a fixture) runs at the chosen moment.

    ``--moment all`` runs the tests marked ``moments`` (the date-sensitive ones) at every
    moment of ``tests/moments.py``; the others keep the default moment.
    """
    if "moment" not in metafunc.fixturenames:
        return
    option = metafunc.config.getoption("--moment")
    if option == "all" and metafunc.definition.get_closest_marker("moments") is None:
        option = moments.DEFAULT
    try:
        chosen = moments.chosen(option)
    except ValueError as error:
        raise pytest.UsageError(str(error)) from None
    metafunc.parametrize("moment", [m for _, m in chosen], ids=[n for n, _ in chosen])


@pytest.fixture
def clock(moment: datetime) -> RunningClock:
    """The test's clock: starts at ``moment`` and runs on, as a ``chibo run`` started then."""
    return RunningClock(moment)


_migrated: set[str] = set()
# Each test run works in its own PostgreSQL database, so two runs never meet.
_run_database: dict[str, str] = {}


def postgres_server_url() -> str:
    url = os.environ.get("CHIBO_TEST_POSTGRES_URL")
    if not url:
        pytest.fail(
            "CHIBO_TEST_POSTGRES_URL is not set: run the suite with `make test`, which starts "
            "a local PostgreSQL (scripts/test-postgres.sh)"
        )
    if not url.startswith("postgresql+asyncpg://") or "\n" in url:
        pytest.fail(f"CHIBO_TEST_POSTGRES_URL is not a postgresql+asyncpg:// URL: {url!r}")
    return url


async def _admin(sql: str) -> None:
    server = make_url(postgres_server_url())
    conn = await asyncpg.connect(
        host=server.host, port=server.port, user=server.username,
        password=server.password, database=server.database,
    )  # fmt: skip
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _admin_now(sql: str) -> None:
    """Run ``sql`` on the server now, from sync code or from inside a running loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, _admin(sql)).result()


def postgres_url() -> str:
    """A database of this test run's own on the test PostgreSQL server."""
    if "url" not in _run_database:
        name = f"chibo_run_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        _admin_now(f'CREATE DATABASE "{name}"')
        _run_database["name"] = name
        url = make_url(postgres_server_url()).set(database=name)
        _run_database["url"] = url.render_as_string(hide_password=False)
    return _run_database["url"]


@pytest.fixture(scope="session", autouse=True)
def _drop_run_database() -> Iterator[None]:
    yield
    if "name" in _run_database:
        _admin_now(f'DROP DATABASE IF EXISTS "{_run_database["name"]}" WITH (FORCE)')


async def _empty_all_tables(engine: AsyncEngine) -> None:
    tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
    async with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            await conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                await conn.execute(text(f"DELETE FROM {name}"))


async def make_engine(backend: str, tmp_path: Path) -> AsyncEngine:
    if backend == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'chibo.db'}")
        await upgrade(engine)
        return engine
    engine = create_engine(postgres_url())
    if "postgresql" not in _migrated:
        await upgrade(engine)
        _migrated.add("postgresql")
    else:
        await _empty_all_tables(engine)
    return engine


@pytest.fixture(params=BACKENDS)
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A migrated, empty database: once on SQLite, once on PostgreSQL."""
    engine = await make_engine(request.param, tmp_path)
    yield engine
    await engine.dispose()


@pytest.fixture
async def sqlite_engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A migrated, empty SQLite database, for tests that are not about the backend."""
    engine = await make_engine("sqlite", tmp_path)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
async def session(
    session_factory: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    async with session_factory() as session:
        yield session


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No test reads the developer's .env or writes into ./data."""
    for key in list(os.environ):
        if key.startswith("CHIBO_") and key not in ("CHIBO_TEST_POSTGRES_URL", "CHIBO_CHROMIUM"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("CHIBO_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'env.db'}")
    yield
