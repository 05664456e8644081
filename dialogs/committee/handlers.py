"""The committee dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button

from dialogs.committee.getters import FIELD, FIELDS
from dialogs.common import (
    attempt,
    clear_messages,
    show_notice,
)
from dialogs.states import CommitteeSG
from domain.units import update_committee
from locales import html


async def on_field(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    clear_messages(manager)
    if item not in FIELDS:
        return  # made-up button data
    manager.dialog_data[FIELD] = item
    await manager.switch_to(CommitteeSG.edit_name)


async def _save_field(manager: DialogManager, value: str) -> bool:
    field = str(manager.dialog_data.get(FIELD, ""))
    if field not in FIELDS:
        return False
    names = await attempt(
        manager, lambda s, a: update_committee(s, a, a.committee_id or 0, **{field: value})
    )
    if names is None:
        return False
    show_notice(manager, html("com-names-saved", name=names.name))
    return True


async def on_name_text(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    if await _save_field(manager, text):
        await manager.switch_to(CommitteeSG.names)


async def on_clear_field(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    if await _save_field(manager, ""):
        await manager.switch_to(CommitteeSG.names)
