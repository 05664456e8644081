"""A tiny real aiogram 3 bot for driving the emulator: /start → button → edited message."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from tests.emulator.conftest import TOKEN

GREETING = "<b>Xin chào</b>, đồng chí! Hãy bấm nút bên dưới để tiếp tục nhé."
GREETING_TEXT = "Xin chào, đồng chí! Hãy bấm nút bên dưới để tiếp tục nhé."
BUTTON = "Tiếp tục ▶"
EDITED = "Đã ghi nhận: <i>kế hoạch tháng này</i> ✅"
EDITED_TEXT = "Đã ghi nhận: kế hoạch tháng này ✅"
ANSWER = "Đã lưu"


def tiny_router() -> Router:
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[[InlineKeyboardButton(text=BUTTON, callback_data="next")]]
        )
        await message.answer(GREETING, reply_markup=keyboard)

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(f"Bạn viết: {message.text}", parse_mode=None)

    @router.callback_query(F.data == "next")
    async def pressed(query: CallbackQuery) -> None:
        assert isinstance(query.message, Message)
        await query.message.edit_text(EDITED)
        await query.answer(ANSWER)

    return router


@contextlib.asynccontextmanager
async def running_tiny_bot(base_url: str) -> AsyncIterator[Bot]:
    """Polls the emulator at ``base_url`` with a real aiogram Dispatcher until exit."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(base_url))
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    dispatcher = Dispatcher()
    dispatcher.include_router(tiny_router())
    polling = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=5)
    )
    try:
        yield bot
    finally:
        with contextlib.suppress(RuntimeError):
            await dispatcher.stop_polling()
        await asyncio.wait_for(polling, 10)
        await bot.session.close()
