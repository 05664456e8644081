"""Export and nudge use cases on a real database: figures, files, outbox rows, audit."""

from __future__ import annotations

import io

from docx import Document
from matplotlib.image import imread
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from delivery import render
from domain.files import ExportFormat
from domain.oversight import nudge_missing, view_cell_month
from exports import DOCX_MIME, PNG_MIME, XLSX_MIME
from exports.files import export_committee_month, export_member_evidence, export_month
from exports.xlsx import FIRST_ROW
from storage.models import AuditEntry, OutboxMessage
from tests.exports.world import MONTH, NOW, YEAR, build_world


async def test_month_workbook_holds_an_independent_recount(session: AsyncSession) -> None:
    world = await build_world(session)
    file = await export_month(
        session, world.deputy_a, world.cell_a, YEAR, MONTH, ExportFormat.XLSX, now=NOW
    )
    assert file.mime == XLSX_MIME
    assert file.filename == "bao-cao-thang-2025-03-chi-bo-khu-pho-3.xlsx"
    sheet = load_workbook(io.BytesIO(file.content)).worksheets[0]
    rows = {
        sheet.cell(row=r, column=2).value: [sheet.cell(row=r, column=c).value for c in range(3, 9)]
        for r in range(FIRST_ROW, sheet.max_row)
    }
    assert sheet.cell(row=sheet.max_row, column=2).value == "Tổng cộng"
    assert [sheet.cell(row=sheet.max_row, column=c).value for c in (3, 5, 6, 7, 8)] == [
        2,
        1,
        2,
        1,
        0,
    ]
    # Counted by hand from build_world: the pending member is nobody's member yet.
    assert set(rows) == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn <Cường>", "Phạm Thị Dung"}
    assert rows["Nguyễn Văn An"][0] == "Có" and rows["Nguyễn Văn An"][2] == "Có"
    assert rows["Trần Thị Bình"][2] == "Không"  # after the meeting: late
    assert rows["Nguyễn Văn An"][3:] == [2, 0, 0]
    assert rows["Trần Thị Bình"][3:] == [0, 1, 0]
    assert rows["Lê Văn <Cường>"][0] == "Không"


async def test_month_report_docx_is_signed_by_the_cells_secretary(session: AsyncSession) -> None:
    world = await build_world(session)
    file = await export_month(
        session, world.secretary_a, world.cell_a, YEAR, MONTH, ExportFormat.DOCX, now=NOW
    )
    assert file.mime == DOCX_MIME and file.filename.endswith(".docx")
    document = Document(io.BytesIO(file.content))
    texts = [p.text for p in document.paragraphs]
    assert "Số đồng chí đã báo cáo: 2/4 (50%), trong đó 1 đồng chí báo cáo đúng hạn." in texts
    header = document.tables[0].rows[0].cells
    assert header[0].text.splitlines()[:2] == ["ĐẢNG BỘ PHƯỜNG NGÔ QUYỀN", "CHI BỘ KHU PHỐ 3"]
    assert header[1].text.splitlines()[-1] == "……………, ngày 04 tháng 03 năm 2025"
    signature = document.tables[1].rows[0].cells[1].text.splitlines()
    assert signature[:2] == ["T/M CHI BỘ", "BÍ THƯ"] and signature[-1] == "Nguyễn Văn An"
    # No meeting in February: the month's first day to this month's meeting (5 March).
    assert "Thời gian báo cáo: từ ngày 01/03/2025 đến ngày 05/03/2025." in texts
    assert "Số đồng chí đã đăng ký kế hoạch: 3/4 (75%)." in texts
    properties = document.core_properties
    assert (properties.author, properties.created) == ("Chi bộ khu phố 3", NOW)


async def test_chart_and_evidence_and_rollup(session: AsyncSession) -> None:
    world = await build_world(session)
    chart = await export_month(
        session, world.secretary_a, world.cell_a, YEAR, MONTH, ExportFormat.PNG, now=NOW
    )
    assert chart.mime == PNG_MIME
    assert imread(io.BytesIO(chart.content), format="png").shape[:2] == (700, 1200)

    evidence = await export_member_evidence(
        session, world.secretary_a, world.deputy_a.member_id, YEAR, now=NOW
    )
    texts = [p.text for p in Document(io.BytesIO(evidence.content)).paragraphs]
    assert "Số tháng đã báo cáo tại chi bộ: 1/3 (33,3%), trong đó 0 tháng đúng hạn." in texts

    rollup = await export_committee_month(
        session, world.committee, world.committee_id, YEAR, MONTH, ExportFormat.XLSX, now=NOW
    )
    sheet = load_workbook(io.BytesIO(rollup.content)).worksheets[0]
    values = [
        [sheet.cell(row=r, column=c).value for c in range(2, 6)]
        for r in range(FIRST_ROW, sheet.max_row + 1)
    ]
    # Cell B: its secretary has not reported (0%), so it comes first; then the totals.
    assert values == [
        ["Chi bộ khu phố 1", 1, 0, 0],
        ["Chi bộ khu phố 3", 4, 2, 1],
        ["Tổng cộng", 5, 2, 1],
    ]

    actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert actions == ["export.month", "export.evidence", "export.rollup"]


async def test_nudges_are_queued_once_per_member_and_day(session: AsyncSession) -> None:
    world = await build_world(session)
    summary = await view_cell_month(session, world.secretary_a, world.cell_a, YEAR, MONTH)
    assert [m.full_name for m in summary.missing] == ["Lê Văn <Cường>", "Phạm Thị Dung"]

    one = await nudge_missing(
        session,
        world.deputy_a,
        world.cell_a,
        YEAR,
        MONTH,
        now=NOW,
        member_ids={world.member_a.member_id},
    )
    everyone = await nudge_missing(session, world.secretary_a, world.cell_a, YEAR, MONTH, now=NOW)
    await session.commit()
    assert (one.queued, one.repeated, one.unreachable) == (1, 0, 0)
    # The member nudged a moment ago is not nudged again; the one without Telegram cannot be.
    assert (everyone.queued, everyone.repeated, everyone.unreachable) == (0, 1, 1)
    rows = (await session.scalars(select(OutboxMessage))).all()
    assert len(rows) == 1
    assert rows[0].chat_id == 1003 and rows[0].kind == "nudge"
    assert "Lê Văn &lt;Cường&gt;" in render.telegram(rows[0].payload)[0]
    assert "05/03/2025" in render.telegram(rows[0].payload)[0]
    audits = await session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "nudge")
    )
    assert audits == 2
