"""APScheduler job entry points.

A job is given what it needs, the database, the clock and the reminder policy, as one
``JobContext`` argument that ``scheduler.runtime`` builds when the scheduler starts (the
job store is in memory: nothing of it outlives the process). A job never sends; it writes
outbox rows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from delivery.outbox import SessionFactory
from domain.clock import Clock
from scheduler.reminders import ReminderPolicy, TickReport, plan_reminders

log = logging.getLogger("chibo.scheduler")

# Occasion keys remembered to spare the database repeated no-op inserts; forgetting is safe.
SETTLED_LIMIT = 200_000


@dataclass
class JobContext:
    session_factory: SessionFactory
    clock: Clock
    policy: ReminderPolicy
    settled: set[str] = field(default_factory=set)


async def plan_tick(ctx: JobContext) -> TickReport:
    """Write every reminder and digest due now (or missed within the grace period)."""
    now = ctx.clock.now()
    async with ctx.session_factory() as session, session.begin():
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
