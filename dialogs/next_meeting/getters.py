"""The next meeting dialog: what its windows show."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    actor_of,
    messages_data,
    now_of,
    show_error,
    transaction,
)
from domain import absence
from domain.calendar import MeetingView, next_meetings
from domain.errors import DomainError

MEETING = "meeting_id"


async def _meeting(manager: DialogManager) -> tuple[MeetingView | None, str | None, bool]:
    """The meeting this dialog is about (from a deep link, or the next one), my notice of
    absence and whether I confirmed I will attend."""
    actor = await actor_of(manager)
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
