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
from collections.abc import AsyncIterator

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.zalo.service import ZaloBot
from domain.clock import Clock
from domain.errors import DomainError
from exports.named import Renderer, redeemed_file, render_named
from locales import t

log = logging.getLogger("chibo.zalo")

WEBHOOK_PATH = "/zalo/webhook"
FILES_PATH = "/zalo/files/"
WEBHOOK_MAX_BODY = 64 * 1024
SECRET_HEADER = "X-Bot-Api-Secret-Token"


def build_app(
    db: async_sessionmaker[AsyncSession],
    bot: ZaloBot | None,
    *,
    secret: str | None,
    clock: Clock,
    render: Renderer = render_named,
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
        try:
            async with db() as session, session.begin():
                file = await redeemed_file(session, token, clock.now(), render)
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
