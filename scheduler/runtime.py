"""Starting the scheduler: one per deployment.

``bot/app.py`` runs it beside the Dispatcher in one event loop, or alone (``chibo run
--only scheduler``); the delivery worker's start is in ``delivery/runtime.py``.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from config.settings import Settings
from delivery.outbox import SessionFactory
from domain.clock import Clock
from scheduler import jobs
from scheduler.reminders import ReminderPolicy

log = logging.getLogger("chibo.scheduler")

TICK_JOB_ID = "reminders-tick"
LEASE_JOB_ID = "scheduler-lease"
TICK_SECONDS = 300
# A tick delayed by a busy loop or a suspended laptop still runs (once: coalesce).
TICK_MISFIRE_GRACE = 3600


def reminder_policy(settings: Settings) -> ReminderPolicy:
    quiet_start, quiet_end = settings.quiet_span
    return ReminderPolicy(
        tz=settings.tz,
        bot_username=settings.bot_username,
        quiet_start=quiet_start,
        quiet_end=quiet_end,
        grace=timedelta(hours=settings.reminder_grace_hours),
    )


def build_scheduler(
    settings: Settings, context: jobs.JobContext, tick_seconds: float = TICK_SECONDS
) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone=settings.tz)
    scheduler.add_job(
        jobs.plan_tick,
        "interval",
        kwargs={"ctx": context},
        seconds=tick_seconds,
        id=TICK_JOB_ID,
        replace_existing=True,
        misfire_grace_time=TICK_MISFIRE_GRACE,
        coalesce=True,
        max_instances=1,
        # First tick at once: reminders that fell due while the process was down.
        next_run_time=datetime.now(UTC),
    )
    scheduler.add_job(
        jobs.renew_lease,
        "interval",
        kwargs={"ctx": context},
        seconds=jobs.LEASE_RENEW_SECONDS,
        id=LEASE_JOB_ID,
        coalesce=True,
        max_instances=1,
    )
    return scheduler


async def run_scheduler(
    settings: Settings,
    session_factory: SessionFactory,
    clock: Clock,
    stop_event: asyncio.Event,
    *,
    policy: ReminderPolicy | None = None,
    tick_seconds: float = TICK_SECONDS,
) -> None:
    """Run the reminder tick every ``tick_seconds`` until ``stop_event`` is set."""
    context = jobs.JobContext(session_factory, clock, policy or reminder_policy(settings))
    scheduler = build_scheduler(settings, context, tick_seconds)
    scheduler.start()
    log.info("scheduler started: reminders tick every %ss", tick_seconds)
    try:
        await stop_event.wait()
    finally:
        scheduler.shutdown(wait=False)
        try:
            await jobs.release_lease(context)
        except Exception as error:  # the database may be what stopped us
            log.warning("scheduler lease not released: %r", error)
        log.info("scheduler stopped")
