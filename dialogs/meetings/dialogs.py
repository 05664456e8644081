"""The cell's meetings for its leaders: the regular rule, the next three meetings, moving,
cancelling, topics, thematic meetings, and who sent a notice of absence."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Row

from dialogs.common import I18NFormat, pager
from dialogs.meetings import ids
from dialogs.meetings.getters import meeting_getter, overview_getter, rule_getter
from dialogs.meetings.handlers import (
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
from dialogs.states import MeetingAdminSG as SG
from dialogs.widgets import ask, back_row, back_to, button, choices, switch, window


def _overview_window() -> Window:
    return window(
        I18NFormat("sec-meetings", when="ready"),
        choices(ids.MEETING_LIST, "meetings", on_meeting),
        button("sec-edit-rule", ids.EDIT_RULE, on_edit_rule, when="ready"),
        back_row(),
        state=SG.overview,
        getter=overview_getter,
    )


def _rule_window() -> Window:
    return window(
        I18NFormat("sec-rule-draft"),
        Row(
            switch("sec-rule-day", ids.RULE_DAY, SG.rule_day),
            switch("sec-rule-time", ids.RULE_TIME, SG.rule_time),
            switch("sec-rule-place", ids.RULE_PLACE, SG.rule_place),
        ),
        button("sec-rule-to-none", ids.RULE_SHIFT_OFF, on_toggle_shift, when="shifts"),
        button("sec-rule-to-shift", ids.RULE_SHIFT_ON, on_toggle_shift, when="stays"),
        Row(
            button("sec-rule-save", ids.RULE_SAVE, on_save_rule),
            back_to(SG.overview, ids.R_BACK),
        ),
        state=SG.rule,
        getter=rule_getter,
    )


def _meeting_window() -> Window:
    return window(
        I18NFormat("sec-meeting-body", when="found"),
        I18NFormat("member-page-number", when="paged"),
        pager(),
        Row(
            switch("sec-move", ids.MOVE, SG.move, when="open"),
            switch("sec-set-topic", ids.TOPIC, SG.topic, when="open"),
        ),
        button("sec-mark-thematic", ids.THEMATIC, on_thematic, when="regular"),
        button("sec-mark-regular", ids.REGULAR, on_regular, when="thematic"),
        switch("sec-cancel-meeting", ids.CANCEL, SG.confirm_cancel, when="open"),
        button("sec-restore-meeting", ids.RESTORE, on_restore, when="cancelled"),
        back_to(SG.overview, ids.M_BACK),
        state=SG.meeting,
        getter=meeting_getter,
    )


def _rule_questions() -> list[Window]:
    """Each part of the regular rule asked by typing; a refusal keeps what was typed before."""
    return [
        ask(prompt, widget_id, on_text, state=state, back=SG.rule, getter=rule_getter)
        for prompt, widget_id, on_text, state in (
            ("sec-ask-day", ids.DAY, on_day, SG.rule_day),
            ("sec-ask-time", ids.TIME, on_time, SG.rule_time),
            ("sec-ask-place", ids.PLACE, on_place, SG.rule_place),
        )
    ]


def meetings_admin_dialog() -> Dialog:
    return Dialog(
        _overview_window(),
        _rule_window(),
        *_rule_questions(),
        _meeting_window(),
        ask(
            "sec-ask-move", ids.MOVE, on_move, state=SG.move, back=SG.meeting, getter=meeting_getter
        ),
        ask(
            "sec-ask-topic",
            ids.TOPIC,
            on_topic,
            state=SG.topic,
            back=SG.meeting,
            getter=meeting_getter,
        ),
        window(
            I18NFormat("sec-confirm-cancel", when="found"),
            button("sec-confirm-cancel-button", ids.YES_CANCEL, on_cancel_meeting, when="open"),
            back_to(SG.meeting, ids.NO_CANCEL),
            state=SG.confirm_cancel,
            getter=meeting_getter,
        ),
    )
