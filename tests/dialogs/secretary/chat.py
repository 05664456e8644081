"""A leader's chat with the real Dispatcher and a stand-in bot that keeps files and photos."""

from __future__ import annotations

import re
from typing import Any

from aiogram.methods import GetMe, SendDocument, SendPhoto, TelegramMethod
from aiogram.types import InlineKeyboardButton, Message, User
from aiogram_dialog.test_tools import BotClient, MockMessageManager
from aiogram_dialog.test_tools.bot_client import FakeBot
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from aiogram_dialog.test_tools.memory_storage import JsonMemoryStorage
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dispatcher import build_dispatcher
from domain.clock import FixedClock
from locales import t

BOT_USERNAME = "chibo_test_bot"


class StandInBot(FakeBot):
    """Keeps the documents and photos sent and knows its own name; refuses the rest."""

    def __init__(self) -> None:
        self._me: User | None = None
        self.documents: list[SendDocument] = []
        self.photos: list[SendPhoto] = []

    async def __call__(
        self, method: TelegramMethod[Any], request_timeout: int | None = None
    ) -> Any:
        if isinstance(method, SendDocument):
            self.documents.append(method)
            return None
        if isinstance(method, SendPhoto):
            self.photos.append(method)
            return None
        if isinstance(method, GetMe):
            return User(id=1, is_bot=True, first_name="Chi bộ", username=BOT_USERNAME)
        return await super().__call__(method, request_timeout)


class _Forged:
    def __init__(self, data: str) -> None:
        self.data = data

    def find_button(self, message: Message) -> InlineKeyboardButton | None:
        return InlineKeyboardButton(text="forged", callback_data=self.data)


class LeaderChat:
    def __init__(
        self, db: async_sessionmaker[AsyncSession], telegram_id: int, clock: FixedClock
    ) -> None:
        self.messages = MockMessageManager()
        self.bot = StandInBot()
        dp = build_dispatcher(
            db, storage=JsonMemoryStorage(), clock=clock, message_manager=self.messages
        )
        self.client = BotClient(dp, user_id=telegram_id, chat_id=telegram_id, bot=self.bot)

    @property
    def last(self) -> Message:
        return self.messages.last_message()

    @property
    def text(self) -> str:
        return self.last.text or ""

    async def send(self, text: str) -> str:
        await self.client.send(text)
        return self.text

    async def press(self, caption: str) -> str:
        """Press the button whose caption is exactly ``caption``."""
        await self.client.click(self.last, InlineButtonTextLocator(f"^{re.escape(caption)}$"))
        return self.text

    async def press_id(self, msg_id: str, **variables: object) -> str:
        return await self.press(t(msg_id, **variables))

    async def open(self, *msg_ids: str) -> str:
        """/start, then the secretary's work, then the buttons named."""
        await self.send("/start")
        for msg_id in ("sec-menu", *msg_ids):
            await self.press_id(msg_id)
        return self.text

    async def press_data(self, data: str) -> str:
        """Press a button whose callback data the person made up."""
        await self.client.click(self.last, _Forged(data))
        return self.text

    def callback_data(self, caption: str) -> str:
        markup = self.last.reply_markup
        assert markup is not None
        for row in markup.inline_keyboard:  # type: ignore[union-attr]
            for button in row:
                if button.text == caption and button.callback_data:
                    return button.callback_data
        raise AssertionError(f"no button {caption!r} in {self.captions()}")

    def captions(self) -> list[str]:
        markup = self.last.reply_markup
        if markup is None:
            return []
        return [button.text for row in markup.inline_keyboard for button in row]  # type: ignore[union-attr]
