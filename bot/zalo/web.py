"""The bot's own HTTP endpoint for Zalo: the webhook, and one-time file downloads.

``POST /zalo/webhook``: the secret must match ``X-Bot-Api-Secret-Token`` (else 401 and
nothing is read further), the body is at most ``WEBHOOK_MAX_BODY`` bytes (else 413). The
update is stored and committed, then answered 200 at once; the bot's ``drain`` loop,
running while the app runs, handles it. A message id stored before is neither stored nor
handled again (``storage.inbound``).

``GET /zalo/files/<token>``: the file a one-time token names, rendered for the member the
token was made for, with that member's permissions checked again at download time.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.zalo.service import ZaloBot
from conversations.zalo.member import MY_DATA_EXPORT
from domain.clock import Clock
from domain.downloads import redeem_download
from domain.errors import DomainError
from domain.files import ExportFile, ExportFormat
from domain.members import get_member
from domain.period_review import ReviewPeriod
from domain.permissions import Actor
from domain.personal_data import my_data
from exports.files import export_month
from exports.minutes import export_minutes
from exports.review_docs import export_cell_review
from locales import t

log = logging.getLogger("chibo.zalo")

WEBHOOK_PATH = "/zalo/webhook"
FILES_PATH = "/zalo/files/"
WEBHOOK_MAX_BODY = 64 * 1024
SECRET_HEADER = "X-Bot-Api-Secret-Token"
EXPORT_FORMATS = {
    "cell-month-docx": ExportFormat.DOCX,
    "cell-month-xlsx": ExportFormat.XLSX,
    "cell-month-png": ExportFormat.PNG,
}

Renderer = Callable[[AsyncSession, Actor, dict[str, Any], datetime], Awaitable[ExportFile]]
CellDocument = Callable[[AsyncSession, Actor, int, int, int, datetime], Awaitable[ExportFile]]


def _review(full_year: bool) -> CellDocument:
    async def render(
        session: AsyncSession, actor: Actor, cell_id: int, year: int, month: int, now: datetime
    ) -> ExportFile:
        period = ReviewPeriod.of(year, full_year=full_year, shown_month=month)
        return await export_cell_review(session, actor, cell_id, period, now=now)

    return render


async def _minutes(
    session: AsyncSession, actor: Actor, cell_id: int, year: int, month: int, now: datetime
) -> ExportFile:
    return await export_minutes(session, actor, cell_id, year, month, now=now)


# The cell's Word documents beside the month's report, by the name a download token gives.
CELL_DOCUMENTS: dict[str, CellDocument] = {
    "cell-minutes-docx": _minutes,
    "cell-half-review-docx": _review(False),
    "cell-year-review-docx": _review(True),
}


async def render_cell_month(
    session: AsyncSession, actor: Actor, document: dict[str, Any], now: datetime
) -> ExportFile:
    fmt = EXPORT_FORMATS.get(str(document.get("export")))
    if fmt is None:
        raise DomainError("error-download-invalid")
    return await export_month(
        session,
        actor,
        int(document["cell_id"]),
        int(document["year"]),
        int(document["month"]),
        fmt,
        now=now,
    )


async def render_document(
    session: AsyncSession, actor: Actor, document: dict[str, Any], now: datetime
) -> ExportFile:
    """The file a token names: the member's own data, or a month of their cell."""
    if document.get("export") == MY_DATA_EXPORT:
        return await my_data(session, actor, actor.member_id, now)
    cell_document = CELL_DOCUMENTS.get(str(document.get("export")))
    if cell_document is not None:
        cell_id, year, month = (int(document[key]) for key in ("cell_id", "year", "month"))
        return await cell_document(session, actor, cell_id, year, month, now)
    return await render_cell_month(session, actor, document, now)


def build_app(
    db: async_sessionmaker[AsyncSession],
    bot: ZaloBot | None,
    *,
    secret: str | None,
    clock: Clock,
    render: Renderer = render_document,
) -> web.Application:
    app = web.Application(client_max_size=WEBHOOK_MAX_BODY)

    async def webhook(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if bot is None or not secret or not hmac.compare_digest(given, secret):
            return web.json_response({"ok": False, "description": "Unauthorized"}, status=401)
        try:
            body = await request.json()
        except ValueError:
            return web.json_response({"ok": False, "description": "Bad Request"}, status=400)
        update = body.get("result") if isinstance(body, dict) else None
        if not isinstance(update, dict):
            return web.json_response({"ok": False, "description": "Bad Request"}, status=400)
        await bot.accept(update)
        return web.json_response({"ok": True})

    async def draining(app: web.Application) -> AsyncIterator[None]:
        assert bot is not None
        # Before the first request: what a stopped process left comes first.
        left = await bot.take_pending()
        if left:
            log.info("zalo: %d stored updates left by a previous process", left)
        task = asyncio.create_task(bot.drain())
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def download(request: web.Request) -> web.Response:
        token = request.match_info["token"]
        now = clock.now()
        try:
            async with db() as session, session.begin():
                member_id, document = await redeem_download(session, token, now)
                member = await get_member(session, member_id)
                file = await render(session, Actor.of(member), document, now)
        except DomainError:
            return web.Response(text=t("zalo-download-gone"), status=404)
        disposition = f'attachment; filename="{file.filename}"'
        return web.Response(
            body=file.content,
            content_type=file.mime,
            headers={"Content-Disposition": disposition, "Cache-Control": "no-store"},
        )

    if bot is not None:
        app.cleanup_ctx.append(draining)
    app.router.add_post(WEBHOOK_PATH, webhook)
    app.router.add_get(FILES_PATH + "{token}", download)
    return app
