"""The year-end evidence and the committee roll-up as filed: months counted over the
member's own membership, the compiler's signature, the committee's, file names, chart names."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from docx import Document
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import DomainError
from domain.files import ExportFormat
from domain.summaries import CellFigures, CommitteeRollup, ItemCounts, MonthCell
from domain.vocabulary import PartyStatus, ReportStatus, Role
from exports.chart import rollup_figure
from exports.docx import member_evidence_docx, rollup_docx
from exports.files import export_committee_month, export_member_evidence
from storage.models import CellMembership, Member, ProgressReport
from tests.exports import samples
from tests.exports.world import YEAR, World, build_world

DECEMBER = datetime(2025, 12, 20, 3, 0, tzinfo=UTC)


def _texts(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def _corner(content: bytes, table: int, column: int) -> list[str]:
    return Document(io.BytesIO(content)).tables[table].rows[0].cells[column].text.splitlines()


async def _member(
    session: AsyncSession,
    world: World,
    name: str,
    spells: list[tuple[int, date, date | None]],
    reported: list[tuple[int, int]],
    party_status: PartyStatus = PartyStatus.OFFICIAL,
) -> int:
    """A member of cell A now, with ``spells`` (cell, start, end) and reports (cell, month)."""
    member = Member(
        full_name=name, cell_id=world.cell_a, role=Role.MEMBER, party_status=party_status
    )
    session.add(member)
    await session.flush()
    for cell_id, start, end in spells:
        session.add(
            CellMembership(member_id=member.id, cell_id=cell_id, start_on=start, end_on=end)
        )
    for cell_id, month in reported:
        session.add(
            ProgressReport(
                member_id=member.id,
                cell_id=cell_id,
                year=YEAR,
                month=month,
                status=ReportStatus.SUBMITTED,
                submitted_at=datetime(YEAR, month, 20, 3, 0, tzinfo=UTC),
            )
        )
    await session.commit()
    return member.id


async def test_a_member_who_joined_in_april_is_counted_over_nine_months(
    session: AsyncSession,
) -> None:
    world = await build_world(session)
    joined = await _member(
        session,
        world,
        "Ngô Thị Lan",
        [(world.cell_a, date(2025, 4, 10), None)],
        [(world.cell_a, 4), (world.cell_a, 5)],
        PartyStatus.PROBATIONARY,
    )
    file = await export_member_evidence(session, world.secretary_a, joined, YEAR, now=DECEMBER)
    texts = _texts(file.content)
    assert "Đồng chí Ngô Thị Lan là đảng viên dự bị (tại ngày lập báo cáo)." in texts
    assert "Thời gian sinh hoạt tại chi bộ trong kỳ: 9 tháng (04/2025–12/2025)." in texts
    assert "Số tháng đã báo cáo tại chi bộ: 2/9 (22,2%), trong đó 2 tháng đúng hạn." in texts
    assert not any("/12 (" in text for text in texts)
    assert file.filename == "minh-chung-nam-2025-ngo-thi-lan.docx"


async def test_a_member_who_moved_is_counted_in_this_cell_and_the_other_cell_named(
    session: AsyncSession,
) -> None:
    world = await build_world(session)
    mover = await _member(
        session,
        world,
        "Đinh Văn Minh",
        [
            (world.cell_b, date(2025, 1, 1), date(2025, 6, 14)),
            (world.cell_a, date(2025, 6, 15), None),
        ],
        [(world.cell_b, 2), (world.cell_b, 3), (world.cell_a, 7)],
    )
    year = await export_member_evidence(session, world.secretary_a, mover, YEAR, now=DECEMBER)
    texts = _texts(year.content)
    assert "Đồng chí Đinh Văn Minh là đảng viên chính thức (tại ngày lập báo cáo)." in texts
    # The month of the move belongs to the cell moved to, as in the cells' summaries.
    assert "Thời gian sinh hoạt tại chi bộ trong kỳ: 7 tháng (06/2025–12/2025)." in texts
    assert (
        "Thời gian sinh hoạt tại Chi bộ khu phố 1: 01/2025–05/2025, đã báo cáo 2/5 tháng "
        "(tính vào kết quả của chi bộ đó)."
    ) in texts
    assert "Số tháng đã báo cáo tại chi bộ: 1/7 (14,3%), trong đó 1 tháng đúng hạn." in texts
    assert "Các tháng đã báo cáo: 07/2025." in texts

    second = await export_member_evidence(
        session, world.secretary_a, mover, YEAR, now=DECEMBER, quarter=2
    )
    texts = _texts(second.content)
    assert any("quý II năm 2025 của đồng chí Đinh Văn Minh" in text for text in texts)
    assert "Thời gian sinh hoạt tại chi bộ trong kỳ: 1 tháng (06/2025)." in texts
    assert "Số tháng đã báo cáo tại chi bộ: 0/1 (0%), trong đó 0 tháng đúng hạn." in texts
    assert "Các tháng đã báo cáo: không có." in texts
    assert any(
        text.startswith("Thời gian sinh hoạt tại Chi bộ khu phố 1: 04/2025–05/2025, đã báo cáo 0/2")
        for text in texts
    )
    assert second.filename == "minh-chung-quy-2-2025-dinh-van-minh.docx" != year.filename


async def test_the_evidence_is_a_bc_report_signed_by_its_compiler(session: AsyncSession) -> None:
    world = await build_world(session)
    file = await export_member_evidence(
        session, world.deputy_a, world.deputy_a.member_id, YEAR, now=DECEMBER
    )
    assert _corner(file.content, 0, 0)[-1] == "Số       -BC/CB"
    assert "BÁO CÁO" in _texts(file.content)
    signature = _corner(file.content, -1, 1)
    assert signature[0] == "NGƯỜI TỔNG HỢP" and signature[-1] == "Trần Thị Bình"
    assert "T/M CHI BỘ" not in signature and "BÍ THƯ" not in signature
    with pytest.raises(DomainError):
        await export_member_evidence(
            session, world.deputy_a, world.deputy_a.member_id, YEAR, now=DECEMBER, quarter=5
        )


def test_months_spent_away_and_back_are_runs() -> None:
    away = MonthCell(month=0, cell_id=8, cell_name="Chi bộ trường học")
    home = MonthCell(month=0, cell_id=7, cell_name=samples.CELL)
    cells = [replace(away if m in (3, 4) else home, month=m) for m in range(1, 13)]
    content = member_evidence_docx(
        replace(samples.evidence(), cells=tuple(cells)),
        cell_name=samples.CELL,
        cell_id=7,
        issued_on=date(2025, 12, 20),
    )
    texts = _texts(content)
    assert (
        "Thời gian sinh hoạt tại chi bộ trong kỳ: 10 tháng (01/2025–02/2025, 05/2025–12/2025)."
        in texts
    )
    assert any(
        t.startswith("Thời gian sinh hoạt tại Chi bộ trường học: 03/2025–04/2025") for t in texts
    )


@pytest.mark.parametrize(
    ("role", "title"), [(Role.SECRETARY, "BÍ THƯ"), (Role.DEPUTY, "PHÓ BÍ THƯ")]
)
def test_rollup_is_signed_on_behalf_of_the_committee_by_its_office(role: Role, title: str) -> None:
    content = rollup_docx(
        samples.rollup(),
        threshold=0.8,
        signer_name="Vũ Thị Giang",
        signer_role=role,
        issued_on=date(2025, 4, 2),
    )
    assert _corner(content, 0, 0)[-1] == "Số       -BC/ĐU"
    signature = _corner(content, -1, 1)
    assert signature[:2] == ["T/M ĐẢNG ỦY", title] and signature[-1] == "Vũ Thị Giang"


async def test_rollup_files_of_two_months_have_two_names(session: AsyncSession) -> None:
    world = await build_world(session)
    names, contents = {}, {}
    for month in (3, 4):
        for fmt in ExportFormat:
            file = await export_committee_month(
                session,
                world.committee,
                world.committee_id,
                YEAR,
                month,
                fmt,
                now=DECEMBER,
                signer_role=Role.DEPUTY,
            )
            names[month, fmt], contents[month, fmt] = file.filename, file.content
    assert (
        names[3, ExportFormat.DOCX] == "tong-hop-cac-chi-bo-2025-03-dang-bo-phuong-ngo-quyen.docx"
    )
    assert len(set(names.values())) == len(names) == 2 * len(ExportFormat)
    signature = _corner(contents[4, ExportFormat.DOCX], -1, 1)
    assert signature[:2] == ["T/M ĐẢNG ỦY", "PHÓ BÍ THƯ"] and signature[-1] == "Vũ Thị Giang"


def test_rollup_chart_keeps_long_cell_names_whole_and_inside_the_picture() -> None:
    names = [
        "Chi bộ Viện Kiểm sát nhân dân thành phố Vĩnh Yên",
        "Chi bộ Trường Trung cấp Nghề tỉnh, khối các cơ quan sự nghiệp và doanh nghiệp",
        "Chi bộ khu phố 3, phường Ngô Quyền",
    ]
    rollup = CommitteeRollup(
        committee_id=1,
        committee_name="Đảng bộ phường Ngô Quyền",
        year=2025,
        month=3,
        cells=tuple(
            CellFigures(
                cell_id=n,
                cell_name=name,
                members_total=10,
                reported=n * 3,
                reported_on_time=n,
                items=ItemCounts(),
            )
            for n, name in enumerate(names, start=1)
        ),
    )
    figure = rollup_figure(rollup, 0.8)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = figure.axes[0].get_yticklabels()
    assert sorted(label.get_text().replace("\n", " ") for label in labels) == sorted(names)
    for label in labels:
        box = label.get_window_extent(renderer)
        assert box.x0 >= 0 and box.y0 >= 0 and box.y1 <= figure.bbox.height
