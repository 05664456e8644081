"""The migrations create exactly what the models declare, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.migrate import current_revision
from storage.models import Base


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "render_as_batch": True}
    )
    return list(compare_metadata(context, Base.metadata))


async def test_upgrade_to_head_leaves_no_difference_with_models(engine: AsyncEngine) -> None:
    assert await current_revision(engine) is not None
    async with engine.connect() as conn:
        diff = await conn.run_sync(_diff)
        tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert diff == []
    assert set(Base.metadata.tables) <= tables


async def test_backend_is_the_one_named(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            version = await conn.scalar(text("SHOW server_version"))
            assert version and int(str(version).split(".")[0]) >= 13
        else:
            mode = await conn.scalar(text("PRAGMA journal_mode"))
            timeout = await conn.scalar(text("PRAGMA busy_timeout"))
            assert mode == "wal"
            assert timeout and int(timeout) >= 5000
