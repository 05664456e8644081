"""``chibo outbox …``: what the delivery worker still has to send, and a second chance."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.cli_common import execute, local_text, out, settings
from delivery.outbox import OutboxStatusReport
from delivery.runtime import outbox_status, retry_failed
from locales import t

# A reason is cut to this many characters: one line of a terminal.
REASON_WIDTH = 100

outbox_app = typer.Typer(help=t("cli-help-outbox"), no_args_is_help=True)


@outbox_app.command("status", help=t("cli-help-outbox-status"))
def status(
    minutes: Annotated[
        int, typer.Option("--minutes", min=1, max=1440, help=t("cli-help-opt-outbox-minutes"))
    ] = 5,
) -> None:
    config = settings()

    async def work(db: async_sessionmaker[AsyncSession]) -> OutboxStatusReport:
        return await outbox_status(db, config.clock(), window_minutes=minutes)

    report = execute(work, config)
    oldest = (
        local_text(report.oldest_pending, config) if report.oldest_pending else t("cli-outbox-none")
    )
    out().print(
        t(
            "cli-outbox-status",
            pending=report.pending,
            sending=report.sending,
            sent=report.sent,
            failed=report.failed,
            dropped=report.dropped,
            oldest=oldest,
            minutes=minutes,
            rate=f"{report.rate_per_minute:.1f}",
        ),
        markup=False,
    )
    if report.failure_reasons:
        out().print(t("cli-outbox-failure-reasons"), markup=False)
    for reason, count in report.failure_reasons:
        shown = reason[:REASON_WIDTH] or t("cli-outbox-no-reason")
        out().print(t("cli-outbox-failure-reason", count=count, reason=shown), markup=False)


@outbox_app.command("retry-failed", help=t("cli-help-outbox-retry"))
def retry(
    kind: Annotated[str | None, typer.Option("--kind", help=t("cli-help-opt-outbox-kind"))] = None,
) -> None:
    config = settings()

    async def work(db: async_sessionmaker[AsyncSession]) -> int:
        return await retry_failed(db, config.clock(), kind=kind)

    count = execute(work, config)
    out().print(t("cli-outbox-retried", count=count), markup=False)
