"""Outbox payloads for every reminder: which ``sched-*`` message, its arguments, buttons.

Each channel's sender renders the message when it goes out (``delivery.render``).
Numbers that are not quantities (years, months, days) are passed as text so that
Fluent does not group their digits.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from delivery.runtime import DIGEST_EXPORT
from domain.reach import outbox_payload
from scheduler import buttons
from storage.models import Meeting

# Characters of names in a digest, so that it stays within Telegram's 4096 per message.
MISSING_NAMES_BUDGET = 2500


def _date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _payload(message: dict[str, Any], markup: dict[str, Any] | None) -> dict[str, Any]:
    return message if markup is None else {**message, "reply_markup": markup}


def _meeting_details(meeting: Meeting, tz: ZoneInfo) -> dict[str, Any]:
    local = meeting.starts_at.astimezone(tz)
    kind = outbox_payload(
        "sched-meeting-kind-thematic" if meeting.thematic else "sched-meeting-kind-regular"
    )
    topic = meeting.topic.rstrip(".")
    topic_line = outbox_payload("sched-meeting-topic", topic=topic) if topic else ""
    return {
        "date": _date(local.date()),
        "time": f"{local:%H:%M}",
        "place": meeting.place,
        "kind": kind,
        "topic": topic_line,
    }


def report_reminder(name: str, meeting: Meeting, tz: ZoneInfo) -> dict[str, Any]:
    details = _meeting_details(meeting, tz)
    message = outbox_payload(
        "sched-report-reminder",
        name=name,
        date=details["date"],
        time=details["time"],
        place=details["place"],
        month=f"{meeting.month:02d}",
        year=str(meeting.year),
    )
    return _payload(message, buttons.report_keyboard(meeting.year, meeting.month))


def meeting_reminder(name: str, meeting: Meeting, soon: bool, tz: ZoneInfo) -> dict[str, Any]:
    details = _meeting_details(meeting, tz)
    if soon:
        message = outbox_payload("sched-meeting-soon", name=name, **details)
    else:
        message = outbox_payload("sched-meeting-eve", name=name, **details)
    return _payload(message, buttons.absence_keyboard(meeting.id))


def group_announcement(
    meeting: Meeting, soon: bool, tz: ZoneInfo, bot_username: str | None
) -> dict[str, Any]:
    details = _meeting_details(meeting, tz)
    if soon:
        message = outbox_payload("sched-group-meeting-soon", **details)
    else:
        message = outbox_payload("sched-group-meeting-eve", **details)
    return _payload(message, buttons.group_absence_keyboard(bot_username, meeting.id))


def plan_reminder(name: str, year: int, due_on: date | None) -> dict[str, Any]:
    if due_on is None:
        message = outbox_payload("sched-plan-reminder", name=name, year=str(year))
    else:
        message = outbox_payload(
            "sched-plan-reminder-due", name=name, year=str(year), due=_date(due_on)
        )
    return _payload(message, buttons.plan_keyboard(year))


def plans_review(name: str, count: int, cell_id: int) -> dict[str, Any]:
    message = outbox_payload("sched-plans-review", name=name, count=count)
    return _payload(message, buttons.review_keyboard(cell_id))


class MonthSummary(Protocol):
    """What the digest reads from ``storage.aggregation.CellMonthSummary``."""

    @property
    def cell_id(self) -> int: ...
    @property
    def cell_name(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def month(self) -> int: ...
    @property
    def members_total(self) -> int: ...
    @property
    def reported(self) -> int: ...
    @property
    def missing(self) -> tuple[Any, ...]: ...
    @property
    def item_totals(self) -> Any: ...


def digest(summary: MonthSummary, meeting: Meeting, tz: ZoneInfo) -> dict[str, Any]:
    """The secretary's digest the day before the meeting; the docx is a ``document`` field."""
    details = _meeting_details(meeting, tz)
    items = summary.item_totals
    missing_text = _missing_line(sorted(member.full_name for member in summary.missing))
    message = outbox_payload(
        "sched-digest",
        cell=summary.cell_name,
        date=details["date"],
        time=details["time"],
        month=f"{summary.month:02d}",
        year=str(summary.year),
        reported=summary.reported,
        total=summary.members_total,
        done=items.done,
        in_progress=items.in_progress,
        not_started=items.not_started,
        missing=missing_text,
    )
    payload = _payload(
        message, buttons.summary_keyboard(summary.cell_id, summary.year, summary.month)
    )
    # Rendered at send time by the renderer registered under this name (exports/).
    payload["document"] = {
        "export": DIGEST_EXPORT,
        "cell_id": summary.cell_id,
        "year": summary.year,
        "month": summary.month,
        "filename": f"bao-cao-chi-bo-{summary.cell_id}-{summary.year}-{summary.month:02d}.docx",
    }
    return payload


def _missing_line(names: list[str]) -> dict[str, Any]:
    """Who has not reported, cut to fit one message; the attached report names everyone."""
    if not names:
        return outbox_payload("sched-digest-all-reported")
    shown: list[str] = []
    size = 0
    for name in names:
        size += len(name) + 2
        if shown and size > MISSING_NAMES_BUDGET:
            break
        shown.append(name)
    if len(shown) == len(names):
        return outbox_payload("sched-digest-missing", count=len(names), names=", ".join(names))
    return outbox_payload(
        "sched-digest-missing-more",
        count=len(names),
        names=", ".join(shown),
        more=len(names) - len(shown),
    )
