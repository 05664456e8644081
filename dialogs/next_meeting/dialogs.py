"""The next meeting of the member's cell, and the notice of absence for it."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, SwitchTo

from dialogs.common import (
    I18NFormat,
    I18NPlain,
    menu_button,
    message_lines,
    text_input,
)
from dialogs.next_meeting import ids
from dialogs.next_meeting.getters import meeting_getter
from dialogs.next_meeting.handlers import on_back, on_confirm, on_reason, on_start
from dialogs.states import MeetingSG


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
                id=ids.ATTEND,
                on_click=on_confirm,
                when="can_confirm",
            ),
            SwitchTo(
                I18NPlain("meeting-absence-button"),
                id=ids.ABSENCE,
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
            *text_input(ids.REASON, on_reason),
            SwitchTo(I18NPlain("button-back"), id=ids.BACK, state=MeetingSG.next, on_click=on_back),
            state=MeetingSG.absence,
            getter=meeting_getter,
        ),
        on_start=on_start,
    )
