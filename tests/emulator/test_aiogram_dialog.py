"""aiogram-dialog windows through the emulator: buttons switch windows by editing in place."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.filters import CommandStart
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message
from aiogram_dialog import Dialog, DialogManager, StartMode, Window, setup_dialogs
from aiogram_dialog.widgets.kbd import Button, Select
from aiogram_dialog.widgets.text import Const, Format

from emulator import Emulator
from emulator.client import UserClient
from tests.emulator.conftest import TOKEN


class Menu(StatesGroup):
    main = State()
    month = State()


async def months(**_: Any) -> dict[str, Any]:
    return {"months": [("Tháng 5", "5"), ("Tháng 6", "6")]}


async def chosen(callback: Any, widget: Any, manager: DialogManager, item: str) -> None:
    manager.dialog_data["month"] = item
    await manager.switch_to(Menu.month)


async def back(callback: Any, button: Any, manager: DialogManager) -> None:
    await manager.switch_to(Menu.main)


def dispatcher() -> Dispatcher:
    dialog = Dialog(
        Window(
            Const("<b>Trình đơn</b>: chọn tháng báo cáo"),
            Select(
                Format("{item[0]}"),
                id="m",
                item_id_getter=lambda item: item[1],
                items="months",
                on_click=chosen,
            ),
            getter=months,
            state=Menu.main,
        ),
        Window(
            Format("Đã chọn tháng {dialog_data[month]} ✅"),
            Button(Const("Quay lại"), id="back", on_click=back),
            state=Menu.month,
        ),
    )
    router = Router()

    @router.message(CommandStart())
    async def start(message: Message, dialog_manager: DialogManager) -> None:
        await dialog_manager.start(Menu.main, mode=StartMode.RESET_STACK)

    dp = Dispatcher()
    dp.include_routers(router, dialog)
    setup_dialogs(dp)
    return dp


async def test_dialog_windows_edit_in_place(emulator: Emulator, users: UserClient) -> None:
    await users.create_persona("Lan", 1001)
    session = AiohttpSession(api=TelegramAPIServer.from_base(emulator.base_url))
    bot = Bot(TOKEN, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    dp = dispatcher()
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=5))
    try:
        sent = await users.start(1001)
        menu = await users.wait_for_message(1001, "Trình đơn", after=sent)
        assert menu["html"] == "<b>Trình đơn</b>: chọn tháng báo cáo"
        labels = [b["text"] for row in menu["reply_markup"]["inline_keyboard"] for b in row]
        assert labels == ["Tháng 5", "Tháng 6"]

        await users.press(1001, menu["message_id"], text="Tháng 6")
        view = await users.wait_for(
            1001, lambda v: v["messages"][-1]["text"] == "Đã chọn tháng 6 ✅", within=5
        )
        assert [m["message_id"] for m in view["messages"] if m["from_bot"]] == [menu["message_id"]]

        await users.press(1001, menu["message_id"], text="Quay lại")
        await users.wait_for(1001, lambda v: "Trình đơn" in v["messages"][-1]["text"], within=5)

        again = await users.start(1001)  # a new /start opens a new menu message
        second = await users.wait_for_message(1001, "Trình đơn", after=again)
        assert second["message_id"] > menu["message_id"]
    finally:
        with contextlib.suppress(RuntimeError):
            await dp.stop_polling()
        await asyncio.wait_for(polling, 10)
        await bot.session.close()
    assert (await users.stats())["errors_per_code"] == {}  # no refused or unknown method
