"""Excel workbooks: a cell's month (a row per member, a row per item), a committee's month."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from domain.summaries import CellMonthSummary, CommitteeRollup, ItemLine, ItemStatus, MemberText
from exports.numbers import attention_first, below, month_label
from locales import t

STATUS_IDS = {
    ItemStatus.DONE: "export-status-done",
    ItemStatus.IN_PROGRESS: "export-status-in-progress",
    ItemStatus.NOT_STARTED: "export-status-not-started",
    None: "export-status-missing",
}
# The heading block (issuing unit, title, period) above the header row.
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
DATE_FORMAT = "DD/MM/YYYY"
PERCENT_FORMAT = "0.0%"
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="B71C1C")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_WRAP = Alignment(wrap_text=True, vertical="top")


def status_label(status: ItemStatus | None) -> str:
    return t(STATUS_IDS[status])


def yes_no(value: bool) -> str:
    return t("export-yes") if value else t("export-no")


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    number_format: str | None = None


def month_xlsx(summary: CellMonthSummary, tz: tzinfo) -> bytes:
    """Sheet "Tổng hợp": a row per member; sheet "Chi tiết": a row per plan item.

    Dates are the deployment's (zone ``tz``)."""
    workbook = Workbook()
    overview = workbook.active
    assert overview is not None
    overview.title = t("export-sheet-members")
    heading = _month_heading(summary)
    rows = _overview_rows(summary, tz)
    _fill(overview, heading, _overview_columns(), rows, _overview_totals(summary))
    details = workbook.create_sheet(t("export-sheet-items"))
    _fill(
        details,
        heading,
        [
            Column(t("export-col-number"), 6),
            Column(t("export-col-name"), 26),
            Column(t("export-col-section"), 30),
            Column(t("export-col-item"), 50),
            Column(t("export-col-status"), 16),
            Column(t("export-col-note"), 50),
        ],
        _item_rows(summary),
    )
    return _bytes(workbook)


def _month_heading(summary: CellMonthSummary) -> list[str]:
    since = summary.covers_from or date(summary.year, summary.month, 1)
    until = summary.covers_to or summary.deadline.date()
    return [
        summary.cell_name.upper(),
        t(
            "export-sheet-title",
            cell=summary.cell_name,
            period=month_label(summary.year, summary.month),
        ),
        t("export-figure-period", since=f"{since:%d/%m/%Y}", until=f"{until:%d/%m/%Y}"),
    ]


def _overview_totals(summary: CellMonthSummary) -> list[Any]:
    """Under the members: how many reported, on time, and the items by status."""
    totals = summary.item_totals
    return [
        None,
        t("export-total"),
        summary.reported,
        None,
        summary.reported_on_time,
        totals.done,
        totals.in_progress,
        totals.not_started,
        None,
        None,
        None,
        None,
    ]


def _overview_columns() -> list[Column]:
    return [
        Column(t("export-col-number"), 6),
        Column(t("export-col-name"), 26),
        Column(t("export-col-reported"), 12),
        Column(t("export-col-submitted-on"), 13, DATE_FORMAT),
        Column(t("export-col-on-time"), 11),
        Column(t("export-col-done"), 12),
        Column(t("export-col-in-progress"), 14),
        Column(t("export-col-not-started"), 14),
        Column(t("export-col-notes"), 45),
        Column(t("export-col-free-items"), 35),
        Column(t("export-col-difficulties"), 35),
        Column(t("export-col-proposals"), 35),
    ]


def _by_member(texts: Sequence[MemberText]) -> dict[int, str]:
    joined: dict[int, list[str]] = defaultdict(list)
    for text in texts:
        joined[text.member_id].append(text.text)
    return {member_id: "\n".join(parts) for member_id, parts in joined.items()}


def _overview_rows(summary: CellMonthSummary, tz: tzinfo) -> list[list[Any]]:
    lines: dict[int, list[ItemLine]] = defaultdict(list)
    for line in summary.items:
        lines[line.member_id].append(line)
    free_items = _by_member(summary.free_items)
    difficulties = _by_member(summary.difficulties)
    proposals = _by_member(summary.proposals)
    rows: list[list[Any]] = []
    for number, member in enumerate(summary.members, start=1):
        own = lines[member.member_id]
        submitted = member.submitted_at
        rows.append(
            [
                number,
                member.full_name,
                yes_no(member.reported),
                # Excel has no time zones: the date the member saw on their phone.
                submitted.astimezone(tz).date() if submitted and member.reported else None,
                yes_no(member.on_time) if member.reported else "",
                sum(1 for line in own if line.status is ItemStatus.DONE),
                sum(1 for line in own if line.status is ItemStatus.IN_PROGRESS),
                sum(1 for line in own if line.status is ItemStatus.NOT_STARTED),
                "\n".join(f"{line.text}: {line.note}" for line in own if line.note),
                free_items.get(member.member_id, ""),
                difficulties.get(member.member_id, ""),
                proposals.get(member.member_id, ""),
            ]
        )
    return rows


def _item_rows(summary: CellMonthSummary) -> list[list[Any]]:
    sections = {s.section_id: s.title for s in summary.sections}
    return [
        [
            number,
            line.full_name,
            sections.get(line.section_id, ""),
            line.text,
            status_label(line.status),
            line.note,
        ]
        for number, line in enumerate(summary.items, start=1)
    ]


def rollup_xlsx(rollup: CommitteeRollup, threshold: float) -> bytes:
    """One row per cell, rates as numbers formatted in percent, cells needing attention first."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = t("export-sheet-cells")
    totals = rollup.totals
    _fill(
        sheet,
        [
            rollup.committee_name.upper(),
            t(
                "export-sheet-rollup-title",
                committee=rollup.committee_name,
                period=month_label(rollup.year, rollup.month),
            ),
            "",
        ],
        [
            Column(t("export-col-number"), 6),
            Column(t("export-col-cell"), 45),
            Column(t("export-col-members"), 14),
            Column(t("export-col-reported"), 12),
            Column(t("export-col-on-time"), 11),
            Column(t("export-col-reporting-rate"), 14, PERCENT_FORMAT),
            Column(t("export-col-completion-rate"), 16, PERCENT_FORMAT),
            Column(t("export-col-below"), 14),
        ],
        [
            [
                number,
                cell.cell_name,
                cell.members_total,
                cell.reported,
                cell.reported_on_time,
                cell.report_rate,
                cell.items.completion_rate,
                yes_no(below(cell, threshold)),
            ]
            for number, cell in enumerate(attention_first(rollup.cells, threshold), start=1)
        ],
        [
            None,
            t("export-total"),
            totals.members_total,
            totals.reported,
            totals.reported_on_time,
            totals.report_rate,
            totals.items.completion_rate,
            None,
        ],
    )
    return _bytes(workbook)


def _fill(
    sheet: Worksheet,
    heading: Sequence[str],
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    totals: Sequence[Any] | None = None,
) -> None:
    """The heading block, the header row, the rows, a bold totals row, and the print setup."""
    for number, line in enumerate(heading, start=1):
        cell = sheet.cell(row=number, column=1, value=line or None)
        cell.font = Font(bold=True, size=13 if number == 2 else 11, italic=number == 3)
        sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=len(columns))
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=column.title)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for offset, values in enumerate(rows):
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = sheet.cell(row=FIRST_ROW + offset, column=index, value=value)
            cell.border, cell.alignment = _BORDER, _WRAP
            if column.number_format:
                cell.number_format = column.number_format
    if totals is not None:
        row = FIRST_ROW + len(rows)
        for index, (column, value) in enumerate(zip(columns, totals, strict=True), start=1):
            cell = sheet.cell(row=row, column=index, value=value)
            cell.border, cell.font = _BORDER, Font(bold=True)
            if column.number_format:
                cell.number_format = column.number_format
    # The title and the header stay in view, and so do the numbers and names.
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=3)
    sheet.auto_filter.ref = (
        f"A{HEADER_ROW}:{get_column_letter(len(columns))}{HEADER_ROW + max(len(rows), 1)}"
    )
    _print_setup(sheet)


def _print_setup(sheet: Worksheet) -> None:
    """A4 landscape, all columns on the page width, the header row on every page."""
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
