"""getUpdates long polling and offsets; webhook delivery with the secret header."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from emulator import Emulator
from emulator.client import UserClient
from tests.emulator.conftest import BotApi


async def test_long_polling_waits_for_the_timeout(bot: BotApi, lan: int) -> None:
    started = time.monotonic()
    assert await bot.ok("getUpdates", timeout=1) == []
    assert 0.9 <= time.monotonic() - started < 3


async def test_long_polling_wakes_when_a_user_writes(
    bot: BotApi, users: UserClient, lan: int
) -> None:
    poll = asyncio.create_task(bot.ok("getUpdates", timeout=20))
    await asyncio.sleep(0.3)
    assert not poll.done()  # really waiting
    sent_at = time.monotonic()
    await users.send(lan, "Chào bot")
    updates = await asyncio.wait_for(poll, 5)
    assert time.monotonic() - sent_at < 1.5
    assert [u["message"]["text"] for u in updates] == ["Chào bot"]


async def test_offset_confirms_earlier_updates(bot: BotApi, users: UserClient, lan: int) -> None:
    for text in ("một", "hai", "ba"):
        await users.send(lan, text)
    updates = await bot.ok("getUpdates")
    assert [u["message"]["text"] for u in updates] == ["một", "hai", "ba"]
    ids = [u["update_id"] for u in updates]
    assert ids == sorted(ids) and len(set(ids)) == 3
    # not confirmed yet: the same updates come again
    assert [u["update_id"] for u in await bot.ok("getUpdates")] == ids
    # offset = last id + 1 confirms all of them
    assert await bot.ok("getUpdates", offset=ids[-1] + 1) == []
    assert await bot.ok("getUpdates") == []
    await users.send(lan, "bốn")
    latest = await bot.ok("getUpdates", limit=1)
    assert latest[0]["message"]["text"] == "bốn" and latest[0]["update_id"] == ids[-1] + 1


async def test_limit_and_negative_offset(bot: BotApi, users: UserClient, lan: int) -> None:
    for n in range(5):
        await users.send(lan, f"tin {n}")
    assert len(await bot.ok("getUpdates", limit=2)) == 2
    last_two = await bot.ok("getUpdates", offset=-2)
    assert [u["message"]["text"] for u in last_two] == ["tin 3", "tin 4"]
    assert len(await bot.ok("getUpdates")) == 2  # the earlier three were forgotten


async def test_allowed_updates_filters_new_updates(
    bot: BotApi, users: UserClient, lan: int
) -> None:
    await bot.ok("getUpdates", allowed_updates=["callback_query"])
    await users.send(lan, "không được giao")
    assert await bot.ok("getUpdates") == []


async def test_a_second_poller_ends_the_first_with_409(bot: BotApi, lan: int) -> None:
    first = asyncio.create_task(bot("getUpdates", timeout=10))
    await asyncio.sleep(0.2)
    assert await bot.ok("getUpdates", timeout=0) == []
    status, body = await asyncio.wait_for(first, 3)
    assert status == 409
    assert body["description"] == (
        "Conflict: terminated by other getUpdates request; make sure that only one bot "
        "instance is running"
    )


class Receiver:
    """A tiny webhook endpoint that records what Telegram would POST to the bot."""

    def __init__(self, fail_first: int = 0) -> None:
        self.requests: list[tuple[dict[str, str], dict[str, Any]]] = []
        self.fail_first = fail_first
        self.arrived = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        if self.fail_first > 0:
            self.fail_first -= 1
            return web.Response(status=500)
        self.requests.append((dict(request.headers), await request.json()))
        self.arrived.set()
        return web.json_response({})


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[Receiver, str]]:
    target = Receiver(fail_first=1)
    app = web.Application()
    app.router.add_post("/hook", target.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield target, f"http://127.0.0.1:{port}/hook"
    await runner.cleanup()


async def test_webhook_delivery_with_secret_header_and_retry(
    bot: BotApi,
    users: UserClient,
    emulator: Emulator,
    lan: int,
    receiver: tuple[Receiver, str],
) -> None:
    target, url = receiver
    emulator.config.webhook_retry_seconds = 0.1
    set_result = await bot("setWebhook", url=url, secret_token="s3cret-Token_1")
    assert set_result[1] == {"ok": True, "result": True, "description": "Webhook was set"}
    status, body = await bot("getUpdates")
    assert status == 409
    assert body["description"] == (
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
        "delete the webhook first"
    )
    await users.send(lan, "qua webhook")
    await asyncio.wait_for(target.arrived.wait(), 5)
    headers, update = target.requests[0]
    assert headers["X-Telegram-Bot-Api-Secret-Token"] == "s3cret-Token_1"
    assert update["message"]["text"] == "qua webhook"
    info = await bot.ok("getWebhookInfo")
    assert info["url"] == url
    assert info["pending_update_count"] == 0
    assert (
        info["last_error_message"] == "Wrong response from the webhook: 500 Internal Server Error"
    )
    deleted = await bot("deleteWebhook")
    assert deleted[1]["description"] == "Webhook was deleted"
    assert await bot.ok("getUpdates") == []


async def test_webhook_answer_can_carry_a_method(
    bot: BotApi, users: UserClient, emulator: Emulator, lan: int
) -> None:
    async def reply(request: web.Request) -> web.Response:
        update = await request.json()
        chat_id = update["message"]["chat"]["id"]
        return web.json_response({"method": "sendMessage", "chat_id": chat_id, "text": "Pong"})

    app = web.Application()
    app.router.add_post("/hook", reply)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        await bot.ok("setWebhook", url=f"http://127.0.0.1:{port}/hook")
        sent = await users.send(lan, "Ping")
        message = await users.wait_for_message(lan, "Pong", after=sent, within=5)
        assert message["from_bot"] is True
    finally:
        await runner.cleanup()


async def test_stopping_the_emulator_ends_pending_long_polls(http: aiohttp.ClientSession) -> None:
    emulator = Emulator()
    await emulator.start()
    bot = BotApi(http, emulator.base_url)
    poll = asyncio.create_task(bot("getUpdates", timeout=50))
    await asyncio.sleep(0.2)
    started = time.monotonic()
    await emulator.stop()
    status, body = await asyncio.wait_for(poll, 5)
    assert time.monotonic() - started < 3
    assert (status, body["result"]) == (200, [])
