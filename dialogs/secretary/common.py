"""Month picking and sending files, shared by the secretary's and the committee's windows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from aiogram import Bot
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram_dialog import DialogManager, ShowMode
from aiogram_dialog.widgets.kbd import Button, Row
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.member.common import actor_of, now_of, show_error, transaction
from dialogs.widgets import I18NPlain
from domain.calendar import month_after
from domain.errors import DomainError
from domain.exports import ExportFile, ExportFormat
from domain.members import local_date
from domain.permissions import Actor
from domain.reports import reporting_month
from locales import t

YEAR, MONTH, LATEST = "year", "month", "latest"


def period_of(manager: DialogManager) -> tuple[int, int]:
    """The month the window shows: the one it opened on until the person picks another."""
    if YEAR not in manager.dialog_data:
        manager.dialog_data[YEAR], manager.dialog_data[MONTH] = _latest(manager)
    return int(manager.dialog_data[YEAR]), int(manager.dialog_data[MONTH])


def _latest(manager: DialogManager) -> tuple[int, int]:
    """The latest month one may look at: the cell's reporting month, else this month."""
    if LATEST in manager.dialog_data:
        year, month = manager.dialog_data[LATEST]
        return int(year), int(month)
    today = local_date(now_of(manager))
    return today.year, today.month


async def start_on_month(start_data: Any, manager: DialogManager) -> None:
    """Open on the month a reminder named (``{"year": …, "month": …}``), else on the month the
    cell's members are reporting for now (that of the next meeting), as their windows do."""
    actor: Actor | None = manager.middleware_data.get("actor")
    if actor is not None and actor.cell_id is not None:
        async with transaction(manager) as session:
            manager.dialog_data[LATEST] = list(
                await reporting_month(session, actor.cell_id, now_of(manager))
            )
    if isinstance(start_data, dict) and YEAR in start_data and MONTH in start_data:
        manager.dialog_data[YEAR], manager.dialog_data[MONTH] = (
            int(start_data[YEAR]),
            int(start_data[MONTH]),
        )


def period_data(manager: DialogManager) -> dict[str, Any]:
    year, month = period_of(manager)
    return {
        "period": f"{month:02d}/{year}",
        "has_next_month": (year, month) < _latest(manager),
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


# What a month's export reads: the session, the one who asks, the month, the format, now.
MonthExport = Callable[
    [AsyncSession, Actor, int, int, ExportFormat, datetime], Awaitable[ExportFile]
]

EXPORT_BUTTONS = (
    ("sec-export-xlsx", "xlsx", ExportFormat.XLSX),
    ("sec-export-docx", "docx", ExportFormat.DOCX),
    ("sec-export-png", "png", ExportFormat.PNG),
)


def export_row(id_prefix: str, export: MonthExport, caption_id: str) -> Row:
    """One button per format; each sends the shown month's file with its caption."""

    def on_click(fmt: ExportFormat) -> Callable[[CallbackQuery, Button, DialogManager], Any]:
        async def handler(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
            await _send_month_export(manager, export, fmt, caption_id)

        return handler

    return Row(
        *(
            Button(I18NPlain(caption), id=f"{id_prefix}_{suffix}", on_click=on_click(fmt))
            for caption, suffix, fmt in EXPORT_BUTTONS
        )
    )


async def _send_month_export(
    manager: DialogManager, export: MonthExport, fmt: ExportFormat, caption_id: str
) -> None:
    year, month = period_of(manager)
    try:
        async with transaction(manager) as session:
            file = await export(session, actor_of(manager), year, month, fmt, now_of(manager))
    except DomainError as error:
        show_error(manager, error)
        return
    await send_file(manager, file, t(caption_id, period=f"{month:02d}/{year}"))
