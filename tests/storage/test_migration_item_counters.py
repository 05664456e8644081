"""Migration a58b4c3d2e11 fills the item counters from the rows already stored, on both
backends: demo data written, the counters dropped by going down a revision, then back up."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.demo import seed_demo
from storage.db import create_session_factory
from storage.migrate import downgrade, upgrade
from tests.storage.test_counters import counters_and_recount
from tests.storage.test_migration_unit_names import blank

__all__ = ["blank"]


async def test_upgrade_counts_the_items_already_stored(blank: AsyncEngine) -> None:
    await upgrade(blank)
    db = create_session_factory(blank)
    await seed_demo(db, today=date(2026, 11, 23))
    await downgrade(blank, "f47a3b2c9d10")
    await upgrade(blank)
    async with db() as session:
        counted, recounted = await counters_and_recount(session)
    assert counted == recounted
    assert sum(sum(c) for c in counted["reports"].values()) > 0
    assert sum(c for (c,) in counted["plans"].values()) > 0
