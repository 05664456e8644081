"""Zalo webhook delivery: the secret header, the envelope, at most once; and getUpdates
refused while a webhook is set."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from emulator import Emulator
from emulator.client import ZaloUserClient
from tests.emulator.zalo_support import LAN, ZaloApi

SECRET = "bi-mat-cua-chi-bo"


@dataclass
class Receiver:
    """A bot's webhook endpoint: records each POST and answers ``status``."""

    url: str = ""
    status: int = 200
    received: asyncio.Queue[tuple[dict[str, str], Any]] = field(default_factory=asyncio.Queue)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    state = Receiver()

    async def hook(request: web.Request) -> web.Response:
        await state.received.put((dict(request.headers), await request.json()))
        return web.Response(status=state.status, text="{}")

    app = web.Application()
    app.router.add_post("/zalo-hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    state.url = f"http://127.0.0.1:{port}/zalo-hook"
    yield state
    await runner.cleanup()


async def test_each_message_is_posted_once_with_the_secret(
    http: aiohttp.ClientSession, emulator: Emulator, receiver: Receiver
) -> None:
    bot = ZaloApi(http, emulator.base_url)
    async with ZaloUserClient(emulator.base_url) as zalo:
        await zalo.create_persona("Nguyễn Thị Lan", id=LAN)
        waiting = await zalo.send(LAN, "viết trước khi có webhook")

        info = await bot.ok("setWebhook", url=receiver.url, secret_token=SECRET)
        assert info["url"] == receiver.url and isinstance(info["updated_at"], int)
        assert await bot.ok("getWebhookInfo") == info
        assert await bot.error("getUpdates", timeout=0) == (409, "Conflict: webhook is active")

        headers, body = await asyncio.wait_for(receiver.received.get(), 10)
        assert body == {"ok": True, "result": {k: waiting[k] for k in ("event_name", "message")}}
        assert headers["X-Bot-Api-Secret-Token"] == SECRET

        sent = await zalo.send(LAN, "kehoach")
        headers, body = await asyncio.wait_for(receiver.received.get(), 10)
        assert body["result"]["event_name"] == "message.text.received"
        assert body["result"]["message"] == sent["message"]

        # a failed delivery is not retried: the next message comes, the failed one never again
        receiver.status = 500
        lost = await zalo.send(LAN, "mất")
        _, body = await asyncio.wait_for(receiver.received.get(), 10)
        assert body["result"]["message"]["message_id"] == lost["message"]["message_id"]
        receiver.status = 200
        await zalo.send(LAN, "baocao")
        _, body = await asyncio.wait_for(receiver.received.get(), 10)
        assert body["result"]["message"]["text"] == "baocao"
        bot_info = await zalo.bot()
        assert bot_info["webhook"]["last_error"] == (
            "Wrong response from the webhook: 500 Internal Server Error"
        )
        stats = await zalo.stats()
        assert (stats["webhook_delivered"], stats["webhook_failed"]) == (3, 1)
        assert receiver.received.empty() and bot_info["pending_updates"] == 0

        # without a webhook, polling works again
        assert (await bot.ok("deleteWebhook"))["url"] == ""
        await zalo.send(LAN, "huy")
        assert (await bot.ok("getUpdates", timeout=1))["message"]["text"] == "huy"
        assert receiver.received.empty()


async def test_set_webhook_checks_its_url_and_secret(
    http: aiohttp.ClientSession, emulator: Emulator
) -> None:
    bot = ZaloApi(http, emulator.base_url)
    assert await bot.error("setWebhook", url="ftp://x", secret_token=SECRET) == (
        400,
        "Bad Request: url must be an http or https URL",  # the local setting
    )
    short = (400, "Bad Request: secret_token must be 8-256 characters")
    assert (
        await bot.error("setWebhook", url="https://chibo.example/zalo", secret_token="x") == short
    )
    assert await bot.error("setWebhook", url="https://chibo.example/zalo") == (
        400,
        "Bad Request: secret_token is required",
    )
    status, body = await bot("getWebhookInfo")  # no webhook: Zalo's measured 404
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})


async def test_set_webhook_ends_a_waiting_poll_with_409(
    http: aiohttp.ClientSession, emulator: Emulator
) -> None:
    bot = ZaloApi(http, emulator.base_url)
    poll = asyncio.create_task(bot("getUpdates", timeout=30))
    for _ in range(1000):
        if emulator.zalo.waiting_polls:
            break
        await asyncio.sleep(0.01)
    await bot.ok("setWebhook", url="https://chibo.example/zalo", secret_token=SECRET)
    status, body = await poll
    assert (status, body["description"]) == (409, "Conflict: webhook is active")
