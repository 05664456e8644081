"""The poll loop against a platform that serves the same update again (as live Zalo bots
see): it waits a floor between polls instead of spinning."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.zalo.service import ZaloBot
from conversations.zalo.conversation import Conversation
from delivery.zalo import ZaloTexter
from delivery.zalo_api import ZaloApi
from tests.zalo.chat import text_update

TOKEN = "1234567890:fake-zalo-token"
# The fake platform ends the loop itself after this many polls: a spinning loop gets there.
POLL_CAP = 50
PAUSES = 5


@dataclass
class ReservingZalo:
    """A fake Zalo that answers every getUpdates with the same update."""

    update: dict[str, Any]
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    calls: dict[str, int] = field(default_factory=dict)
    sent: list[dict[str, Any]] = field(default_factory=list)

    async def handle(self, request: web.Request) -> web.Response:
        name = request.match_info["method"]
        self.calls[name] = self.calls.get(name, 0) + 1
        params = await request.json() if request.can_read_body else {}
        if name == "getUpdates":
            if self.calls[name] >= POLL_CAP:
                self.stop.set()
            return web.json_response({"ok": True, "result": self.update})
        if name == "sendMessage":
            self.sent.append(params)
            return web.json_response({"ok": True, "result": {"message_id": "b1"}})
        return web.json_response({"ok": True, "result": True})


@pytest.fixture
async def reserving() -> AsyncIterator[tuple[ReservingZalo, str]]:
    fake = ReservingZalo(text_update("z-lan", "menu", message_id="m-served-again"))
    app = web.Application()
    app.router.add_post("/bot{token}/{method}", fake.handle)
    async with TestServer(app, host="127.0.0.1") as server:
        yield fake, str(server.make_url("")).rstrip("/")


async def test_an_update_served_again_is_answered_once_and_each_poll_after_it_waits_the_floor(
    reserving: tuple[ReservingZalo, str], conversation: Conversation
) -> None:
    fake, url = reserving
    pauses: list[float] = []

    async def pause(stop: asyncio.Event, seconds: float) -> None:
        # A fake clock: no time passes, each wait is counted; the test ends after a few.
        pauses.append(seconds)
        if len(pauses) == PAUSES:
            stop.set()

    api = ZaloApi(TOKEN, url)
    bot = ZaloBot(api, conversation, ZaloTexter(api), replay_floor=1.0, pause=pause)
    try:
        await bot.poll(fake.stop, wait=1)
    finally:
        await api.close()
    # One fresh poll, then one poll per wait: never two polls without a wait between them.
    assert fake.calls["getUpdates"] == PAUSES + 1
    assert pauses == [1.0] * PAUSES
    assert [m["chat_id"] for m in fake.sent] == ["z-lan"]  # answered once
