"""Handled Zalo message ids: a replay within days is recognised; old ids are swept."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.zalo import REPLAY_WINDOW, first_time_seen, forget_old_messages
from tests.dialogs.seed import NOW


async def test_a_replay_is_recognised_until_the_id_is_swept(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session, session.begin():
        assert await first_time_seen(session, "m-1", NOW)
        assert await first_time_seen(session, "m-2", NOW + timedelta(days=2))
    async with session_factory() as session, session.begin():
        assert not await first_time_seen(session, "m-1", NOW + timedelta(days=1))
        swept = await forget_old_messages(session, NOW + REPLAY_WINDOW + timedelta(hours=1))
    assert swept == 1
    async with session_factory() as session, session.begin():
        assert not await first_time_seen(session, "m-2", NOW + timedelta(days=3))
        assert await first_time_seen(session, "m-1", NOW + timedelta(days=4))
