"""Joining a cell: check the invite, confirm the full name, join or wait for approval."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message, User
from aiogram_dialog import Dialog, DialogManager, StartMode, Window
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button, Row, Start, SwitchTo

from dialogs.member.common import (
    clear_messages,
    message_lines,
    messages_data,
    now_of,
    show_error,
    text_input,
    transaction,
)
from dialogs.states import JoinSG, MainSG
from dialogs.widgets import I18NFormat, I18NPlain
from domain.errors import DomainError
from domain.invites import check_invite
from domain.joining import join_cell
from domain.names import profile_full_name
from domain.text import FULL_NAME, clean, normalize

CODE, CELL, NAME, APPROVAL, PENDING = "code", "cell", "name", "needs_approval", "pending"
# Telegram's own order of the names, kept to say so when the proposal differs from it.
TELEGRAM_NAME = "telegram_name"


def _user(manager: DialogManager) -> User:
    user: User = manager.middleware_data["event_from_user"]
    return user


async def join_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data = dialog_manager.dialog_data
    return {
        **messages_data(dialog_manager),
        "cell": data.get(CELL, ""),
        "name": data.get(NAME, ""),
        "telegram_name": data.get(TELEGRAM_NAME, ""),
        "reordered": bool(data.get(TELEGRAM_NAME)) and data.get(TELEGRAM_NAME) != data.get(NAME),
        "approval": bool(data.get(APPROVAL)),
        "pending": bool(data.get(PENDING)),
        "joined": not data.get(PENDING),
    }


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


async def on_back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    clear_messages(manager)


def join_dialog() -> Dialog:
    return Dialog(
        Window(
            *message_lines(),
            I18NFormat("join-confirm"),
            I18NFormat("join-name-reordered", when="reordered"),
            I18NFormat("join-needs-approval", when="approval"),
            Row(
                Button(I18NPlain("join-button"), id="join", on_click=on_join),
                SwitchTo(
                    I18NPlain("join-edit-name"), id="name", state=JoinSG.name, on_click=on_back
                ),
            ),
            state=JoinSG.confirm,
            getter=join_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("join-name"),
            *text_input("name", on_name),
            SwitchTo(I18NPlain("button-back"), id="back", state=JoinSG.confirm, on_click=on_back),
            state=JoinSG.name,
            getter=join_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("join-invalid"),
            *text_input("code", on_code),
            state=JoinSG.invalid,
            getter=join_getter,
        ),
        Window(
            I18NFormat("join-done", when="joined"),
            I18NFormat("join-pending", when="pending"),
            Start(
                I18NPlain("member-to-menu"),
                id="menu",
                state=MainSG.menu,
                mode=StartMode.RESET_STACK,
                when="joined",
            ),
            state=JoinSG.done,
            getter=join_getter,
        ),
        on_start=on_start,
    )
