"""Handled updates and messages: a replay within days is recognised; old keys are swept,
and a key seen again after the window is new even before the sweep."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.inbound import REPLAY_WINDOW, first_time_seen, forget_old_messages
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


async def test_a_key_older_than_the_window_is_new_again_before_any_sweep(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    # Telegram starts its update ids anew after a week without updates.
    async with session_factory() as session, session.begin():
        assert await first_time_seen(session, "telegram:7", NOW)
        assert not await first_time_seen(session, "telegram:7", NOW + REPLAY_WINDOW / 2)
        later = NOW + REPLAY_WINDOW + timedelta(days=4)
        assert await first_time_seen(session, "telegram:7", later)
        assert not await first_time_seen(session, "telegram:7", later + timedelta(hours=1))
