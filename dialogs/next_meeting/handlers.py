"""The next meeting dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import ManagedTextInput

from dialogs.common import (
    actor_of,
    clear_messages,
    now_of,
    show_error,
    show_notice,
    transaction,
)
from dialogs.next_meeting.getters import MEETING
from dialogs.states import MeetingSG
from domain import absence
from domain.errors import DomainError
from locales import html


async def on_start(start_data: Any, manager: DialogManager) -> None:
    start = start_data if isinstance(start_data, dict) else {}
    if start.get(MEETING):
        manager.dialog_data[MEETING] = int(start[MEETING])


async def on_reason(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    try:
        async with transaction(manager) as session:
            await absence.notify_absence(
                session,
                await actor_of(manager),
                int(manager.dialog_data.get(MEETING, 0)),
                text,
                now_of(manager),
            )
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(manager, html("meeting-absence-sent"))
    await manager.switch_to(MeetingSG.next)


async def on_confirm(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    clear_messages(manager)
    try:
        async with transaction(manager) as session:
            await absence.confirm_attendance(
                session, await actor_of(manager), int(manager.dialog_data.get(MEETING, 0)),
                now_of(manager),
            )  # fmt: skip
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(manager, html("meeting-confirm-sent"))


async def on_back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    clear_messages(manager)
