"""Month picking and sending files, shared by the secretary's and the committee's windows."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Row

from dialogs.member.common import now_of
from dialogs.widgets import I18NPlain
from domain.calendar import month_after
from domain.exports import ExportFile
from domain.members import local_date

YEAR, MONTH = "year", "month"


def period_of(manager: DialogManager) -> tuple[int, int]:
    """The month the window shows: this month until the person picks another."""
    if YEAR not in manager.dialog_data:
        today = local_date(now_of(manager))
        manager.dialog_data[YEAR], manager.dialog_data[MONTH] = today.year, today.month
    return int(manager.dialog_data[YEAR]), int(manager.dialog_data[MONTH])


async def start_on_month(start_data: Any, manager: DialogManager) -> None:
    """Open on the month a reminder named (``{"year": …, "month": …}``), if any."""
    if isinstance(start_data, dict) and YEAR in start_data and MONTH in start_data:
        manager.dialog_data[YEAR], manager.dialog_data[MONTH] = (
            int(start_data[YEAR]),
            int(start_data[MONTH]),
        )


def period_data(manager: DialogManager) -> dict[str, Any]:
    year, month = period_of(manager)
    today = local_date(now_of(manager))
    return {
        "period": f"{month:02d}/{year}",
        "has_next_month": (year, month) < (today.year, today.month),
    }


async def _shift(manager: DialogManager, count: int) -> None:
    year, month = period_of(manager)
    manager.dialog_data[YEAR], manager.dialog_data[MONTH] = month_after(year, month, count)
    manager.dialog_data.pop("page", None)


async def _prev_month(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _shift(manager, -1)


async def _next_month(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _shift(manager, 1)


def month_picker() -> Row:
    return Row(
        Button(I18NPlain("sec-prev-month"), id="prev_month", on_click=_prev_month),
        Button(
            I18NPlain("sec-next-month"),
            id="next_month",
            on_click=_next_month,
            when="has_next_month",
        ),
    )


async def send_file(manager: DialogManager, file: ExportFile, caption: str) -> None:
    """The file as a document in this chat; the window comes back below it."""
    bot: Bot = manager.middleware_data["bot"]
    chat = manager.middleware_data["event_chat"]
    await bot.send_document(
        chat.id, BufferedInputFile(file.content, filename=file.filename), caption=caption
    )
    manager.show_mode = ShowMode.SEND
