"""The meetings dialog: what its windows show."""

from __future__ import annotations

from datetime import time
from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import (
    actor_of,
    messages_data,
    now_of,
    page_data,
    show_error,
    transaction,
)
from domain.calendar import (
    MeetingView,
)
from domain.cells import (
    MeetingRule,
)
from domain.errors import DomainError
from domain.review import (
    AbsenceLine,
    cell_rule,
    meeting_absences,
    meeting_confirmations,
    meeting_to_manage,
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


def when(meeting: MeetingView) -> str:
    return f"{meeting.local_start:%H:%M %d/%m/%Y}"


def rule_text(rule: MeetingRule) -> SafeHTML:
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
            when=when(meeting),
            place=meeting.place,
            kind=kind,
            topic=topic,
        )
    return html("sec-meeting-line", when=when(meeting), place=meeting.place, kind=kind, topic=topic)


async def overview_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor = await actor_of(dialog_manager)
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
            rule=rule_text(rule),
            upcoming=SafeHTML("\n".join(lines)),
            meetings=[
                {"id": m.id, "label": t("sec-meeting-button", when=when(m))} for m in upcoming
            ],
        )
    return {**data, **messages_data(dialog_manager)}


def rule_draft(manager: DialogManager) -> MeetingRule:
    data = manager.dialog_data
    return MeetingRule(
        day=int(data[DAY]),
        at=time.fromisoformat(str(data[TIME])),
        place=str(data[PLACE]),
        shift_rule=ShiftRule(data[SHIFT]),
        reminder_offsets=tuple(int(x) for x in data.get(OFFSETS, ())),
    )


async def rule_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    rule = rule_draft(dialog_manager)
    return {
        **messages_data(dialog_manager),
        "rule": rule_text(rule),
        "day": rule.day,
        "time": f"{rule.at:%H:%M}",
        "place": rule.place,
        "shifts": rule.shift_rule is ShiftRule.NEXT_WORKING_DAY,
        "stays": rule.shift_rule is ShiftRule.NONE,
    }


def meeting_blocks(
    meeting: MeetingView, absences: list[AbsenceLine], confirmed: list[str] | None = None
) -> list[str]:
    blocks: list[str] = [
        html(
            "sec-meeting",
            period=f"{meeting.month:02d}/{meeting.year}",
            when=when(meeting),
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
    actor = await actor_of(dialog_manager)
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
            when=when(meeting),
            topic=meeting.topic,
        )
    return {**data, **messages_data(dialog_manager)}
