"""The cell's meetings for its leaders: the regular rule, the next three meetings, moving,
cancelling, topics, thematic meetings, and who sent a notice of absence."""

from __future__ import annotations

from datetime import time
from typing import Any

from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, Select, SwitchTo
from aiogram_dialog.widgets.text import Format
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.member.common import (
    actor_of,
    clear_messages,
    local_day,
    menu_button,
    message_lines,
    messages_data,
    now_of,
    page_data,
    pager,
    reset_page,
    show_error,
    show_notice,
    text_input,
    transaction,
)
from dialogs.states import MeetingAdminSG
from dialogs.widgets import I18NFormat, I18NPlain, button_id
from domain.calendar import (
    MeetingView,
    cancel_meeting,
    move_meeting,
    restore_meeting,
    set_thematic,
    set_topic,
)
from domain.cells import (
    MeetingRule,
    check_meeting_rule,
    parse_meeting_time,
    rule_of,
    set_meeting_rule,
)
from domain.errors import DomainError
from domain.permissions import Actor
from domain.review import (
    AbsenceLine,
    cell_rule,
    meeting_absences,
    meeting_confirmations,
    meeting_to_manage,
    parse_local_datetime,
    parse_meeting_day,
    upcoming_meetings,
)
from domain.vocabulary import ShiftRule
from locales import SafeHTML, html, t

MEETING = "meeting"
# The rule being edited: kept whole in dialog data so that a bad entry loses nothing typed.
DAY, TIME, PLACE, SHIFT, OFFSETS = "rule_day", "rule_time", "rule_place", "rule_shift", "offsets"
SHIFT_IDS = {
    ShiftRule.NEXT_WORKING_DAY: "sec-shift-next-working-day",
    ShiftRule.NONE: "sec-shift-none",
}


def _when(meeting: MeetingView) -> str:
    return f"{meeting.local_start:%H:%M} {local_day(meeting.starts_at)}"


def _rule_text(rule: MeetingRule) -> SafeHTML:
    return html(
        "sec-rule-line",
        day=rule.day,
        time=f"{rule.at:%H:%M}",
        place=rule.place,
        shift=t(SHIFT_IDS[rule.shift_rule]),
    )


def _meeting_line(meeting: MeetingView) -> SafeHTML:
    kind = t("sec-kind-thematic") if meeting.thematic else t("sec-kind-regular")
    topic = meeting.topic or t("sec-topic-unset")
    if meeting.moved:
        return html(
            "sec-meeting-line-moved",
            when=_when(meeting),
            place=meeting.place,
            kind=kind,
            topic=topic,
        )
    return html(
        "sec-meeting-line", when=_when(meeting), place=meeting.place, kind=kind, topic=topic
    )


async def overview_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor = actor_of(dialog_manager)
    data: dict[str, Any] = {"ready": False, "meetings": []}
    try:
        async with transaction(dialog_manager) as session:
            rule = await cell_rule(session, actor, actor.cell_id or 0)
            upcoming = await upcoming_meetings(
                session, actor, actor.cell_id or 0, now_of(dialog_manager)
            )
    except DomainError as error:
        show_error(dialog_manager, error)
    else:
        lines = [str(_meeting_line(m)) for m in upcoming] or [str(html("sec-no-meetings"))]
        data.update(
            ready=True,
            rule=_rule_text(rule),
            upcoming=SafeHTML("\n".join(lines)),
            meetings=[
                {"id": m.id, "label": t("sec-meeting-button", when=_when(m))} for m in upcoming
            ],
        )
    return {**data, **messages_data(dialog_manager)}


def _draft(manager: DialogManager) -> MeetingRule:
    data = manager.dialog_data
    return MeetingRule(
        day=int(data[DAY]),
        at=time.fromisoformat(str(data[TIME])),
        place=str(data[PLACE]),
        shift_rule=ShiftRule(data[SHIFT]),
        reminder_offsets=tuple(int(x) for x in data.get(OFFSETS, ())),
    )


def _keep(manager: DialogManager, rule: MeetingRule) -> None:
    manager.dialog_data.update(
        {
            DAY: rule.day,
            TIME: rule.at.strftime("%H:%M"),
            PLACE: rule.place,
            SHIFT: rule.shift_rule.value,
            OFFSETS: list(rule.reminder_offsets),
        }
    )


async def rule_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    rule = _draft(dialog_manager)
    return {
        **messages_data(dialog_manager),
        "rule": _rule_text(rule),
        "day": rule.day,
        "time": f"{rule.at:%H:%M}",
        "place": rule.place,
        "shifts": rule.shift_rule is ShiftRule.NEXT_WORKING_DAY,
        "stays": rule.shift_rule is ShiftRule.NONE,
    }


async def on_edit_rule(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    actor = actor_of(manager)
    clear_messages(manager)
    try:
        async with transaction(manager) as session:
            rule = await cell_rule(session, actor, actor.cell_id or 0)
    except DomainError as error:
        show_error(manager, error)
        return
    _keep(manager, rule)
    await manager.switch_to(MeetingAdminSG.rule)


async def on_day(_: Message, __: ManagedTextInput[str], manager: DialogManager, text: str) -> None:
    try:
        manager.dialog_data[DAY] = parse_meeting_day(text)
    except DomainError as error:
        show_error(manager, error)
        return
    clear_messages(manager)
    await manager.switch_to(MeetingAdminSG.rule)


async def on_time(_: Message, __: ManagedTextInput[str], manager: DialogManager, text: str) -> None:
    try:
        manager.dialog_data[TIME] = parse_meeting_time(text).strftime("%H:%M")
    except DomainError as error:
        show_error(manager, error)
        return
    clear_messages(manager)
    await manager.switch_to(MeetingAdminSG.rule)


async def on_place(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    draft = _draft(manager)
    try:
        checked = check_meeting_rule(
            MeetingRule(draft.day, draft.at, text, draft.shift_rule, draft.reminder_offsets)
        )
    except DomainError as error:
        show_error(manager, error)
        return
    manager.dialog_data[PLACE] = checked.place
    clear_messages(manager)
    await manager.switch_to(MeetingAdminSG.rule)


async def on_toggle_shift(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    shifts = ShiftRule(manager.dialog_data[SHIFT]) is ShiftRule.NEXT_WORKING_DAY
    manager.dialog_data[SHIFT] = (ShiftRule.NONE if shifts else ShiftRule.NEXT_WORKING_DAY).value


async def on_save_rule(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    actor = actor_of(manager)
    try:
        async with transaction(manager) as session:
            cell = await set_meeting_rule(session, actor, actor.cell_id or 0, _draft(manager))
            rule = rule_of(cell)
    except DomainError as error:
        show_error(manager, error)
        return
    show_notice(manager, html("sec-rule-saved", rule=_rule_text(rule)))
    await manager.switch_to(MeetingAdminSG.overview)


async def on_meeting(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    clear_messages(manager)
    reset_page(manager)
    chosen = button_id(item)
    if chosen is None:
        return
    manager.dialog_data[MEETING] = chosen
    await manager.switch_to(MeetingAdminSG.meeting)


def meeting_blocks(
    meeting: MeetingView, absences: list[AbsenceLine], confirmed: list[str] | None = None
) -> list[str]:
    blocks: list[str] = [
        html(
            "sec-meeting",
            period=f"{meeting.month:02d}/{meeting.year}",
            when=_when(meeting),
            place=meeting.place,
            kind=t("sec-kind-thematic") if meeting.thematic else t("sec-kind-regular"),
            topic=meeting.topic or t("sec-topic-unset"),
        )
    ]
    if meeting.moved:
        blocks.append(html("sec-meeting-moved"))
    if meeting.cancelled:
        blocks.append(html("sec-meeting-cancelled"))
    blocks.append(html("sec-absences-head", count=len(absences)))
    blocks += [html("sec-absence-line", name=a.full_name, reason=a.reason) for a in absences]
    confirmed = confirmed or []
    blocks.append(html("sec-confirmed-head", count=len(confirmed)))
    if confirmed:
        blocks.append(html("sec-confirmed-names", names=", ".join(confirmed)))
    return blocks


async def meeting_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor = actor_of(dialog_manager)
    meeting_id = int(dialog_manager.dialog_data.get(MEETING, 0))
    data: dict[str, Any] = {"found": False}
    try:
        async with transaction(dialog_manager) as session:
            meeting = await meeting_to_manage(session, actor, meeting_id)
            absences = await meeting_absences(session, actor, meeting_id)
            confirmed = await meeting_confirmations(session, actor, meeting_id)
    except DomainError as error:
        show_error(dialog_manager, error)
    else:
        data.update(
            page_data(dialog_manager, meeting_blocks(meeting, absences, confirmed)),
            found=True,
            open=not meeting.cancelled,
            cancelled=meeting.cancelled,
            thematic=meeting.thematic and not meeting.cancelled,
            regular=not meeting.thematic and not meeting.cancelled,
            when=_when(meeting),
            topic=meeting.topic,
        )
    return {**data, **messages_data(dialog_manager)}


async def _change(manager: DialogManager, change: Any, notice: SafeHTML) -> bool:
    """Apply ``change(session, actor, meeting_id)``; the window shows the outcome."""
    actor = actor_of(manager)
    try:
        async with transaction(manager) as session:
            await change(session, actor, int(manager.dialog_data.get(MEETING, 0)))
    except DomainError as error:
        show_error(manager, error)
        return False
    show_notice(manager, notice)
    return True


async def on_move(
    message: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    actor = actor_of(manager)
    meeting_id = int(manager.dialog_data.get(MEETING, 0))
    try:
        async with transaction(manager) as session:
            meeting = await meeting_to_manage(session, actor, meeting_id)
            local = parse_local_datetime(text, meeting.local_start.time())
            moved = await move_meeting(session, actor, meeting_id, local, now=now_of(manager))
    except DomainError as error:
        show_error(manager, error)  # the window stays for another try
        return
    show_notice(manager, html("sec-meeting-moved-notice", when=_when(moved)))
    await manager.switch_to(MeetingAdminSG.meeting)


async def on_topic(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    async def change(session: AsyncSession, actor: Actor, meeting_id: int) -> MeetingView:
        return await set_topic(session, actor, meeting_id, text)

    if await _change(manager, change, html("sec-topic-saved")):
        await manager.switch_to(MeetingAdminSG.meeting)


async def on_thematic(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    async def change(session: AsyncSession, actor: Actor, meeting_id: int) -> MeetingView:
        return await set_thematic(session, actor, meeting_id, True)

    await _change(manager, change, html("sec-thematic-set"))


async def on_regular(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    async def change(session: AsyncSession, actor: Actor, meeting_id: int) -> MeetingView:
        return await set_thematic(session, actor, meeting_id, False)

    await _change(manager, change, html("sec-thematic-unset"))


async def on_cancel_meeting(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    if await _change(manager, cancel_meeting, html("sec-meeting-cancelled-notice")):
        await manager.switch_to(MeetingAdminSG.meeting)


async def on_restore(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _change(manager, restore_meeting, html("sec-meeting-restored"))


async def on_back(_: CallbackQuery, __: Any, manager: DialogManager) -> None:
    clear_messages(manager)
    reset_page(manager)


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
            id="mt",
            item_id_getter=lambda m: m["id"],
            items="meetings",
            on_click=on_meeting,
        ),
        Button(I18NPlain("sec-edit-rule"), id="edit_rule", on_click=on_edit_rule, when="ready"),
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
                id="r_day",
                state=MeetingAdminSG.rule_day,
                on_click=on_back,
            ),
            SwitchTo(
                I18NPlain("sec-rule-time"),
                id="r_time",
                state=MeetingAdminSG.rule_time,
                on_click=on_back,
            ),
            SwitchTo(
                I18NPlain("sec-rule-place"),
                id="r_place",
                state=MeetingAdminSG.rule_place,
                on_click=on_back,
            ),
        ),
        Button(
            I18NPlain("sec-rule-to-none"), id="r_shift_off", on_click=on_toggle_shift, when="shifts"
        ),
        Button(
            I18NPlain("sec-rule-to-shift"), id="r_shift_on", on_click=on_toggle_shift, when="stays"
        ),
        Row(
            Button(I18NPlain("sec-rule-save"), id="r_save", on_click=on_save_rule),
            _back(MeetingAdminSG.overview, "r_back"),
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
                id="move",
                state=MeetingAdminSG.move,
                on_click=on_back,
                when="open",
            ),
            SwitchTo(
                I18NPlain("sec-set-topic"),
                id="topic",
                state=MeetingAdminSG.topic,
                on_click=on_back,
                when="open",
            ),
        ),
        Button(I18NPlain("sec-mark-thematic"), id="thematic", on_click=on_thematic, when="regular"),
        Button(I18NPlain("sec-mark-regular"), id="regular", on_click=on_regular, when="thematic"),
        SwitchTo(
            I18NPlain("sec-cancel-meeting"),
            id="cancel",
            state=MeetingAdminSG.confirm_cancel,
            on_click=on_back,
            when="open",
        ),
        Button(
            I18NPlain("sec-restore-meeting"), id="restore", on_click=on_restore, when="cancelled"
        ),
        _back(MeetingAdminSG.overview, "m_back"),
        state=MeetingAdminSG.meeting,
        getter=meeting_getter,
    )


def meetings_admin_dialog() -> Dialog:
    return Dialog(
        _overview_window(),
        _rule_window(),
        _input_window(
            I18NFormat("sec-ask-day"),
            "day",
            on_day,
            MeetingAdminSG.rule_day,
            MeetingAdminSG.rule,
            rule_getter,
        ),
        _input_window(
            I18NFormat("sec-ask-time"),
            "time",
            on_time,
            MeetingAdminSG.rule_time,
            MeetingAdminSG.rule,
            rule_getter,
        ),
        _input_window(
            I18NFormat("sec-ask-place"),
            "place",
            on_place,
            MeetingAdminSG.rule_place,
            MeetingAdminSG.rule,
            rule_getter,
        ),
        _meeting_window(),
        _input_window(
            I18NFormat("sec-ask-move"),
            "move",
            on_move,
            MeetingAdminSG.move,
            MeetingAdminSG.meeting,
            meeting_getter,
        ),
        _input_window(
            I18NFormat("sec-ask-topic"),
            "topic",
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
                id="yes_cancel",
                on_click=on_cancel_meeting,
                when="open",
            ),
            _back(MeetingAdminSG.meeting, "no_cancel"),
            state=MeetingAdminSG.confirm_cancel,
            getter=meeting_getter,
        ),
    )
