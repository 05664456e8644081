"""The meetings dialog: what its buttons and inputs do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import DialogManager
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.common import (
    attempt,
    button_id,
    clear_messages,
    now_of,
    reset_page,
    show_error,
    show_notice,
)
from dialogs.meetings.getters import (
    DAY,
    MEETING,
    OFFSETS,
    PLACE,
    SHIFT,
    TIME,
    rule_draft,
    rule_text,
    when,
)
from dialogs.states import MeetingAdminSG
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
    cell_rule,
    meeting_to_manage,
    parse_local_datetime,
    parse_meeting_day,
)
from domain.vocabulary import ShiftRule
from locales import SafeHTML, html


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


async def on_edit_rule(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)
    rule = await attempt(manager, lambda s, a: cell_rule(s, a, a.cell_id or 0))
    if rule is not None:
        _keep(manager, rule)
        await manager.switch_to(MeetingAdminSG.rule)


async def _answer(manager: DialogManager, key: str, parse: Callable[[], Any]) -> None:
    """One part of the rule's draft typed in; a refusal keeps the question on screen."""
    try:
        manager.dialog_data[key] = parse()
    except DomainError as error:
        show_error(manager, error)
        return
    clear_messages(manager)
    await manager.switch_to(MeetingAdminSG.rule)


async def on_day(_: Message, __: ManagedTextInput[str], manager: DialogManager, text: str) -> None:
    await _answer(manager, DAY, lambda: parse_meeting_day(text))


async def on_time(_: Message, __: ManagedTextInput[str], manager: DialogManager, text: str) -> None:
    await _answer(manager, TIME, lambda: parse_meeting_time(text).strftime("%H:%M"))


async def on_place(
    _: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    draft = rule_draft(manager)
    rule = MeetingRule(draft.day, draft.at, text, draft.shift_rule, draft.reminder_offsets)
    await _answer(manager, PLACE, lambda: check_meeting_rule(rule).place)


async def on_toggle_shift(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    shifts = ShiftRule(manager.dialog_data[SHIFT]) is ShiftRule.NEXT_WORKING_DAY
    manager.dialog_data[SHIFT] = (ShiftRule.NONE if shifts else ShiftRule.NEXT_WORKING_DAY).value


async def on_save_rule(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    draft = rule_draft(manager)
    cell = await attempt(manager, lambda s, a: set_meeting_rule(s, a, a.cell_id or 0, draft))
    if cell is not None:
        show_notice(manager, html("sec-rule-saved", rule=rule_text(rule_of(cell))))
        await manager.switch_to(MeetingAdminSG.overview)


async def on_meeting(_: CallbackQuery, __: Any, manager: DialogManager, item: str) -> None:
    clear_messages(manager)
    reset_page(manager)
    chosen = button_id(item)
    if chosen is None:
        return
    manager.dialog_data[MEETING] = chosen
    await manager.switch_to(MeetingAdminSG.meeting)


async def _change(manager: DialogManager, change: Any, notice: SafeHTML) -> bool:
    """Apply ``change(session, actor, meeting_id)``; the window shows the outcome."""
    meeting_id = int(manager.dialog_data.get(MEETING, 0))
    if await attempt(manager, lambda s, a: change(s, a, meeting_id)) is None:
        return False
    show_notice(manager, notice)
    return True


async def on_move(
    message: Message, __: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    meeting_id, now = int(manager.dialog_data.get(MEETING, 0)), now_of(manager)

    async def move(session: AsyncSession, actor: Actor) -> MeetingView:
        meeting = await meeting_to_manage(session, actor, meeting_id)
        local = parse_local_datetime(text, meeting.local_start.time())
        return await move_meeting(session, actor, meeting_id, local, now=now)

    moved = await attempt(manager, move)
    if moved is not None:
        show_notice(manager, html("sec-meeting-moved-notice", when=when(moved)))
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
