"""Fixtures shared by the whole suite.

``engine`` runs a test twice: on a fresh SQLite file and on the real PostgreSQL
server named by ``CHIBO_TEST_POSTGRES_URL`` (``make test`` starts one). The schema
comes from the Alembic migrations, created once per backend; every test starts
from empty tables.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.models import Base

BACKENDS = ("sqlite", "postgresql")
_migrated: set[str] = set()


def postgres_url() -> str:
    url = os.environ.get("CHIBO_TEST_POSTGRES_URL")
    if not url:
        pytest.fail(
            "CHIBO_TEST_POSTGRES_URL is not set: run the suite with `make test`, which starts "
            "a local PostgreSQL (scripts/test-postgres.sh)"
        )
    return url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("db") / "template.db"


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
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
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
