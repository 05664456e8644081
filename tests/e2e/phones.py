"""One person's chat with the bot over the Telegram stand-in, for the end-to-end tests:
act (start, type, tap), then wait until a bot message says what the next window says."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from emulator.client import UserClient

HUMAN_PACE = 1.1  # seconds between two typed messages
TAP_PACE = 0.6  # seconds from a window shown to a tap on it


class Phone:
    """``latest_only``: the bot's latest message must say it (one window, nothing below it);
    otherwise any bot message since the window does, as reminders may arrive below it.
    ``text_only`` skips documents and photos; ``tap_pace`` is the pause before a tap."""

    def __init__(
        self,
        users: UserClient,
        telegram_id: int,
        *,
        within: float,
        latest_only: bool = False,
        text_only: bool = False,
        tap_pace: float = TAP_PACE,
    ) -> None:
        self.users, self.id, self.within = users, telegram_id, within
        self.latest_only, self.text_only, self.tap_pace = latest_only, text_only, tap_pace
        self.window: dict[str, Any] = {}

    def _matching(self, view: dict[str, Any], expected: str) -> list[dict[str, Any]]:
        bot = [m for m in view["messages"] if m["from_bot"]]
        if self.latest_only:
            return bot[-1:] if bot and expected in bot[-1]["text"] else []
        since = self.window.get("message_id", 0)
        return [
            m
            for m in bot
            if (not self.text_only or m["kind"] == "text")
            and m["message_id"] >= since
            and expected in m["text"]
        ]

    async def until(self, expected: str) -> dict[str, Any]:
        view = await self.users.wait_for(
            self.id, lambda v: bool(self._matching(v, expected)), within=self.within
        )
        self.window = self._matching(view, expected)[-1]
        return self.window

    async def start(self, code: str, expected: str) -> dict[str, Any]:
        await self.users.start(self.id, code)
        return await self.until(expected)

    async def send(self, text: str, expected: str) -> dict[str, Any]:
        # A person types no faster than a message a second; the stand-in enforces
        # Telegram's per-chat flood limit on the bot's answers.
        await asyncio.sleep(HUMAN_PACE)
        await self.users.send(self.id, text)
        return await self.until(expected)

    async def press(self, caption: str, expected: str) -> dict[str, Any]:
        # A person reads the window before tapping; see docs/reliability.md on taps that
        # arrive before the previous step's state is saved.
        if self.tap_pace:
            await asyncio.sleep(self.tap_pace)
        await self.users.press(self.id, self.window["message_id"], text=caption)
        return await self.until(expected)

    def caption(self, match: Callable[[str], bool]) -> str:
        rows = self.window["reply_markup"]["inline_keyboard"]
        caption: str = next(b["text"] for row in rows for b in row if match(b["text"]))
        return caption
