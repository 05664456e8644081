"""Running a delivery worker, and the operators' outbox commands (``chibo outbox``).

Any number of workers may drain one outbox (on PostgreSQL they share it with
``SKIP LOCKED``); ``bot/app.py`` runs one beside the Dispatcher, or ``chibo run --only
delivery`` alone.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import Mapping
from typing import Any

from config.settings import Settings
from delivery import outbox
from delivery.channels import ChannelRouter, DownloadUrl, ZaloSending
from delivery.outbox import OutboxStatusReport, SessionFactory
from delivery.senders import DocumentRenderer, Sender, TelegramSender
from delivery.worker import DeliveryPolicy, DeliveryWorker
from domain.audit import OPERATOR
from domain.clock import Clock
from domain.files import ExportFormat
from exports.files import export_month

# The digest's file, named in its payload and rendered when it is sent.
DIGEST_EXPORT = "cell-month-docx"


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


async def run_delivery(
    settings: Settings,
    session_factory: SessionFactory,
    stop_event: asyncio.Event,
    worker_id: str | None = None,
    *,
    clock: Clock,
    token: str | None = None,
    api_url: str | None = None,
    policy: DeliveryPolicy | None = None,
    sender: Sender | None = None,
    overall_per_second: float | None = None,
    zalo: ZaloSending | None = None,
    download_url: DownloadUrl | None = None,
) -> None:
    """Drain the outbox until ``stop_event`` is set: through Telegram, and Zalo when given."""
    if sender is None:
        if token is None and settings.bot_token is not None:
            token = settings.bot_token.get_secret_value()
        if token is None:
            raise RuntimeError("the delivery worker needs CHIBO_BOT_TOKEN")
        sender = TelegramSender(
            token,
            api_url or settings.telegram_api_url,
            overall_per_second=(
                settings.delivery_rate if overall_per_second is None else overall_per_second
            ),
            renderers=document_renderers(session_factory, clock),
        )
    # The router finds a member's chat at send time, so it stands even without Zalo.
    router = ChannelRouter(session_factory, sender, zalo, download_url=download_url, clock=clock)
    worker = DeliveryWorker(
        session_factory, router, worker_id or default_worker_id(), policy, clock=clock
    )
    await router.start()
    try:
        await worker.run(stop_event)
    finally:
        await router.close()


def document_renderers(
    session_factory: SessionFactory, clock: Clock
) -> dict[str, DocumentRenderer]:
    """The files a payload may ask for, rendered when the message is sent (fresh figures)."""

    async def cell_month_docx(document: Mapping[str, Any]) -> tuple[str, bytes]:
        async with session_factory() as session, session.begin():
            exported = await export_month(
                session,
                OPERATOR,
                int(document["cell_id"]),
                int(document["year"]),
                int(document["month"]),
                ExportFormat.DOCX,
                now=clock.now(),
            )
        return str(document.get("filename") or exported.filename), exported.content

    return {DIGEST_EXPORT: cell_month_docx}


async def outbox_status(
    session_factory: SessionFactory, clock: Clock, *, window_minutes: int = 5
) -> OutboxStatusReport:
    """For ``chibo outbox status``: pending, sent, failed, dropped, oldest pending, rate."""
    now = clock.now()
    async with session_factory() as session:
        return await outbox.status(session, now, window_minutes)


async def retry_failed(
    session_factory: SessionFactory, clock: Clock, *, kind: str | None = None
) -> int:
    """For ``chibo outbox retry-failed``: failed rows back to pending; how many."""
    now = clock.now()
    async with session_factory() as session, session.begin():
        return await outbox.retry_failed(session, now, kind)
