"""The workbooks read back with openpyxl hold the summary's figures."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from domain.clock import DEFAULT_TZ
from domain.summaries import ItemStatus
from exports.xlsx import FIRST_ROW, HEADER_ROW, month_xlsx, rollup_xlsx
from locales import t
from tests.exports import samples


def _rows(sheet, width: int) -> list[list[object]]:
    return [
        [sheet.cell(row=r, column=c).value for c in range(1, width + 1)]
        for r in range(FIRST_ROW, sheet.max_row + 1)
        if sheet.cell(row=r, column=1).value is not None  # the totals row has no number
    ]


def _last(sheet, width: int) -> list[object]:
    return [sheet.cell(row=sheet.max_row, column=c).value for c in range(1, width + 1)]


def test_month_overview_has_a_row_per_member_with_the_summary_figures() -> None:
    summary = samples.month_summary()
    book = load_workbook(io.BytesIO(month_xlsx(summary, DEFAULT_TZ)))
    overview = book[t("export-sheet-members")]
    header = [c.value for c in overview[HEADER_ROW]]
    assert header[:8] == [
        "STT",
        "Họ và tên",
        "Đã báo cáo",
        "Ngày gửi",
        "Đúng hạn",
        "Hoàn thành",
        "Đang thực hiện",
        "Chưa thực hiện",
    ]
    rows = _rows(overview, len(header))
    assert [row[1] for row in rows] == [m.full_name for m in summary.members]
    assert sum(row[2] == "Có" for row in rows) == summary.reported == 3
    assert sum(row[4] == "Có" for row in rows) == summary.reported_on_time == 2
    assert sum(row[5] for row in rows) == summary.item_totals.done
    assert sum(row[6] for row in rows) == summary.item_totals.in_progress
    assert sum(row[7] for row in rows) == summary.item_totals.not_started
    # The local date: 18:30 UTC on 3 March was 4 March in Hà Nội.
    assert rows[1][3].date() == date(2025, 3, 4)
    assert overview.cell(row=FIRST_ROW, column=4).number_format == "DD/MM/YYYY"
    assert rows[3][3] is None and rows[3][2] == "Không"
    assert rows[1][10] == "Thiếu tài liệu chuyên đề"
    assert rows[2][11] == "Đề nghị tổ chức tọa đàm"
    assert rows[0][9] == "Hiến máu tình nguyện"
    assert "Dọn 4 buổi" in rows[0][8]
    assert overview.freeze_panes == f"C{FIRST_ROW}"
    assert overview.cell(row=1, column=1).value == "CHI BỘ KHU PHỐ 3, PHƯỜNG NGÔ QUYỀN"
    assert "03/2025" in overview.cell(row=2, column=1).value
    # Without the summary's days, the calendar month up to the deadline.
    assert overview.cell(row=3, column=1).value == (
        "Thời gian báo cáo: từ ngày 01/03/2025 đến ngày 05/03/2025."
    )
    totals = summary.item_totals
    assert _last(overview, 8) == [
        None,
        "Tổng cộng",
        summary.reported,
        None,
        summary.reported_on_time,
        totals.done,
        totals.in_progress,
        totals.not_started,
    ]
    assert overview.max_row == FIRST_ROW + len(summary.members)
    assert overview.cell(row=overview.max_row, column=2).font.bold
    assert overview.column_dimensions["B"].width >= 20


def test_month_detail_has_every_item_with_its_section_and_status() -> None:
    summary = samples.month_summary()
    book = load_workbook(io.BytesIO(month_xlsx(summary, DEFAULT_TZ)))
    details = book[t("export-sheet-items")]
    rows = _rows(details, 6)
    assert len(rows) == len(summary.items)
    labels = {
        ItemStatus.DONE: "Hoàn thành",
        ItemStatus.IN_PROGRESS: "Đang thực hiện",
        ItemStatus.NOT_STARTED: "Chưa thực hiện",
        None: "Chưa báo cáo",
    }
    sections = {s.section_id: s.title for s in summary.sections}
    for row, line in zip(rows, summary.items, strict=True):
        assert row[1:] == [
            line.full_name,
            sections[line.section_id],
            line.text,
            labels[line.status],
            line.note or None,
        ]


def test_rollup_puts_cells_below_the_threshold_first_with_their_rates() -> None:
    rollup = samples.rollup()
    book = load_workbook(io.BytesIO(rollup_xlsx(rollup, threshold=0.8)))
    sheet = book.active
    rows = _rows(sheet, 8)
    # Cell 2 (50%) and cell 3 (75%) are below 80%, weakest first; then 1 and 4 as given.
    assert [row[1] for row in rows] == [
        "Chi bộ khu phố 2",
        "Chi bộ khu phố 3",
        "Chi bộ khu phố 1",
        "Chi bộ trường học",
    ]
    assert [row[7] for row in rows] == ["Có", "Có", "Không", "Không"]
    by_name = {c.cell_name: c for c in rollup.cells}
    for row in rows:
        cell = by_name[row[1]]
        assert row[2:5] == [cell.members_total, cell.reported, cell.reported_on_time]
        assert row[5] == cell.reported / cell.members_total
        assert row[6] == cell.items.done / cell.items.planned
    assert sheet.cell(row=FIRST_ROW, column=6).number_format == "0.0%"
    # Never a member's name or text: only cells.
    assert sheet.max_column == 8
    figures = rollup.totals
    assert _last(sheet, 8) == [
        None,
        "Tổng cộng",
        figures.members_total,
        figures.reported,
        figures.reported_on_time,
        pytest.approx(figures.report_rate),
        pytest.approx(figures.items.completion_rate),
        None,
    ]
    assert sheet.cell(row=sheet.max_row, column=6).number_format == "0.0%"


def test_every_sheet_prints_landscape_on_the_page_width_with_its_header_on_each_page() -> None:
    month = load_workbook(io.BytesIO(month_xlsx(samples.crowded_month_summary(), DEFAULT_TZ)))
    rollup = load_workbook(io.BytesIO(rollup_xlsx(samples.rollup(), threshold=0.8)))
    for sheet in [*month.worksheets, *rollup.worksheets]:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == int(sheet.PAPERSIZE_A4)
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
        assert sheet.cell(row=HEADER_ROW, column=1).value == "STT"
