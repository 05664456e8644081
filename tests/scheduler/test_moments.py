"""The reminder tick over two days from each moment of ``tests/moments.py``, on the demo
cells seeded for that day: nothing waits inside the quiet hours, a tick repeated at the same
moment writes nothing, and no reminder is due before the look-back or after the last tick."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.demo import seed_demo
from scheduler.reminders import ReminderPolicy, plan_reminders
from storage.models import OutboxMessage, OutboxStatus

pytestmark = pytest.mark.moments

HOURS = 48
STEP = timedelta(hours=2)


async def test_two_days_of_ticks_from_the_moment(
    session_factory: async_sessionmaker[AsyncSession], moment: datetime
) -> None:
    policy = ReminderPolicy()
    await seed_demo(session_factory, today=moment.astimezone(policy.tz).date())
    async with session_factory() as session:
        # The demo's own history (past reminders, nudges) is not this test's business.
        before = set((await session.scalars(select(OutboxMessage.idempotency_key))).all())
    at = moment
    while at <= moment + timedelta(hours=HOURS):
        async with session_factory() as session, session.begin():
            await plan_reminders(session, at, policy)
        async with session_factory() as session, session.begin():
            again = await plan_reminders(session, at, policy)
        assert sum(again.written.values()) == 0 and sum(again.dropped.values()) == 0, at
        at += STEP
    async with session_factory() as session:
        rows = [
            r
            for r in (await session.scalars(select(OutboxMessage))).all()
            if r.idempotency_key not in before
        ]
    pending = [r for r in rows if r.status is OutboxStatus.PENDING]
    assert all(not policy.in_quiet_hours(r.not_before) for r in pending), [
        (r.kind, r.not_before) for r in pending if policy.in_quiet_hours(r.not_before)
    ]
    # Nothing older than the look-back is dug up, nothing later than the last tick is due.
    assert all(moment - policy.lookback <= r.not_before for r in pending)
    assert all(r.not_before <= policy.out_of_quiet(at) for r in pending)
