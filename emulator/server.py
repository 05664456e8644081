"""The aiohttp application and ``Emulator``, the handle to run it inside another event loop."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from aiohttp import web

from emulator import botapi, userapi
from emulator.config import EmulatorConfig
from emulator.models import JSON, Chat, Persona
from emulator.view import chat_view
from emulator.webhook import WebhookSender
from emulator.world import WORLD, World
from emulator.zalo import botapi as zalo_botapi
from emulator.zalo import userapi as zalo_userapi
from emulator.zalo.state import ZALO, ZaloPersona, ZaloWorld
from emulator.zalo.webhook import ZaloWebhookSender

log = logging.getLogger("emulator")
STATIC = Path(__file__).with_name("static")


async def _index(request: web.Request) -> web.FileResponse:
    headers = {"Cache-Control": "no-cache", "Content-Type": "text/html; charset=utf-8"}
    return web.FileResponse(STATIC / "index.html", headers=headers)


def create_app(
    config: EmulatorConfig | None = None,
    world: World | None = None,
    zalo: ZaloWorld | None = None,
) -> web.Application:
    """The whole emulator as an ``aiohttp`` application (Bot API, Zalo's bot platform under
    ``/zalo``, user API, chat page)."""
    config = config or EmulatorConfig()
    world = world or World(config)
    zalo = zalo or ZaloWorld(config, world.clock)
    app = web.Application(
        client_max_size=config.max_upload_bytes + 1024 * 1024,
        middlewares=[userapi.json_errors],
    )
    app[WORLD] = world
    app[ZALO] = zalo
    botapi.add_routes(app)
    zalo_botapi.add_routes(app)
    app.router.add_routes(userapi.routes)
    app.router.add_routes(zalo_userapi.routes)
    app.router.add_get("/", _index)
    app.router.add_static("/static/", STATIC, append_version=True)

    async def webhook_delivery(app: web.Application) -> AsyncIterator[None]:
        sender = WebhookSender(world)
        zalo_sender = ZaloWebhookSender(zalo)
        sender.start()
        zalo_sender.start()
        yield
        await zalo_sender.stop()
        await sender.stop()

    async def no_stale_page(request: web.Request, response: web.StreamResponse) -> None:
        if request.path.startswith("/static/"):  # a newer emulator must not meet an old app.js
            response.headers["Cache-Control"] = "no-cache"

    async def wake_waiters(app: web.Application) -> None:
        world.close()
        zalo.close()

    app.cleanup_ctx.append(webhook_delivery)
    app.on_shutdown.append(wake_waiters)
    app.on_response_prepare.append(no_stale_page)
    return app


class Emulator:
    """A local Telegram: start it on a port, point a bot at ``base_url``, act as its users.

    Usage::

        async with Emulator(EmulatorConfig(bot_username="chibo_local_bot")) as emu:
            emu.add_persona(1001, "Lan")
            bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(emu.base_url)))
    """

    def __init__(
        self,
        config: EmulatorConfig | None = None,
        *,
        launch_clock: Callable[[], float] | None = None,
    ) -> None:
        self.config = config or EmulatorConfig()
        self.world = World(self.config)
        if launch_clock is not None:
            # The bot's own time, when it runs at a chosen moment: Web App launches carry it.
            self.world.launch_clock = launch_clock
        self.zalo = ZaloWorld(self.config, self.world.clock)
        self.app = create_app(self.config, self.world, self.zalo)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on ``host:port`` (0 = a free port) and return the base URL."""
        if self._runner is not None:
            return self.base_url
        runner = web.AppRunner(
            self.app, access_log=None, handle_signals=False, shutdown_timeout=5.0
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        bound_port = sockets[0].getsockname()[1] if sockets else port
        shown_host = f"[{host}]" if ":" in host else host
        self.base_url = f"http://{shown_host}:{bound_port}"
        log.info("Telegram emulator listening on %s", self.base_url)
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def chat_page_url(self) -> str:
        return f"{self.base_url}/"

    def add_persona(
        self,
        user_id: int | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        *,
        language_code: str | None = "vi",
        started: bool = False,
    ) -> Persona:
        """Create (or update) a persona; ``started`` lets the bot write to them first."""
        return self.world.add_persona(
            user_id, first_name, last_name, username, language_code, started
        )

    def add_group(
        self,
        title: str,
        members: list[int],
        *,
        chat_type: str = "group",
        chat_id: int | None = None,
    ) -> Chat:
        return self.world.create_group(title, members, chat_type, chat_id)

    def send_text(self, chat_id: int, text: str, from_id: int | None = None) -> int:
        """A persona writes in a chat; returns the new message id."""
        message, _ = self.world.user_send(chat_id, text, from_id)
        return message.message_id

    def chat(self, chat_id: int) -> JSON:
        """The chat as the user API shows it (messages after edits and deletes)."""
        return chat_view(self.world.chat(chat_id), self.world.clock())

    def sent_count(self, chat_id: int) -> int:
        return self.world.stats.sent_per_chat[chat_id]

    def stats(self) -> dict[str, Any]:
        return self.world.stats.as_json()

    def reset(self, keep_personas: bool = False) -> None:
        self.world.reset(keep_personas)
        self.zalo.reset(keep_personas)

    # Zalo, served under ``{base_url}/zalo``
    @property
    def zalo_api_url(self) -> str:
        """What ``CHIBO_ZALO_API_URL`` should be: clients call ``{this}/bot{token}/{method}``."""
        return f"{self.base_url}/zalo"

    def add_zalo_persona(self, display_name: str, user_id: str | None = None) -> ZaloPersona:
        return self.zalo.add_persona(display_name, user_id)

    def zalo_send(self, user_id: str, text: str) -> JSON:
        """A Zalo persona writes ``text``; returns {event_name, message, seq}."""
        return self.zalo.user_event(user_id, "message.text.received", text)

    def zalo_chat(self, user_id: str, since: int | None = None) -> JSON:
        """The Zalo chat as the user API shows it."""
        return self.zalo.chat(user_id).view(since, self.zalo.clock())

    def zalo_stats(self) -> JSON:
        return self.zalo.stats.as_json()
