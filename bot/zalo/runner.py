"""Wiring the Zalo part: where the platform is, the bot's HTTP endpoint, polling or webhook."""

from __future__ import annotations

import asyncio
import logging
import socket
from dataclasses import dataclass

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.zalo.service import ZaloBot
from bot.zalo.web import FILES_PATH, WEBHOOK_PATH, build_app
from config.settings import Settings
from conversations.zalo.conversation import Conversation
from delivery.zalo import ZaloSender, ZaloTexter
from delivery.zalo_api import ZaloApi
from domain.clock import Clock

log = logging.getLogger("chibo.zalo")


@dataclass(frozen=True)
class ZaloSetup:
    token: str
    api_url: str
    http_host: str
    http_port: int
    public_url: str
    webhook_secret: str | None
    # The web view's address (``…/webview/``) for leaders' one-time links; None: no page.
    webview_base: str | None = None

    def download_url(self, token: str) -> str:
        return f"{self.public_url}{FILES_PATH}{token}"

    def webview_url(self, token: str) -> str:
        return f"{self.webview_base}?once={token}"


def free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def zalo_setup(
    settings: Settings, local_api_url: str | None = None, local_token: str = ""
) -> ZaloSetup | None:
    """The Zalo part's settings: a token's, or the local stand-in's; None when Zalo is off."""
    if settings.zalo_bot_token is not None:
        token, api_url = settings.zalo_bot_token.get_secret_value(), settings.zalo_api_url
    elif local_api_url is not None:
        token, api_url = local_token, local_api_url
    else:
        return None
    port = settings.zalo_http_port
    if local_api_url is not None and "zalo_http_port" not in settings.model_fields_set:
        # Local mode: several local runs (tests, demos) must not fight over one port.
        port = free_port(settings.zalo_http_host)
    public = settings.zalo_public_url or f"http://{settings.zalo_http_host}:{port}"
    secret = settings.zalo_webhook_secret
    return ZaloSetup(
        token=token,
        api_url=api_url,
        http_host=settings.zalo_http_host,
        http_port=port,
        public_url=public.rstrip("/"),
        webhook_secret=secret.get_secret_value() if secret is not None else None,
    )


def zalo_sender(setup: ZaloSetup) -> ZaloSender:
    return ZaloSender(ZaloApi(setup.token, setup.api_url))


async def run_zalo(
    setup: ZaloSetup,
    db: async_sessionmaker[AsyncSession],
    stop: asyncio.Event,
    clock: Clock,
    *,
    webhook: bool = False,
) -> None:
    """Answer Zalo members until ``stop``: webhook with ``--webhook``, polling otherwise."""
    if webhook and not setup.webhook_secret:
        raise RuntimeError("CHIBO_ZALO_WEBHOOK_SECRET is required with --webhook")
    api = ZaloApi(setup.token, setup.api_url)
    bot = ZaloBot(
        api,
        Conversation(
            db,
            clock=clock,
            download_url=setup.download_url,
            webview_url=setup.webview_url if setup.webview_base else None,
        ),
        ZaloTexter(api),
    )
    app = build_app(db, bot if webhook else None, secret=setup.webhook_secret, clock=clock)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, setup.http_host, setup.http_port).start()
        me = await api.get_me()
        log.info("zalo bot %s ready; files at %s", me.get("display_name"), setup.public_url)
        if webhook:
            assert setup.webhook_secret is not None
            await api.set_webhook(setup.public_url + WEBHOOK_PATH, setup.webhook_secret)
            await stop.wait()
        else:
            polling = asyncio.create_task(bot.poll(stop))
            waiter = asyncio.create_task(stop.wait())
            await asyncio.wait([polling, waiter], return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()
            if polling.done():
                polling.result()  # polling ended by itself: its error stops chibo run
            polling.cancel()
            await asyncio.gather(polling, return_exceptions=True)
    finally:
        await runner.cleanup()
        await api.close()
