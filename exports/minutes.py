"""The minutes of the cell's monthly meeting (biên bản sinh hoạt chi bộ), filled in beforehand.

What chibo knows is printed: the date, the place, who is expected, who confirmed, who sent
a notice of absence and why, the month's results. What the meeting decides is left as
dotted lines for the meeting's clerk.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from docx.document import Document as DocumentObject
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import Acting, actor_id, authorize, record
from domain.cells import get_cell
from domain.files import ExportFile, ExportFormat
from domain.members import local_date
from domain.period_review import Attendance, MeetingRecord, meeting_record
from domain.permissions import Action
from domain.summaries import ItemCounts
from domain.units import Letterhead, cell_letterhead
from exports import form
from exports.docx import cell_document, voices
from exports.files import _file, slug
from exports.numbers import month_label, percent
from locales import t
from storage.db import zone

DISCUSSION_LINES = 6


def reporting_lines(members: int, reported: int, items: ItemCounts) -> list[str]:
    """Members and items, each split so that its parts add up to its whole."""
    return [
        t(
            "export-doc-reported",
            members=members,
            reported=reported,
            rate=percent(reported, members),
            missing=members - reported,
        ),
        items_line(items),
    ]


def items_line(items: ItemCounts) -> str:
    return t(
        "export-doc-items",
        items=items.planned,
        done=items.done,
        rate=percent(items.done, items.planned),
        in_progress=items.in_progress,
        not_started=items.not_started,
        not_reported=items.not_reported,
    )


def minutes_docx(
    record_: MeetingRecord, *, tz: tzinfo, letterhead: Letterhead | None = None, issued_on: date
) -> bytes:
    summary = record_.summary
    document, _ = cell_document(
        letterhead, summary.cell_name, "export-minutes-number-line", issued_on
    )
    kind = "export-minutes-thematic" if record_.thematic else "export-minutes-regular"
    form.title_block(
        document,
        t("export-minutes-title"),
        t(kind, period=month_label(summary.year, summary.month)),
    )
    _opening(document, record_, tz)
    _attendance(document, record_)
    form.heading(document, t("export-minutes-heading-results"))
    for line in reporting_lines(summary.members_total, summary.reported, summary.item_totals):
        form.body(document, line)
    form.body(document, t("export-minutes-voices"))
    form.lines_or_none(document, voices(summary.difficulties) + voices(summary.proposals))
    for heading_id in ("export-minutes-heading-discussion", "export-minutes-heading-decisions"):
        form.heading(document, t(heading_id))
        form.dotted_lines(document, DISCUSSION_LINES)
    form.body(document, t("export-minutes-vote"))
    form.body(document, t("export-minutes-close"))
    form.two_signatures(document, [t("export-minutes-clerk")], "", [t("export-minutes-chair")], "")
    return form.to_bytes(document)


def _opening(document: DocumentObject, record_: MeetingRecord, tz: tzinfo) -> None:
    if record_.starts_at is None:
        form.body(document, t("export-minutes-time-blank"))
    else:
        local = record_.starts_at.astimezone(tz)
        form.body(
            document,
            t(
                "export-minutes-time",
                hour=f"{local:%H}",
                minute=f"{local:%M}",
                day=f"{local:%d/%m/%Y}",
            ),
        )
    form.body(document, t("export-minutes-place", place=record_.place or t("export-place-blank")))
    if record_.topic:
        form.body(document, t("export-minutes-topic", topic=record_.topic))
    form.body(document, t("export-minutes-chair-line"))
    form.body(document, t("export-minutes-clerk-line"))


def _attendance(document: DocumentObject, record_: MeetingRecord) -> None:
    form.heading(document, t("export-minutes-heading-attendance"))
    form.body(
        document,
        t(
            "export-minutes-members",
            members=len(record_.attendance),
            confirmed=len(record_.confirmed),
            absent=len(record_.absent),
            unknown=len(record_.unknown),
        ),
    )
    groups: list[tuple[str, tuple[Attendance, ...]]] = [
        ("export-minutes-confirmed", record_.confirmed),
        ("export-minutes-absent", record_.absent),
        ("export-minutes-unknown", record_.unknown),
    ]
    for heading_id, people in groups:
        form.body(document, t(heading_id, count=len(people)))
        form.lines_or_none(document, [_person(a) for a in people])


def _person(attendance: Attendance) -> str:
    if attendance.absent:
        return t("export-minutes-absent-line", name=attendance.full_name, reason=attendance.reason)
    return t("export-minutes-person-line", name=attendance.full_name)


async def export_minutes(
    session: AsyncSession, acting: Acting, cell_id: int, year: int, month: int, *, now: datetime
) -> ExportFile:
    """The minutes of the cell's meeting of the month, for its leaders."""
    authorize(acting, Action.EXPORT_CELL, cell_id=cell_id)
    cell = await get_cell(session, cell_id)
    meeting = await meeting_record(session, cell_id, year, month)
    # The minutes are dated the day of the meeting, when there is one.
    content = minutes_docx(
        meeting,
        tz=zone(session),
        letterhead=await cell_letterhead(session, cell_id),
        issued_on=local_date(meeting.starts_at or now, zone(session)),
    )
    record(session, actor_id(acting), "export.minutes", "cell", cell_id, year=year, month=month)
    stem = t("export-file-minutes", unit=slug(cell.name), period=f"{year}-{month:02d}")
    return _file(stem, ExportFormat.DOCX, content)
