"""The next meeting of the member's cell, and the notice of absence for it."""

from __future__ import annotations

from aiogram_dialog import Dialog

from dialogs.common import I18NFormat, menu_button, text_input
from dialogs.next_meeting import ids
from dialogs.next_meeting.getters import meeting_getter
from dialogs.next_meeting.handlers import on_confirm, on_reason, on_start
from dialogs.states import MeetingSG as SG
from dialogs.widgets import back_to, button, switch, window


def meetings_dialog() -> Dialog:
    return Dialog(
        window(
            I18NFormat("meeting-next", when="found"),
            I18NFormat("meeting-topic", when="has_topic"),
            I18NFormat("meeting-cancelled", when="cancelled"),
            I18NFormat("meeting-absent", when="absent"),
            I18NFormat("meeting-confirmed", when="confirmed"),
            I18NFormat("meeting-none", when="none"),
            button("meeting-confirm-button", ids.ATTEND, on_confirm, when="can_confirm"),
            switch("meeting-absence-button", ids.ABSENCE, SG.absence, when="open"),
            menu_button(),
            state=SG.next,
            getter=meeting_getter,
        ),
        window(
            I18NFormat("meeting-absence", when="found"),
            I18NFormat("meeting-absent", when="absent"),
            *text_input(ids.REASON, on_reason),
            back_to(SG.next, ids.BACK),
            state=SG.absence,
            getter=meeting_getter,
        ),
        on_start=on_start,
    )
