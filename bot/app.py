"""``chibo run``: the bot, the scheduler and the delivery worker in one event loop.

With no ``CHIBO_BOT_TOKEN`` the process starts the local Telegram stand-in
(``emulator/``) first, seeds the demo data once, and points the unchanged bot at it.
``--only bot|scheduler|delivery`` runs one part alone, for deployments that split them.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import signal
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import BotCommand
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import build_dispatcher, build_storage
from bot.zalo.runner import ZaloSetup, free_port, run_zalo, zalo_sender, zalo_setup
from config.logs import configure_logging, token_secrets
from config.settings import Settings
from domain.clock import Clock
from locales import t
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade

log = logging.getLogger("chibo")

PARTS = ("bot", "scheduler", "delivery", "zalo", "webview")
# The token the embedded stand-in accepts; it only ever reaches 127.0.0.1.
LOCAL_TOKEN = "100000001:LOCAL-chibo-emulator-token-0000000000"
# The embedded stand-in's Zalo token (``EmulatorConfig.zalo_token``'s default).
LOCAL_ZALO_TOKEN = "zalo-local-token"
WEBHOOK_PATH = "/telegram/webhook"
WEBHOOK_MAX_BODY = 1024 * 1024


class Stoppable(Protocol):
    async def stop(self) -> None: ...


@dataclass
class Runtime:
    settings: Settings
    token: str
    api_url: str
    db: async_sessionmaker[AsyncSession]
    stop: asyncio.Event
    # The one clock of this process: the bot, the scheduler and the delivery worker share it.
    clock: Clock
    # Zalo's bot platform (a token's, or the local stand-in's); None when Zalo is off.
    zalo: ZaloSetup | None = None
    # The web view's port and public address; None when it is off.
    webview: tuple[int, str] | None = None


def make_bot(token: str, api_url: str) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api_url))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


def bot_commands() -> list[BotCommand]:
    return [
        BotCommand(command="menu", description=t("command-menu")),
        BotCommand(command="cancel", description=t("command-cancel")),
        BotCommand(command="start", description=t("command-start")),
    ]


async def run(settings: Settings, *, only: str | None = None, webhook: bool = False) -> None:
    """Run until SIGINT/SIGTERM; then stop every part cleanly."""
    secrets = [settings.webhook_secret.get_secret_value()] if settings.webhook_secret else []
    if settings.bot_token:
        secrets += token_secrets(settings.bot_token.get_secret_value())
    for zalo_secret in (settings.zalo_bot_token, settings.zalo_webhook_secret):
        if zalo_secret is not None:
            secrets.append(zalo_secret.get_secret_value())
    configure_logging(settings.log_level, secrets)
    parts = {only} if only else set(PARTS)
    engine = create_engine(settings.database_url)
    clock = settings.clock()
    if settings.clock_start is not None:
        log.warning("clock starts at %s (CHIBO_CLOCK_START)", clock.now().isoformat())
    stop = asyncio.Event()
    _install_signal_handlers(stop)
    emulator: Stoppable | None = None
    try:
        await upgrade(engine)
        db = create_session_factory(engine, settings.tz)
        token = settings.bot_token.get_secret_value() if settings.bot_token else LOCAL_TOKEN
        api_url = settings.telegram_api_url
        if settings.local_mode:
            emulator, api_url = await _start_local_telegram(settings, db, clock)
        zalo = (
            zalo_setup(settings, f"{api_url}/zalo", LOCAL_ZALO_TOKEN)
            if settings.local_mode
            else zalo_setup(settings)
        )
        webview = webview_address(settings)
        if zalo is not None and webview is not None:
            zalo = dataclasses.replace(zalo, webview_base=webview[1])
        runtime = Runtime(settings, token, api_url, db, stop, clock, zalo, webview)
        tasks = [
            asyncio.create_task(_PART_RUNNERS[part](runtime, webhook), name=part)
            for part in PARTS
            if part in parts
        ]
        await _until_stopped(stop, tasks)
    finally:
        if emulator is not None:
            await emulator.stop()
        await engine.dispose()
        log.info("chibo stopped")


async def _until_stopped(stop: asyncio.Event, tasks: list[asyncio.Task[None]]) -> None:
    stopper = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait([stopper, *tasks], return_when=asyncio.FIRST_COMPLETED)
    stop.set()
    crashed = [task for task in done if task is not stopper and task.exception()]
    await asyncio.gather(*tasks, return_exceptions=True)
    stopper.cancel()
    if crashed:
        raise crashed[0].exception()  # type: ignore[misc]


def _install_signal_handlers(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)


async def _start_local_telegram(
    settings: Settings, db: async_sessionmaker[AsyncSession], clock: Clock
) -> tuple[Stoppable, str]:
    from bot.local import start_local_telegram

    return await start_local_telegram(settings, db, LOCAL_TOKEN, clock)


async def _run_bot(runtime: Runtime, webhook: bool) -> None:
    settings = runtime.settings
    bot = make_bot(runtime.token, runtime.api_url)
    dp = build_dispatcher(
        runtime.db,
        storage=build_storage(runtime.db, settings.redis_url),
        clock=runtime.clock,
        webview_url=runtime.webview[1] if runtime.webview is not None else None,
        # Webhook workers may be several behind a balancer: they share the replay guard.
        shared_replay=webhook,
    )
    try:
        me = await bot.get_me()
        log.info("bot @%s (id %s) ready", me.username, me.id)
        # The command list goes last: once Telegram has it, the bot answers updates.
        if webhook:
            await _serve_webhook(bot, dp, runtime)
        else:
            await bot.delete_webhook(drop_pending_updates=False)
            await bot.set_my_commands(bot_commands())
            polling = asyncio.create_task(
                dp.start_polling(
                    bot, handle_signals=False, tasks_concurrency_limit=settings.bot_concurrency
                )
            )
            await _wait_either(runtime.stop, polling)
            if not polling.done():
                await dp.stop_polling()
            await polling
    finally:
        await dp.storage.close()
        await bot.session.close()


async def _serve_webhook(bot: Bot, dp: Dispatcher, runtime: Runtime) -> None:
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application

    settings = runtime.settings
    if not settings.webhook_url or settings.webhook_secret is None:
        raise RuntimeError("CHIBO_WEBHOOK_URL and CHIBO_WEBHOOK_SECRET are required with --webhook")
    secret = settings.webhook_secret.get_secret_value()
    app = web.Application(client_max_size=WEBHOOK_MAX_BODY)
    # Answered in the foreground: Telegram opens at most ``max_connections`` requests at
    # once and keeps the rest in its queue, as polling does with its concurrency limit.
    SimpleRequestHandler(
        dispatcher=dp, bot=bot, secret_token=secret, handle_in_background=False
    ).register(app, WEBHOOK_PATH)
    setup_application(app, dp, bot=bot)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    await bot.set_webhook(
        settings.webhook_url.rstrip("/") + WEBHOOK_PATH,
        secret_token=secret,
        max_connections=min(settings.bot_concurrency, 100),
    )
    await bot.set_my_commands(bot_commands())
    log.info("webhook listening on %s:%s", settings.webhook_host, settings.webhook_port)
    try:
        await runtime.stop.wait()
    finally:
        await runner.cleanup()


async def _wait_either(stop: asyncio.Event, task: asyncio.Task[None]) -> None:
    waiter = asyncio.create_task(stop.wait())
    await asyncio.wait([waiter, task], return_when=asyncio.FIRST_COMPLETED)
    waiter.cancel()


async def _run_scheduler(runtime: Runtime, webhook: bool) -> None:
    from scheduler.runtime import run_scheduler

    await run_scheduler(runtime.settings, runtime.db, runtime.clock, runtime.stop)


async def _run_delivery(runtime: Runtime, webhook: bool) -> None:
    from delivery.runtime import run_delivery

    zalo = runtime.zalo
    await run_delivery(
        runtime.settings,
        runtime.db,
        runtime.stop,
        clock=runtime.clock,
        token=runtime.token,
        api_url=runtime.api_url,
        zalo=zalo_sender(zalo) if zalo is not None else None,
        download_url=zalo.download_url if zalo is not None else None,
    )


def webview_address(settings: Settings) -> tuple[int, str] | None:
    """The Mini App's port and the address of the menus' button; None: no button. In local
    mode an unset port is a free one, as Zalo's endpoint, so two local runs never clash."""
    port = settings.webview_port
    if settings.webview_public_url is not None:
        return port, str(settings.webview_public_url).rstrip("/") + "/webview/"
    if not settings.local_mode:
        return None
    if "webview_port" not in settings.model_fields_set:
        port = free_port(settings.webview_host)
    return port, f"http://{settings.webview_host}:{port}/webview/"


async def _run_webview(runtime: Runtime, webhook: bool) -> None:
    from webview.pages import create_app

    settings = runtime.settings
    if runtime.webview is None:
        log.info("webview off: no CHIBO_WEBVIEW_PUBLIC_URL")
        await runtime.stop.wait()
        return
    port, url = runtime.webview
    runner = web.AppRunner(create_app(runtime.db, runtime.token, runtime.clock), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, settings.webview_host, port).start()
    log.info("webview listening on %s:%s, opened as %s", settings.webview_host, port, url)
    try:
        await runtime.stop.wait()
    finally:
        await runner.cleanup()


async def _run_zalo(runtime: Runtime, webhook: bool) -> None:
    if runtime.zalo is None:
        # A part that ends stops chibo run: without Zalo this one just waits for the others.
        log.info("zalo off: no CHIBO_ZALO_BOT_TOKEN")
        await runtime.stop.wait()
        return
    await run_zalo(runtime.zalo, runtime.db, runtime.stop, runtime.clock, webhook=webhook)


_PART_RUNNERS: dict[str, Callable[[Runtime, bool], Coroutine[Any, Any, None]]] = {
    "bot": _run_bot,
    "scheduler": _run_scheduler,
    "delivery": _run_delivery,
    "zalo": _run_zalo,
    "webview": _run_webview,
}
