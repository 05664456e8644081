"""APScheduler job entry points.

A job is given what it needs, the database, the clock and the reminder policy, as one
``JobContext`` argument that ``scheduler.runtime`` builds when the scheduler starts (the
job store is in memory: nothing of it outlives the process). A job never sends; it writes
outbox rows.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass, field

from delivery.outbox import SessionFactory
from domain.clock import Clock
from scheduler.reminders import ReminderPolicy, TickReport, plan_reminders
from storage.leases import hold, release

log = logging.getLogger("chibo.scheduler")

# Occasion keys remembered to spare the database repeated no-op inserts; forgetting is safe.
SETTLED_LIMIT = 200_000
# One scheduler at a time: its holder renews the lease every LEASE_RENEW_SECONDS (and at
# each tick); after a crash another scheduler takes over within LEASE_SECONDS.
LEASE_NAME = "scheduler"
LEASE_SECONDS = 90
LEASE_RENEW_SECONDS = 30


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class JobContext:
    session_factory: SessionFactory
    clock: Clock
    policy: ReminderPolicy
    settled: set[str] = field(default_factory=set)
    holder: str = field(default_factory=this_process)


async def plan_tick(ctx: JobContext) -> TickReport:
    """Write every reminder and digest due now (or missed within the grace period); a
    scheduler started while another one holds the lease writes nothing."""
    now = ctx.clock.now()
    async with ctx.session_factory() as session, session.begin():
        if not await hold(session, LEASE_NAME, ctx.holder, now, LEASE_SECONDS):
            log.warning("another scheduler holds the lease: tick at %s skipped", now.isoformat())
            return TickReport()
        report = await plan_reminders(session, now, ctx.policy, ctx.settled)
    # Only after the commit: a failed tick must be tried again in full.
    if len(ctx.settled) > SETTLED_LIMIT:
        ctx.settled.clear()
    ctx.settled.update(report.settled)
    if report.written or report.dropped:
        log.info(
            "tick at %s: enqueued %s, dropped %s",
            now.isoformat(),
            dict(report.written),
            dict(report.dropped),
        )
    return report


async def renew_lease(ctx: JobContext) -> bool:
    """Between ticks: keep the scheduler's lease while this process lives."""
    async with ctx.session_factory() as session, session.begin():
        return await hold(session, LEASE_NAME, ctx.holder, ctx.clock.now(), LEASE_SECONDS)


async def release_lease(ctx: JobContext) -> None:
    """On a clean stop: a scheduler started next takes over at once."""
    async with ctx.session_factory() as session, session.begin():
        await release(session, LEASE_NAME, ctx.holder)
