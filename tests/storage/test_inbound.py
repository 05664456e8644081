"""Handled updates and messages: a replay within days is recognised; old keys are swept,
and a key seen again after the window is new even before the sweep. Stored updates wait,
oldest first, until claimed once; the sweep keeps them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.inbound import REPLAY_WINDOW, claim, first_time_seen, forget_old_messages, unhandled
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


async def test_a_stored_update_waits_oldest_first_until_claimed_once_and_outlives_the_sweep(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session, session.begin():
        assert await first_time_seen(session, "z-2", NOW + timedelta(seconds=1), {"n": 2})
        assert await first_time_seen(session, "z-1", NOW, {"n": 1})
        assert not await first_time_seen(session, "z-1", NOW, {"n": 1})
        assert not await claim(session, "telegram:1", NOW)  # not stored: nothing to claim
        assert await unhandled(session) == [{"n": 1}, {"n": 2}]
    async with session_factory() as session, session.begin():
        assert await claim(session, "z-1", NOW)
        assert not await claim(session, "z-1", NOW)
        assert await forget_old_messages(session, NOW + REPLAY_WINDOW * 2) == 1
        assert await unhandled(session) == [{"n": 2}]
