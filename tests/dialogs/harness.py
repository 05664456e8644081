"""A member's chat with the real dispatcher: send text, press buttons by caption or forged data."""

from __future__ import annotations

import re

from aiogram.fsm.storage.base import BaseStorage
from aiogram.types import InlineKeyboardButton, Message
from aiogram_dialog.test_tools import BotClient, MockMessageManager
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from aiogram_dialog.test_tools.memory_storage import JsonMemoryStorage
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import build_dispatcher
from domain.clock import FixedClock
from locales import t


class ForgedButton:
    """A button with callback data the member made up."""

    def __init__(self, data: str) -> None:
        self.data = data

    def find_button(self, message: Message) -> InlineKeyboardButton | None:
        return InlineKeyboardButton(text="forged", callback_data=self.data)


class Chat:
    def __init__(
        self,
        db: async_sessionmaker[AsyncSession],
        user_id: int,
        clock: FixedClock,
        storage: BaseStorage | None = None,
        *,
        webview_url: str | None = None,
        messages: MockMessageManager | None = None,
    ) -> None:
        self.messages = messages or MockMessageManager()
        dp = build_dispatcher(
            db,
            storage=storage or JsonMemoryStorage(),
            clock=clock,
            message_manager=self.messages,
            webview_url=webview_url,
        )
        self.client = BotClient(dp, user_id=user_id, chat_id=user_id)

    @property
    def text(self) -> str:
        return self.last.text or ""

    @property
    def last(self) -> Message:
        return self.messages.last_message()

    async def send(self, text: str) -> str:
        await self.client.send(text)
        return self.text

    async def press(self, caption: str, message: Message | None = None) -> str:
        """Press the button whose caption is exactly ``caption``."""
        await self.client.click(message or self.last, InlineButtonTextLocator(re.escape(caption)))
        return self.text

    async def press_id(self, msg_id: str, **variables: object) -> str:
        return await self.press(t(msg_id, **variables))

    async def press_matching(self, pattern: str) -> str:
        await self.client.click(self.last, InlineButtonTextLocator(pattern))
        return self.text

    async def press_forged(self, data: str) -> str:
        await self.client.click(self.last, ForgedButton(data))
        return self.text

    def captions(self) -> list[str]:
        markup = self.last.reply_markup
        if markup is None:
            return []
        return [button.text for row in markup.inline_keyboard for button in row]  # type: ignore[union-attr]

    def callback_data(self, pattern: str) -> str:
        markup = self.last.reply_markup
        assert markup is not None
        for row in markup.inline_keyboard:  # type: ignore[union-attr]
            for button in row:
                if re.fullmatch(pattern, button.text):
                    assert button.callback_data is not None
                    return button.callback_data
        raise AssertionError(f"no button {pattern!r} in {self.captions()}")
