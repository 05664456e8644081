"""The cell info dialog: what its buttons and inputs do."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button

from dialogs.cell_info.getters import save
from dialogs.states import CellInfoSG


async def on_locality(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    if await save(manager, locality=text):
        await manager.switch_to(CellInfoSG.overview)


async def on_upper(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    if await save(manager, upper_unit=text):
        await manager.switch_to(CellInfoSG.overview)


async def on_clear_locality(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await save(manager, locality="")


async def on_clear_upper(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await save(manager, upper_unit="")
