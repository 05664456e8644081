"""The next meeting dialog: what its buttons and inputs do."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import ManagedTextInput

from dialogs.common import (
    attempt,
    clear_messages,
    now_of,
    show_notice,
)
from dialogs.next_meeting.getters import MEETING
from dialogs.states import MeetingSG
from domain import absence
from locales import html


async def on_start(start_data: Any, manager: DialogManager) -> None:
    start = start_data if isinstance(start_data, dict) else {}
    if start.get(MEETING):
        manager.dialog_data[MEETING] = int(start[MEETING])


async def on_reason(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    meeting, now = int(manager.dialog_data.get(MEETING, 0)), now_of(manager)
    notice = await attempt(manager, lambda s, a: absence.notify_absence(s, a, meeting, text, now))
    if notice is None:
        return
    show_notice(manager, html("meeting-absence-sent"))
    await manager.switch_to(MeetingSG.next)


async def on_confirm(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    clear_messages(manager)
    meeting, now = int(manager.dialog_data.get(MEETING, 0)), now_of(manager)
    if await attempt(manager, lambda s, a: absence.confirm_attendance(s, a, meeting, now)) is None:
        return
    show_notice(manager, html("meeting-confirm-sent"))
