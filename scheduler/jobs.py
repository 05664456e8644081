"""APScheduler job entry points, referenced by import path (``"scheduler.jobs:plan_tick"``).

Jobs take no arguments (only ids would be allowed): what they need, the database,
the clock and the reminder policy, is installed once by ``scheduler.runtime``. A job
never sends; it writes outbox rows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from delivery.outbox import SessionFactory
from domain.clock import Clock
from scheduler.reminders import ReminderPolicy, TickReport, plan_reminders

log = logging.getLogger("chibo.scheduler")

PLAN_TICK = "scheduler.jobs:plan_tick"
# Occasion keys remembered to spare the database repeated no-op inserts; forgetting is safe.
SETTLED_LIMIT = 200_000


@dataclass
class JobContext:
    session_factory: SessionFactory
    clock: Clock
    policy: ReminderPolicy
    settled: set[str] = field(default_factory=set)


_context: JobContext | None = None


def install(context: JobContext) -> None:
    global _context
    _context = context


def uninstall() -> None:
    global _context
    _context = None


def context() -> JobContext:
    if _context is None:
        raise RuntimeError("scheduler jobs run without a context: start them with run_scheduler")
    return _context


async def plan_tick() -> TickReport:
    """Write every reminder and digest due now (or missed within the grace period)."""
    ctx = context()
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
