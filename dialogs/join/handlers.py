"""The join dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message, User
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button

from dialogs.common import (
    clear_messages,
    now_of,
    show_error,
    transaction,
)
from dialogs.join.getters import APPROVAL, CELL, CODE, NAME, PENDING, TELEGRAM_NAME
from dialogs.states import JoinSG
from domain.errors import DomainError
from domain.invites import check_invite
from domain.joining import join_cell
from domain.names import profile_full_name
from domain.text import FULL_NAME, clean, normalize


def _user(manager: DialogManager) -> User:
    user: User = manager.middleware_data["event_from_user"]
    return user


async def on_start(start_data: Any, manager: DialogManager) -> None:
    start = start_data if isinstance(start_data, dict) else {}
    code = str(start.get(CODE, ""))
    manager.dialog_data[CODE] = code
    user = _user(manager)
    # Family name first for a Vietnamese profile (domain.names); the member confirms or edits.
    manager.dialog_data[NAME] = profile_full_name(
        user.first_name, user.last_name, user.language_code
    )
    manager.dialog_data[TELEGRAM_NAME] = normalize(user.full_name)
    await _check(manager, code)


async def _check(manager: DialogManager, code: str) -> None:
    try:
        async with transaction(manager) as session:
            invite = await check_invite(session, code, now_of(manager))
    except DomainError as error:
        show_error(manager, error)
        await manager.switch_to(JoinSG.invalid)
        return
    clear_messages(manager)
    manager.dialog_data.update(
        {CODE: invite.code, CELL: invite.cell_name, APPROVAL: invite.needs_approval}
    )
    await manager.switch_to(JoinSG.confirm)


async def on_code(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    await _check(manager, text)


async def on_name(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    try:
        name = clean(text, FULL_NAME)
    except DomainError as error:
        show_error(manager, error)
        return
    clear_messages(manager)
    manager.dialog_data[NAME] = name
    manager.dialog_data.pop(TELEGRAM_NAME, None)  # typed by the member: nothing to explain
    await manager.switch_to(JoinSG.confirm)


async def on_join(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    try:
        async with transaction(manager) as session:
            result = await join_cell(
                session,
                str(manager.dialog_data[CODE]),
                _user(manager).id,
                str(manager.dialog_data[NAME]),
                now_of(manager),
            )
    except DomainError as error:
        show_error(manager, error)
        return
    clear_messages(manager)
    manager.dialog_data[PENDING] = result.pending
    manager.dialog_data[NAME] = result.full_name
    await manager.switch_to(JoinSG.done)
