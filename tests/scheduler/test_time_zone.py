"""One time zone for the whole deployment: with ``CHIBO_TIMEZONE=Europe/Berlin`` the scheduler
and the dialogs read the cell's meeting rule in the same zone, so a meeting's start does not
move back and forth between a reminder tick and a member opening "the next meeting".

The seeded cell meets on the 5th at 14:00; 05/04/2026 is a Sunday and the rule does not shift,
so the meeting is 05/04/2026 14:00 in Berlin (summer time: 12:00 UTC).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from config.settings import Settings
from domain.calendar import next_meetings
from domain.clock import FixedClock
from scheduler import jobs
from scheduler.runtime import reminder_policy
from storage.db import create_session_factory
from storage.models import Meeting
from tests.dialogs.harness import Chat
from tests.dialogs.seed import AN_TG, NOW, Seeded, seed

BERLIN = ZoneInfo("Europe/Berlin")
APRIL_MEETING = datetime(2026, 4, 5, 14, 0, tzinfo=BERLIN)


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("CHIBO_TIMEZONE", "Europe/Berlin")
    return Settings()


@pytest.fixture
async def deployment(
    engine: AsyncEngine, settings: Settings
) -> tuple[async_sessionmaker[AsyncSession], FixedClock, Seeded]:
    """The session factory and the clock as ``chibo run`` builds them from the settings,
    as the scheduler's jobs get them."""
    db = create_session_factory(engine, settings.tz)
    clock = FixedClock(NOW, tz=settings.tz)
    return db, clock, await seed(db)


async def _april_start(db: async_sessionmaker[AsyncSession]) -> datetime:
    async with db() as session:
        return await session.scalar(
            select(Meeting.starts_at).where(Meeting.year == 2026, Meeting.month == 4)
        )


async def test_a_meeting_keeps_its_start_between_scheduler_ticks_and_dialog_reads(
    deployment: tuple[async_sessionmaker[AsyncSession], FixedClock, Seeded],
    settings: Settings,
) -> None:
    db, clock, seeded = deployment
    ticks = jobs.JobContext(db, clock, reminder_policy(settings))
    chat = Chat(db, AN_TG, clock)
    starts: list[datetime] = []
    for _ in range(3):
        await jobs.plan_tick(ticks)
        starts.append(await _april_start(db))
        await chat.send("/start")
        text = await chat.press_id("menu-meetings")
        assert "ngày 05/04/2026, lúc 14:00" in text
        starts.append(await _april_start(db))
        async with db() as session, session.begin():
            [view] = await next_meetings(session, seeded.cell_id, clock.now(), 1)
        assert view.local_start == APRIL_MEETING
        starts.append(await _april_start(db))
        clock.advance(timedelta(minutes=5))
    assert starts == [APRIL_MEETING] * len(starts)
    assert starts[0] == datetime(2026, 4, 5, 12, 0, tzinfo=UTC)
