"""Sơ kết 6 tháng and tổng kết năm: of a cell for its committee, of a committee across its cells.

Plans registered, reports month by month, completion per section, and the difficulties and
proposals members wrote (the cell's own document only: a committee sees counts). Models and
examples are the items the cell's leaders marked month by month, as the monthly report lists
them (``domain.period_review.chosen_examples``); with none marked the document leaves room for
them rather than filling in routine notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from sqlalchemy.ext.asyncio import AsyncSession

from domain import years
from domain.audit import Acting, actor_id, authorize, record
from domain.cells import get_cell
from domain.files import ExportFile, ExportFormat
from domain.members import local_date
from domain.period_review import (
    CellReview,
    CommitteeReview,
    Example,
    Registration,
    ReviewPeriod,
    cell_review,
    committee_review,
)
from domain.permissions import Action, Actor
from domain.summaries import CellMonthSummary, ItemCounts, MemberText, ReportingFigures
from domain.units import Letterhead, cell_letterhead, committee_letterhead
from domain.vocabulary import PlanWording
from domain.years import plan_title
from exports import form
from exports.docx import cell_document, committee_document, recipients
from exports.files import _file, secretary_name, slug
from exports.minutes import items_line
from exports.numbers import month_label, percent
from locales import t
from storage.db import zone

HAND_LINES = 4
# The subtitle by who reviews, half year (False) or whole year (True).
TITLES = {
    "cell": {False: "export-review-half-cell", True: "export-review-year-cell"},
    "committee": {False: "export-review-half-committee", True: "export-review-year-committee"},
}


def _title(
    document: DocumentObject, period: ReviewPeriod, kind: str, theme: str, wording: PlanWording
) -> None:
    subtitle = TITLES[kind][period.full_year]
    form.title_block(
        document,
        t("export-report-title"),
        t(subtitle, year=str(period.year), plan=plan_title(wording)),
        theme=form.theme_line(period.year, theme),
    )
    # The period goes under the title, before the blank line that title_block ends with.
    line = document.paragraphs[-1].insert_paragraph_before()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first, last = month_label(period.year, 1), month_label(period.year, period.last_month)
    form.write(line, t("export-review-period", first=first, last=last), italic=True)


def _registration(document: DocumentObject, registration: Registration) -> None:
    form.heading(document, t("export-review-heading-plans"))
    members, registered = registration.members, registration.registered
    form.body(
        document,
        t(
            "export-list-figures",
            members=members,
            registered=registered,
            rate=percent(registered, members),
            missing=members - registered,
        ),
    )


def _month_table(document: DocumentObject, months: Sequence[tuple[int, ReportingFigures]]) -> None:
    """One row a month and the sum of member-months, each row adding up to its members."""
    form.heading(document, t("export-review-heading-months"))
    total = ReportingFigures(
        members_total=sum(f.members_total for _, f in months),
        reported=sum(f.reported for _, f in months),
        reported_on_time=sum(f.reported_on_time for _, f in months),
    )
    rows = [[t("export-chart-month", month=month), *_figure_cells(f)] for month, f in months]
    # Items done are not summed over months: an item done in March is still done in April.
    total_row = [t("export-review-total"), *_figure_cells(total)[:-1], ""]
    form.grid(
        document,
        [
            t("export-review-col-month"),
            t("export-col-members"),
            t("export-col-reported"),
            t("export-review-col-missing"),
            t("export-col-on-time"),
            t("export-col-reporting-rate"),
            t("export-col-completion-rate"),
        ],
        [*rows, total_row],
        [1.6, 2.4, 2.4, 2.4, 2.4, 2.6, 2.6],
    )


def _figure_cells(figures: ReportingFigures) -> list[str]:
    return [
        str(figures.members_total),
        str(figures.reported),
        str(figures.not_reported),
        str(figures.reported_on_time),
        percent(figures.reported, figures.members_total),
        percent(figures.items.done, figures.items.planned),
    ]


def _examples(
    document: DocumentObject, period: ReviewPeriod, examples: Sequence[Example], *, cells: bool
) -> None:
    """The chosen items, month by month; a committee's name the cell of each member."""
    form.heading(document, t("export-review-heading-examples"))
    if examples:
        for example in examples:
            line = example.item
            name = line.full_name
            if cells:
                name = t("export-review-example-name", name=name, cell=example.cell_name)
            text = t("export-review-example", item=line.text, note=line.note) if line.note else ""
            form.body(
                document,
                t(
                    "export-review-voice-line",
                    period=month_label(period.year, example.month),
                    name=name,
                    text=text or line.text,
                ),
            )
    else:
        form.body(document, t("export-review-examples-blank"), italic=True)
        form.dotted_lines(document, HAND_LINES)


def _outlook(document: DocumentObject, period: ReviewPeriod) -> None:
    form.heading(
        document,
        t(
            "export-review-heading-next-year"
            if period.full_year
            else "export-review-heading-next-half"
        ),
    )
    form.dotted_lines(document, HAND_LINES)


def _figures_of(summary: CellMonthSummary) -> ReportingFigures:
    return ReportingFigures(
        members_total=summary.members_total,
        reported=summary.reported,
        reported_on_time=summary.reported_on_time,
        items=summary.item_totals,
    )


def cell_review_docx(
    review: CellReview,
    *,
    letterhead: Letterhead | None = None,
    issued_on: date,
    secretary: str = "",
    theme: str = "",
    wording: PlanWording = PlanWording.FOLLOW,
) -> bytes:
    period = review.period
    document, head = cell_document(letterhead, review.cell_name, "export-number-line", issued_on)
    _title(document, period, "cell", theme, wording)
    _registration(document, review.registration)
    _month_table(document, [(s.month, _figures_of(s)) for s in review.months])
    form.heading(document, t("export-review-heading-sections"))
    sections = review.sections
    items = sum((s.items for s in sections), ItemCounts())
    form.body(document, items_line(items))
    form.lines_or_none(
        document,
        [
            t(
                "export-review-section-line",
                section=s.title,
                done=s.items.done,
                planned=s.items.planned,
                rate=percent(s.items.done, s.items.planned),
                in_progress=s.items.in_progress,
                not_started=s.items.not_started,
                not_reported=s.items.not_reported,
            )
            for s in sections
            if s.items.planned
        ],
    )
    _examples(document, period, review.examples, cells=False)
    form.heading(document, t("export-review-heading-voices"))
    for label_id, pick in (
        ("export-review-difficulties", "difficulties"),
        ("export-review-proposals", "proposals"),
    ):
        form.body(document, t(label_id))
        form.lines_or_none(document, _gathered(review.months, pick))
    _outlook(document, period)
    form.signature_block(
        document,
        recipients=recipients(head),
        on_behalf=t("export-on-behalf-cell"),
        title=t("export-secretary"),
        signer=secretary,
    )
    return form.to_bytes(document)


def _gathered(months: Sequence[CellMonthSummary], pick: str) -> list[str]:
    """What members wrote, month by month, with the month and the member named."""
    texts: list[tuple[int, MemberText]] = [
        (summary.month, text) for summary in months for text in getattr(summary, pick)
    ]
    return [
        t(
            "export-review-voice-line",
            period=month_label(months[0].year, month),
            name=text.full_name,
            text=text.text,
        )
        for month, text in texts
    ]


def committee_review_docx(
    review: CommitteeReview,
    *,
    letterhead: Letterhead | None = None,
    issued_on: date,
    signer: str = "",
    theme: str = "",
    wording: PlanWording = PlanWording.FOLLOW,
) -> bytes:
    period = review.period
    document, _ = committee_document(
        letterhead, review.committee_name, "export-number-line", issued_on
    )
    _title(document, period, "committee", theme, wording)
    regs = review.registrations
    _registration(
        document,
        Registration(
            sum(r.members for r in regs.values()), sum(r.registered for r in regs.values())
        ),
    )
    _month_table(document, [(r.month, r.totals) for r in review.months])
    _cell_table(document, review)
    _examples(document, period, review.examples, cells=True)
    form.heading(document, t("export-review-heading-voices"))
    form.body(document, t("export-review-voices-committee"), italic=True)
    form.dotted_lines(document, HAND_LINES)
    _outlook(document, period)
    form.signature_block(
        document,
        recipients=[t("export-recipient-higher"), t("export-recipient-archive-committee")],
        on_behalf=t("export-on-behalf-committee"),
        title="",
        signer=signer,
    )
    return form.to_bytes(document)


def _cell_table(document: DocumentObject, review: CommitteeReview) -> None:
    """Each cell over the period: members now, plans, reports out of member-months."""
    form.heading(
        document,
        t("export-review-heading-cells"),
    )
    member_months: dict[int, int] = {}
    reports: dict[int, int] = {}
    for rollup in review.months:
        for cell in rollup.cells:
            member_months[cell.cell_id] = member_months.get(cell.cell_id, 0) + cell.members_total
            reports[cell.cell_id] = reports.get(cell.cell_id, 0) + cell.reported
    rows = []
    for number, cell in enumerate(review.last.cells, start=1):
        registration = review.registrations.get(cell.cell_id, Registration(0, 0))
        month, items = review.cell_items(cell.cell_id)
        rows.append(
            [
                str(number),
                cell.cell_name,
                str(registration.members),
                f"{registration.registered}/{registration.members}",
                f"{reports.get(cell.cell_id, 0)}/{member_months.get(cell.cell_id, 0)}",
                percent(reports.get(cell.cell_id, 0), member_months.get(cell.cell_id, 0)),
                t("export-review-completion", rate=percent(items.done, items.planned), month=month),
            ]
        )
    form.grid(
        document,
        [
            t("export-col-number"),
            t("export-col-cell"),
            t("export-col-members"),
            t("export-review-col-registered"),
            t("export-review-col-reports"),
            t("export-col-reporting-rate"),
            t("export-col-completion-rate"),
        ],
        rows,
        [0.9, 6.0, 1.6, 2.0, 2.0, 1.9, 2.1],
    )


async def export_cell_review(
    session: AsyncSession,
    actor: Actor,
    cell_id: int,
    period: ReviewPeriod,
    *,
    now: datetime,
) -> ExportFile:
    """The cell's sơ kết or tổng kết, for its leaders."""
    authorize(actor, Action.EXPORT_CELL, cell_id=cell_id)
    cell = await get_cell(session, cell_id)
    setup = await years.resolve(session, period.year, cell.committee_id)
    content = cell_review_docx(
        await cell_review(session, actor, cell_id, period),
        letterhead=await cell_letterhead(session, cell_id),
        issued_on=local_date(now, zone(session)),
        secretary=await secretary_name(session, cell_id),
        theme=setup.theme,
        wording=setup.wording,
    )
    record(
        session,
        actor_id(actor),
        "export.review",
        "cell",
        cell_id,
        year=period.year,
        month=period.last_month,
    )
    return _file(_stem(period, cell.name), ExportFormat.DOCX, content)


async def export_committee_review(
    session: AsyncSession,
    acting: Acting,
    committee_id: int,
    period: ReviewPeriod,
    *,
    now: datetime,
) -> ExportFile:
    """The committee's sơ kết or tổng kết across its cells: counts and rates only."""
    authorize(acting, Action.VIEW_COMMITTEE_ROLLUP, committee_id=committee_id)
    review = await committee_review(session, committee_id, period)
    setup = await years.resolve(session, period.year, committee_id)
    content = committee_review_docx(
        review,
        letterhead=await committee_letterhead(session, committee_id),
        issued_on=local_date(now, zone(session)),
        signer=acting.full_name if isinstance(acting, Actor) else "",
        theme=setup.theme,
        wording=setup.wording,
    )
    record(
        session,
        actor_id(acting),
        "export.review",
        "committee",
        committee_id,
        year=period.year,
        month=period.last_month,
    )
    return _file(_stem(period, review.committee_name), ExportFormat.DOCX, content)


def _stem(period: ReviewPeriod, unit: str) -> str:
    kind = "export-file-year-review" if period.full_year else "export-file-half-review"
    return t(kind, unit=slug(unit), period=f"{period.year}-{period.last_month:02d}")
