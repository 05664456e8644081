"""The history dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.kbd import Button

from dialogs.common import (
    clear_messages,
    reset_page,
)
from dialogs.history.getters import MONTH, YEAR
from dialogs.states import HistorySG


async def on_month(_: CallbackQuery, __: Any, manager: DialogManager, month: str) -> None:
    clear_messages(manager)
    reset_page(manager)
    if month.isdigit() and 1 <= int(month) <= 12:
        manager.dialog_data[MONTH] = int(month)
        await manager.switch_to(HistorySG.report)


async def on_prev_year(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    manager.dialog_data[YEAR] = int(manager.dialog_data[YEAR]) - 1


async def on_next_year(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    manager.dialog_data[YEAR] = int(manager.dialog_data[YEAR]) + 1
