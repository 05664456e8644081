"""Word reports in the administrative form: a cell's month, a member's year, a committee's month."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time

from docx.document import Document as DocumentObject

from domain.summaries import (
    CellMonthSummary,
    CommitteeRollup,
    ItemStatus,
    MemberMonthStatus,
    MemberText,
    MemberYearEvidence,
    MonthEvidence,
    ReportStatus,
)
from domain.text import normalize
from domain.units import Letterhead, split_committee_name
from domain.vocabulary import PlanWording, Role
from domain.years import plan_title
from exports import form
from exports.numbers import attention_first, below, month_label, percent
from exports.xlsx import status_label
from locales import t


def month_report_docx(
    summary: CellMonthSummary,
    *,
    secretary_name: str = "",
    letterhead: Letterhead | None = None,
    issued_on: date,
    issued_at: datetime | None = None,
    theme: str = "",
    wording: PlanWording = PlanWording.FOLLOW,
) -> bytes:
    """The cell's monthly report to the committee, counts and rates only, signed; then an
    internal appendix on a new page with each member's row (the committee sees counts)."""
    period = month_label(summary.year, summary.month)
    document, head = cell_document(
        letterhead, summary.cell_name, "export-number-line", issued_on, issued_at=issued_at
    )
    form.title_block(
        document,
        t("export-report-title"),
        t("export-month-subtitle", period=period, plan=plan_title(wording)),
        theme=form.theme_line(summary.year, theme),
    )
    _report_body(document, summary)
    form.signature_block(
        document,
        recipients=recipients(head),
        on_behalf=t("export-on-behalf-cell"),
        title=t("export-secretary"),
        signer=secretary_name,
    )
    form.new_part(document)
    form.centred(document, t("export-appendix-title"), bold=True)
    form.centred(document, t("export-appendix-subtitle", period=period), italic=True)
    form.centred(document)
    form.grid(
        document,
        [
            t("export-col-number"),
            t("export-col-name"),
            t("export-col-report"),
            t("export-col-done"),
            t("export-col-in-progress"),
            t("export-col-not-started"),
        ],
        _member_rows(summary),
        [1.5, 7.0, 2.3, 1.9, 1.9, 1.9],
    )
    return form.to_bytes(document)


def _report_body(document: DocumentObject, summary: CellMonthSummary) -> None:
    form.heading(document, t("export-heading-figures"))
    for line in _figures(summary):
        form.body(document, line)
    form.heading(document, t("export-heading-sections"))
    form.lines_or_none(
        document,
        [
            t(
                "export-section-line",
                section=s.title,
                done=s.items.done,
                planned=s.items.planned,
                rate=percent(s.items.done, s.items.planned),
            )
            for s in summary.sections
            if s.items.planned
        ],
    )
    form.heading(document, t("export-heading-models"))
    form.lines_or_none(document, _models(summary))
    form.heading(document, t("export-heading-difficulties"))
    form.lines_or_none(document, voices(summary.difficulties))
    form.heading(document, t("export-heading-proposals"))
    form.lines_or_none(document, voices(summary.proposals))


def _covered(summary: CellMonthSummary) -> tuple[date, date]:
    """The days the report covers; a summary without them covers its calendar month."""
    last = calendar.monthrange(summary.year, summary.month)[1]
    return (
        summary.covers_from or date(summary.year, summary.month, 1),
        summary.covers_to or date(summary.year, summary.month, last),
    )


def _figures(summary: CellMonthSummary) -> list[str]:
    totals = summary.item_totals
    members = summary.members_total
    registered = len({line.member_id for line in summary.items})
    since, until = _covered(summary)
    return [
        t("export-figure-period", since=f"{since:%d/%m/%Y}", until=f"{until:%d/%m/%Y}"),
        t("export-figure-members", members=members),
        t(
            "export-figure-registered",
            registered=registered,
            members=members,
            rate=percent(registered, members),
        ),
        t(
            "export-figure-reported",
            reported=summary.reported,
            members=members,
            rate=percent(summary.reported, members),
            on_time=summary.reported_on_time,
        ),
        t("export-figure-missing", missing=len(summary.missing)),
        t(
            "export-figure-items",
            items=totals.planned,
            done=totals.done,
            rate=percent(totals.done, totals.planned),
            in_progress=totals.in_progress,
            not_started=totals.not_started,
            not_reported=totals.not_reported,
        ),
    ]


def _report_state(member: MemberMonthStatus) -> str:
    if not member.reported:
        return t("export-status-missing")
    return t("export-report-on-time") if member.on_time else t("export-report-late")


def _member_rows(summary: CellMonthSummary) -> list[list[str]]:
    counts: dict[int, dict[ItemStatus | None, int]] = defaultdict(lambda: defaultdict(int))
    for line in summary.items:
        counts[line.member_id][line.status] += 1
    return [
        [
            str(number),
            member.full_name,
            _report_state(member),
            str(counts[member.member_id][ItemStatus.DONE]),
            str(counts[member.member_id][ItemStatus.IN_PROGRESS]),
            str(counts[member.member_id][ItemStatus.NOT_STARTED]),
        ]
        for number, member in enumerate(summary.members, start=1)
    ]


def _models(summary: CellMonthSummary) -> list[str]:
    """The done items the cell's leaders chose in chat; nothing is put there by itself."""
    return [
        t("export-model-line", name=line.full_name, item=line.text, note=line.note)
        if line.note
        else t("export-voice-line", name=line.full_name, text=line.text)
        for line in summary.items
        if line.status is ItemStatus.DONE and line.exemplary
    ]


def voices(texts: Sequence[MemberText]) -> list[str]:
    return [t("export-voice-line", name=text.full_name, text=text.text) for text in texts]


def cell_document(
    letterhead: Letterhead | None,
    cell_name: str,
    number_id: str,
    issued_on: date,
    *,
    issued_at: datetime | None = None,
) -> tuple[DocumentObject, Letterhead]:
    """A new document issued by a cell, its heading written, and the letterhead used:
    without one given, the cell's name with nothing known above it (no upper unit, no place)."""
    head = letterhead or Letterhead(issuing_unit=cell_name, symbol=t("export-cell-symbol"))
    return _begin(head, number_id, issued_on, form.cell_line, issued_at)


def committee_document(
    letterhead: Letterhead | None, committee_name: str, number_id: str, issued_on: date
) -> tuple[DocumentObject, Letterhead]:
    """A new document issued by a committee, and the letterhead used: without one given,
    the body is named after the organisation, nothing above it."""
    head = letterhead or Letterhead(
        issuing_unit=split_committee_name(committee_name)[1],
        symbol=t("export-committee-symbol"),
    )
    return _begin(head, number_id, issued_on, form.unit_line, None)


def _begin(
    head: Letterhead,
    number_id: str,
    issued_on: date,
    issuing_line: Callable[[str], str],
    issued_at: datetime | None,
) -> tuple[DocumentObject, Letterhead]:
    """The heading block of ``head``, and what a filed document carries besides its text
    (``form.filing``): its author is the issuing body, created when it was issued."""
    document = form.new_document()
    form.filing(
        document,
        author=head.issuing_unit,
        created=issued_at or datetime.combine(issued_on, time(), UTC),
    )
    form.heading_block(
        document,
        upper_unit=form.unit_line(head.upper_unit) if head.upper_unit else None,
        issuing_unit=issuing_line(head.issuing_unit),
        number_line=t(number_id, symbol=head.symbol),
        place=head.place,
        issued_on=issued_on,
    )
    return document, head


def recipients(head: Letterhead) -> list[str]:
    """The committee's executive body as named (once), else the one over the upper unit;
    with neither known, only the cell's archive (no line to fill in by hand)."""
    body = head.recipient or (split_committee_name(head.upper_unit)[1] if head.upper_unit else "")
    upper = [t("export-recipient-committee", committee=normalize(body))] if body else []
    return [*upper, t("export-recipient-archive")]


def member_evidence_docx(
    evidence: MemberYearEvidence,
    *,
    cell_name: str,
    cell_id: int | None = None,
    months_in_scope: int = 12,
    quarter: int | None = None,
    secretary_name: str = "",
    letterhead: Letterhead | None = None,
    issued_on: date,
    theme: str = "",
    wording: PlanWording = PlanWording.FOLLOW,
) -> bytes:
    """A member's year (or ``quarter``) gathered for the review; the cell decides the grade.

    Months count over the member's membership in the cell (``cell_id``, else the cell of
    the last month in scope), up to ``months_in_scope``; months in another cell are named
    there and left to that cell. ``secretary_name`` signs as the one who compiled it.
    """
    year = evidence.year
    scope = _evidence_scope(months_in_scope, quarter)
    own, others = _months_by_cell(evidence, scope, cell_id)
    # Reports made in another cell are that cell's evidence, not this one's.
    kept = replace(evidence, months=tuple(m for m in evidence.months if m.month in own))
    document, _ = cell_document(letterhead, cell_name, "export-number-line", issued_on)
    period = (
        t("export-evidence-quarter", quarter=quarter, year=str(year))
        if quarter
        else t("export-evidence-year", year=str(year))
    )
    form.title_block(
        document,
        t("export-report-title"),
        t(
            "export-evidence-subtitle",
            period=period,
            name=evidence.full_name,
            plan=plan_title(wording),
        ),
        theme=form.theme_line(year, theme),
    )
    form.body(document, t("export-evidence-note"), italic=True)
    form.heading(document, t("export-heading-figures"))
    for line in _evidence_figures(evidence, kept, own, others):
        form.body(document, line)
    _evidence_details(document, kept)
    form.signature_block(
        document,
        recipients=[t("export-recipient-archive")],
        on_behalf=t("export-compiler"),
        title="",
        signer=secretary_name,
    )
    return form.to_bytes(document)


def _evidence_scope(months_in_scope: int, quarter: int | None) -> list[int]:
    """The months of the year (or of the quarter) that have begun."""
    first, last = (3 * quarter - 2, 3 * quarter) if quarter else (1, 12)
    return list(range(first, min(last, months_in_scope) + 1))


def _months_by_cell(
    evidence: MemberYearEvidence, scope: Sequence[int], cell_id: int | None
) -> tuple[list[int], dict[tuple[int, str], list[int]]]:
    """The months in scope spent in the cell, and those spent in each other cell, by name."""
    if not evidence.cells:  # no membership known: the whole scope is the cell's
        return list(scope), {}
    of_month = {c.month: c for c in evidence.cells if c.month in scope}
    if cell_id is None and of_month:
        cell_id = of_month[max(of_month)].cell_id
    own = [m for m in scope if m in of_month and of_month[m].cell_id == cell_id]
    others: dict[tuple[int, str], list[int]] = defaultdict(list)
    for month, cell in sorted(of_month.items()):
        if cell.cell_id != cell_id:
            others[cell.cell_id, cell.cell_name].append(month)
    return own, others


def _spans(year: int, months: Sequence[int]) -> str:
    """Months as runs: [1, 2, 3, 5] -> "01/2025–03/2025, 05/2025"."""
    runs: list[list[int]] = []
    for month in months:
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(
        "–".join(dict.fromkeys((month_label(year, r[0]), month_label(year, r[-1])))) for r in runs
    )


def _evidence_figures(
    whole: MemberYearEvidence,
    evidence: MemberYearEvidence,
    own: Sequence[int],
    others: dict[tuple[int, str], list[int]],
) -> list[str]:
    """``evidence`` is ``whole`` kept to the months in the cell, ``others`` by (id, name)."""
    year, reported, done = evidence.year, evidence.months_reported, evidence.items_done
    lines = [
        t(
            "export-evidence-party-status",
            name=evidence.full_name,
            status=str(evidence.party_status),
        ),
        t("export-evidence-membership", months=len(own), spans=_spans(year, own) or "—"),
    ]
    lines += [
        t(
            "export-evidence-other-cell",
            cell=name,
            spans=_spans(year, months),
            reported=len(set(whole.months_reported) & set(months)),
            months=len(months),
        )
        for (_, name), months in others.items()
    ]
    return [
        *lines,
        t(
            "export-evidence-months",
            reported=len(reported),
            months=len(own),
            rate=percent(len(reported), len(own)),
            on_time=len(evidence.months_on_time),
        ),
        t("export-evidence-months-list", list=", ".join(month_label(year, m) for m in reported))
        if reported
        else t("export-evidence-months-none"),
        t(
            "export-evidence-items",
            items=len(evidence.items),
            done=len(done),
            rate=percent(len(done), len(evidence.items)),
        ),
    ]


def _evidence_details(document: DocumentObject, evidence: MemberYearEvidence) -> None:
    """The table of items, then the notes, deeds and voices month by month."""
    year = evidence.year
    form.heading(document, t("export-heading-evidence-items"))
    form.grid(
        document,
        [
            t("export-col-number"),
            t("export-col-item"),
            t("export-evidence-last-status"),
            t("export-evidence-done-months"),
        ],
        _evidence_rows(evidence),
        [1.2, 8.8, 3.2, 3.2],
    )
    form.heading(document, t("export-heading-evidence-notes"))
    form.lines_or_none(document, _evidence_notes(evidence))
    form.heading(document, t("export-heading-free-items"))
    form.lines_or_none(
        document,
        [
            t("export-evidence-free-line", period=month_label(year, m.month), text=text)
            for m in _submitted(evidence)
            for text in m.free_items
        ],
    )
    form.heading(document, t("export-heading-difficulties-proposals"))
    form.lines_or_none(
        document,
        [
            t("export-evidence-free-line", period=month_label(year, m.month), text=text)
            for m in _submitted(evidence)
            for text in (m.difficulties, m.proposals)
            if text.strip()
        ],
    )


def _submitted(evidence: MemberYearEvidence) -> list[MonthEvidence]:
    # Drafts are the member's working copy, not evidence.
    return [m for m in evidence.months if m.status is ReportStatus.SUBMITTED]


def _evidence_rows(evidence: MemberYearEvidence) -> list[list[str]]:
    done_in: dict[int, list[int]] = defaultdict(list)
    for month in _submitted(evidence):
        for progress in month.progress:
            if progress.status is ItemStatus.DONE:
                done_in[progress.item_id].append(month.month)
    rows = []
    for number, item in enumerate(evidence.items, start=1):
        rows.append(
            [
                str(number),
                f"{item.section_title}: {item.text}",
                status_label(evidence.latest_status(item.item_id)),
                ", ".join(f"{m:02d}" for m in done_in[item.item_id]),
            ]
        )
    return rows


def _evidence_notes(evidence: MemberYearEvidence) -> list[str]:
    texts = {item.item_id: item.text for item in evidence.items}
    return [
        t(
            "export-evidence-note-line",
            period=month_label(evidence.year, month.month),
            item=texts.get(progress.item_id, ""),
            note=progress.note,
        )
        for month in _submitted(evidence)
        for progress in month.progress
        if progress.note
    ]


def rollup_docx(
    rollup: CommitteeRollup,
    *,
    threshold: float,
    signer_name: str = "",
    signer_role: Role = Role.SECRETARY,
    letterhead: Letterhead | None = None,
    issued_on: date,
    theme: str = "",
    wording: PlanWording = PlanWording.FOLLOW,
) -> bytes:
    """A committee's month: each cell's rates, the cells below the threshold first.

    Issued by the committee and signed on its behalf by its secretary, or by a deputy
    secretary when ``signer_role`` is ``Role.DEPUTY``.
    """
    period = month_label(rollup.year, rollup.month)
    totals = rollup.totals
    cells = attention_first(rollup.cells, threshold)
    document, _ = committee_document(
        letterhead, rollup.committee_name, "export-number-line", issued_on
    )
    form.title_block(
        document,
        t("export-report-title"),
        t("export-rollup-subtitle", period=period, plan=plan_title(wording)),
        theme=form.theme_line(rollup.year, theme),
    )
    form.heading(document, t("export-heading-figures"))
    form.body(
        document,
        t(
            "export-rollup-figures",
            cells=len(rollup.cells),
            members=totals.members_total,
            reported=totals.reported,
            rate=percent(totals.reported, totals.members_total),
            on_time=totals.reported_on_time,
        ),
    )
    form.body(
        document,
        t(
            "export-rollup-below",
            threshold=percent(round(threshold * 1000), 1000),
            count=sum(1 for c in cells if below(c, threshold)),
        ),
    )
    form.heading(document, t("export-heading-rollup-table"))
    form.grid(
        document,
        [
            t("export-col-number"),
            t("export-col-cell"),
            t("export-col-members"),
            t("export-col-reported"),
            t("export-col-on-time"),
            t("export-col-reporting-rate"),
            t("export-col-completion-rate"),
        ],
        [
            [
                str(number),
                cell.cell_name,
                str(cell.members_total),
                str(cell.reported),
                str(cell.reported_on_time),
                percent(cell.reported, cell.members_total),
                percent(cell.items.done, cell.items.planned),
            ]
            for number, cell in enumerate(cells, start=1)
        ],
        [1.0, 5.4, 1.8, 1.8, 1.8, 2.3, 2.3],
    )
    form.signature_block(
        document,
        recipients=[t("export-recipient-higher"), t("export-recipient-archive-committee")],
        on_behalf=t("export-on-behalf-committee"),
        title=t("export-deputy-secretary" if signer_role is Role.DEPUTY else "export-secretary"),
        signer=signer_name,
    )
    return form.to_bytes(document)
