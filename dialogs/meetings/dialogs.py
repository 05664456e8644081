"""The cell's meetings for its leaders: the regular rule, the next three meetings, moving,
cancelling, topics, thematic meetings, and who sent a notice of absence."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.state import State
from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.common import (
    I18NFormat,
    I18NPlain,
    menu_button,
    message_lines,
    pager,
    text_input,
)
from dialogs.meetings import ids
from dialogs.meetings.getters import meeting_getter, overview_getter, rule_getter
from dialogs.meetings.handlers import (
    on_back,
    on_cancel_meeting,
    on_day,
    on_edit_rule,
    on_meeting,
    on_move,
    on_place,
    on_regular,
    on_restore,
    on_save_rule,
    on_thematic,
    on_time,
    on_toggle_shift,
    on_topic,
)
from dialogs.states import MeetingAdminSG


def _back(state: State, widget_id: str) -> SwitchTo:
    return SwitchTo(I18NPlain("button-back"), id=widget_id, state=state, on_click=on_back)


def _input_window(
    prompt: I18NFormat, widget_id: str, on_success: Any, state: State, back_to: State, getter: Any
) -> Window:
    """A question answered by typing; a refusal keeps the window and what was typed before."""
    return Window(
        *message_lines(),
        prompt,
        *text_input(widget_id, on_success),
        _back(back_to, f"back_{widget_id}"),
        state=state,
        getter=getter,
    )


def _overview_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-meetings", when="ready"),
        Select(
            Format("{item[label]}"),
            id=ids.MEETING_LIST,
            item_id_getter=lambda m: m["id"],
            items="meetings",
            on_click=on_meeting,
        ),
        Button(I18NPlain("sec-edit-rule"), id=ids.EDIT_RULE, on_click=on_edit_rule, when="ready"),
        Row(Cancel(I18NPlain("button-back")), menu_button()),
        state=MeetingAdminSG.overview,
        getter=overview_getter,
    )


def _rule_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-rule-draft"),
        Row(
            SwitchTo(
                I18NPlain("sec-rule-day"),
                id=ids.RULE_DAY,
                state=MeetingAdminSG.rule_day,
                on_click=on_back,
            ),
            SwitchTo(
                I18NPlain("sec-rule-time"),
                id=ids.RULE_TIME,
                state=MeetingAdminSG.rule_time,
                on_click=on_back,
            ),
            SwitchTo(
                I18NPlain("sec-rule-place"),
                id=ids.RULE_PLACE,
                state=MeetingAdminSG.rule_place,
                on_click=on_back,
            ),
        ),
        Button(
            I18NPlain("sec-rule-to-none"),
            id=ids.RULE_SHIFT_OFF,
            on_click=on_toggle_shift,
            when="shifts",
        ),
        Button(
            I18NPlain("sec-rule-to-shift"),
            id=ids.RULE_SHIFT_ON,
            on_click=on_toggle_shift,
            when="stays",
        ),
        Row(
            Button(I18NPlain("sec-rule-save"), id=ids.RULE_SAVE, on_click=on_save_rule),
            _back(MeetingAdminSG.overview, ids.R_BACK),
        ),
        state=MeetingAdminSG.rule,
        getter=rule_getter,
    )


def _meeting_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-meeting-body", when="found"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        Row(
            SwitchTo(
                I18NPlain("sec-move"),
                id=ids.MOVE,
                state=MeetingAdminSG.move,
                on_click=on_back,
                when="open",
            ),
            SwitchTo(
                I18NPlain("sec-set-topic"),
                id=ids.TOPIC,
                state=MeetingAdminSG.topic,
                on_click=on_back,
                when="open",
            ),
        ),
        Button(
            I18NPlain("sec-mark-thematic"), id=ids.THEMATIC, on_click=on_thematic, when="regular"
        ),
        Button(I18NPlain("sec-mark-regular"), id=ids.REGULAR, on_click=on_regular, when="thematic"),
        SwitchTo(
            I18NPlain("sec-cancel-meeting"),
            id=ids.CANCEL,
            state=MeetingAdminSG.confirm_cancel,
            on_click=on_back,
            when="open",
        ),
        Button(
            I18NPlain("sec-restore-meeting"), id=ids.RESTORE, on_click=on_restore, when="cancelled"
        ),
        _back(MeetingAdminSG.overview, ids.M_BACK),
        state=MeetingAdminSG.meeting,
        getter=meeting_getter,
    )


def meetings_admin_dialog() -> Dialog:
    return Dialog(
        _overview_window(),
        _rule_window(),
        _input_window(
            I18NFormat("sec-ask-day"),
            ids.DAY,
            on_day,
            MeetingAdminSG.rule_day,
            MeetingAdminSG.rule,
            rule_getter,
        ),
        _input_window(
            I18NFormat("sec-ask-time"),
            ids.TIME,
            on_time,
            MeetingAdminSG.rule_time,
            MeetingAdminSG.rule,
            rule_getter,
        ),
        _input_window(
            I18NFormat("sec-ask-place"),
            ids.PLACE,
            on_place,
            MeetingAdminSG.rule_place,
            MeetingAdminSG.rule,
            rule_getter,
        ),
        _meeting_window(),
        _input_window(
            I18NFormat("sec-ask-move"),
            ids.MOVE,
            on_move,
            MeetingAdminSG.move,
            MeetingAdminSG.meeting,
            meeting_getter,
        ),
        _input_window(
            I18NFormat("sec-ask-topic"),
            ids.TOPIC,
            on_topic,
            MeetingAdminSG.topic,
            MeetingAdminSG.meeting,
            meeting_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("sec-confirm-cancel", when="found"),
            Button(
                I18NPlain("sec-confirm-cancel-button"),
                id=ids.YES_CANCEL,
                on_click=on_cancel_meeting,
                when="open",
            ),
            _back(MeetingAdminSG.meeting, ids.NO_CANCEL),
            state=MeetingAdminSG.confirm_cancel,
            getter=meeting_getter,
        ),
    )
