"""The next meeting of the member's cell, and the notice of absence for it."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button, SwitchTo

from dialogs.member.common import (
    actor_of,
    clear_messages,
    menu_button,
    message_lines,
    messages_data,
    now_of,
    show_error,
    show_notice,
    text_input,
    transaction,
)
from dialogs.states import MeetingSG
from dialogs.widgets import I18NFormat, I18NPlain
from domain import absence
from domain.calendar import MeetingView, next_meetings
from domain.errors import DomainError
from locales import html

MEETING = "meeting_id"


async def _meeting(manager: DialogManager) -> tuple[MeetingView | None, str | None, bool]:
    """The meeting this dialog is about (from a deep link, or the next one), my notice of
    absence and whether I confirmed I will attend."""
    actor = actor_of(manager)
    async with transaction(manager) as session:
        wanted = manager.dialog_data.get(MEETING)
        if wanted is None:
            assert actor.cell_id is not None
            upcoming = await next_meetings(session, actor.cell_id, now_of(manager), 1)
            if not upcoming:
                return None, None, False
            wanted = manager.dialog_data[MEETING] = upcoming[0].id
        meeting = await absence.meeting_for_member(session, actor, int(wanted))
        reason = await absence.my_absence(session, actor, meeting.id)
        confirmed = await absence.my_confirmation(session, actor, meeting.id)
    return meeting, reason, confirmed


async def meeting_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    try:
        meeting, reason, confirmed = await _meeting(dialog_manager)
    except DomainError as error:
        show_error(dialog_manager, error)
        meeting, reason, confirmed = None, None, False
    messages = messages_data(dialog_manager)
    data: dict[str, Any] = {
        **messages,
        "found": meeting is not None,
        "none": meeting is None and "error" not in messages,
    }
    if meeting is None:
        return data
    start = meeting.local_start
    data.update(
        weekday=start.weekday(),
        date=start.strftime("%d/%m/%Y"),
        time=start.strftime("%H:%M"),
        place=meeting.place or "-",
        topic=meeting.topic,
        has_topic=bool(meeting.topic),
        kind="thematic" if meeting.thematic else "regular",
        cancelled=meeting.cancelled,
        open=not meeting.cancelled and meeting.starts_at > now_of(dialog_manager),
        confirmed=confirmed,
        reason=reason or "",
        absent=reason is not None,
        not_absent=reason is None,
    )
    data["can_confirm"] = data["open"] and not confirmed
    return data


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
                actor_of(manager),
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
                session, actor_of(manager), int(manager.dialog_data.get(MEETING, 0)),
                now_of(manager),
            )  # fmt: skip
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(manager, html("meeting-confirm-sent"))


async def on_back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    clear_messages(manager)


def meetings_dialog() -> Dialog:
    return Dialog(
        Window(
            *message_lines(),
            I18NFormat("meeting-next", when="found"),
            I18NFormat("meeting-topic", when="has_topic"),
            I18NFormat("meeting-cancelled", when="cancelled"),
            I18NFormat("meeting-absent", when="absent"),
            I18NFormat("meeting-confirmed", when="confirmed"),
            I18NFormat("meeting-none", when="none"),
            Button(
                I18NPlain("meeting-confirm-button"),
                id="attend",
                on_click=on_confirm,
                when="can_confirm",
            ),
            SwitchTo(
                I18NPlain("meeting-absence-button"),
                id="abs",
                state=MeetingSG.absence,
                on_click=on_back,
                when="open",
            ),
            menu_button(),
            state=MeetingSG.next,
            getter=meeting_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("meeting-absence", when="found"),
            I18NFormat("meeting-absent", when="absent"),
            *text_input("reason", on_reason),
            SwitchTo(I18NPlain("button-back"), id="back", state=MeetingSG.next, on_click=on_back),
            state=MeetingSG.absence,
            getter=meeting_getter,
        ),
        on_start=on_start,
    )
