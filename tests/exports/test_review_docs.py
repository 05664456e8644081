"""Sơ kết 6 tháng and tổng kết năm of a cell and of a committee, read back from the database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import PermissionDenied
from domain.oversight import toggle_exemplary
from domain.period_review import ReviewPeriod, cell_review
from domain.permissions import Actor
from domain.vocabulary import ItemStatus, ReportStatus
from exports.review_docs import export_cell_review, export_committee_review
from storage.models import ItemProgress, PlanItem, ProgressReport, YearPlan
from tests.exports.docs_reading import heading_lines, opened, rows, texts
from tests.exports.world import MONTH, NOW, YEAR, World, build_world

HALF = ReviewPeriod.of(YEAR, full_year=False, shown_month=9)


async def _deputy_finishes_in_may(session: AsyncSession, world: World) -> None:
    """The deputy, in progress on the study item in March, reports it done in May."""
    plan = await session.scalar(
        select(YearPlan).where(YearPlan.member_id == world.deputy_a.member_id)
    )
    assert plan is not None
    study = await session.scalar(
        select(PlanItem).where(PlanItem.plan_id == plan.id, PlanItem.position == 1)
    )
    assert study is not None
    report = ProgressReport(
        member_id=world.deputy_a.member_id,
        cell_id=world.cell_a,
        year=YEAR,
        month=5,
        status=ReportStatus.SUBMITTED,
        submitted_at=datetime(2025, 5, 3, 9, 0, tzinfo=UTC),
        difficulties="Họp tổ dân phố trùng giờ",
        proposals="",
    )
    session.add(report)
    await session.flush()
    session.add(ItemProgress(report_id=report.id, plan_item_id=study.id, status=ItemStatus.DONE))
    await session.commit()


def _month_rows(document) -> list[list[str]]:  # type: ignore[no-untyped-def]
    table = rows(document.tables[1])
    assert table[0][:4] == ["Tháng", "Số đảng viên", "Đã báo cáo", "Chưa báo cáo"]
    return table[1:]


def _adds_up(table: list[list[str]]) -> None:
    for row in table:
        members, reported, missing = (int(value) for value in row[1:4])
        assert reported + missing == members


async def test_cell_half_year_review_sums_the_six_months(session: AsyncSession) -> None:
    world = await build_world(session)
    await _deputy_finishes_in_may(session, world)
    file = await export_cell_review(session, world.secretary_a, world.cell_a, HALF, now=NOW)
    assert file.filename == "so-ket-6-thang-2025-06-chi-bo-khu-pho-3.docx"
    document = opened(file.content)
    left, right = heading_lines(document)
    assert left[1] == "CHI BỘ KHU PHỐ 3" and left[-1] == "Số       -BC/CB"
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    lines = texts(document)
    assert "BÁO CÁO" in lines
    assert any(line.startswith("Sơ kết 6 tháng đầu năm 2025 thực hiện kế hoạch") for line in lines)
    title = lines.index("BÁO CÁO")
    assert lines[title + 2 : title + 5] == [
        "Chuyên đề năm 2025: “Chuyên đề năm 2025”",
        "(Từ tháng 01/2025 đến hết tháng 06/2025)",
        "",
    ]
    assert "Chi bộ có 4 đồng chí; đã đăng ký kế hoạch 3/4 (75%), chưa đăng ký 1 đồng chí." in lines
    table = _month_rows(document)
    assert [row[0] for row in table] == ["T1", "T2", "T3", "T4", "T5", "T6", "Cộng"]
    _adds_up(table)
    assert table[2][1:5] == ["4", "2", "2", "1"]
    assert table[4][1:5] == ["4", "1", "3", "1"]
    assert table[-1][1:4] == ["24", "3", "21"]
    # Each item as last reported: the deputy's study item is done since May.
    assert (
        "Tổng số việc đăng ký: 6; hoàn thành 3 (50%), đang thực hiện 0, chưa thực hiện 0, "
        "chưa được báo cáo 3." in lines
    )
    assert (
        "- Học tập chuyên đề: hoàn thành 2/3 việc (66,7%), đang thực hiện 0, chưa thực hiện 0, "
        "chưa được báo cáo 1." in lines
    )


async def test_cell_review_gathers_what_members_wrote_and_leaves_the_examples_open(
    session: AsyncSession,
) -> None:
    world = await build_world(session)
    await _deputy_finishes_in_may(session, world)
    year = ReviewPeriod.of(YEAR, full_year=True, shown_month=11)
    file = await export_cell_review(session, world.secretary_a, world.cell_a, year, now=NOW)
    assert file.filename == "tong-ket-nam-2025-11-chi-bo-khu-pho-3.docx"
    lines = texts(opened(file.content))
    assert any(line.startswith("Tổng kết năm 2025") for line in lines)
    assert "(Từ tháng 01/2025 đến hết tháng 11/2025)" in lines
    difficulties = lines.index("Khó khăn, vướng mắc:")
    proposals = lines.index("Kiến nghị, đề xuất:")
    assert lines[difficulties + 1 : proposals] == [
        "- Tháng 03/2025, đồng chí Trần Thị Bình: Thiếu tài liệu",
        "- Tháng 05/2025, đồng chí Trần Thị Bình: Họp tổ dân phố trùng giờ",
    ]
    assert lines[proposals + 1] == "- Tháng 03/2025, đồng chí Nguyễn Văn An: Tổ chức tọa đàm"
    # No routine note becomes a model: the secretary writes them in.
    examples = lines.index("IV. MÔ HÌNH HAY, GƯƠNG ĐIỂN HÌNH")
    assert lines[examples + 1] == "(Do chi ủy, chi bộ lựa chọn và ghi vào.)"
    assert lines[examples + 2 : examples + 6] == ["\t"] * 4
    assert not any("Dọn 4 buổi sáng Chủ nhật" in line for line in lines)
    assert "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI" in lines


async def _item_of(session: AsyncSession, member: Actor, position: int) -> int:
    item_id = await session.scalar(
        select(PlanItem.id)
        .join(YearPlan, YearPlan.id == PlanItem.plan_id)
        .where(YearPlan.member_id == member.member_id, PlanItem.position == position)
    )
    assert item_id is not None
    return item_id


async def test_reviews_list_the_items_the_leaders_marked_month_by_month(
    session: AsyncSession,
) -> None:
    world = await build_world(session)
    await _deputy_finishes_in_may(session, world)
    # March: the secretary's second item (with its note); May: the deputy's study item.
    # The secretary's first item, done in March too, is not marked and stays out.
    deeds = await _item_of(session, world.secretary_a, 2)
    study = await _item_of(session, world.deputy_a, 1)
    assert await toggle_exemplary(session, world.secretary_a, world.cell_a, YEAR, MONTH, deeds)
    assert await toggle_exemplary(session, world.secretary_a, world.cell_a, YEAR, 5, study)
    await session.commit()
    cell = opened(
        (await export_cell_review(session, world.secretary_a, world.cell_a, HALF, now=NOW)).content
    )
    lines = texts(cell)
    examples = lines.index("IV. MÔ HÌNH HAY, GƯƠNG ĐIỂN HÌNH")
    assert lines[examples + 1 : examples + 4] == [
        "- Tháng 03/2025, đồng chí Nguyễn Văn An: Tham gia mô hình 'Tuyến phố không rác': "
        "Dọn 4 buổi sáng Chủ nhật",
        "- Tháng 05/2025, đồng chí Trần Thị Bình: Học tập chuyên đề năm",
        "V. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    committee = opened(
        (
            await export_committee_review(
                session, world.committee, world.committee_id, HALF, now=NOW
            )
        ).content
    )
    lines = texts(committee)
    examples = lines.index("IV. MÔ HÌNH HAY, GƯƠNG ĐIỂN HÌNH")
    assert lines[examples + 2] == (
        "- Tháng 05/2025, đồng chí Trần Thị Bình (Chi bộ khu phố 3): Học tập chuyên đề năm"
    )
    assert lines[examples + 1].startswith("- Tháng 03/2025, đồng chí Nguyễn Văn An (Chi bộ")
    # Taken out again in May: only March's choice is left.
    assert not await toggle_exemplary(session, world.secretary_a, world.cell_a, YEAR, 5, study)
    await session.commit()
    review = await cell_review(session, world.secretary_a, world.cell_a, HALF)
    assert [(e.month, e.item.item_id) for e in review.examples] == [(MONTH, deeds)]


async def test_committee_review_counts_its_cells_without_members_words(
    session: AsyncSession,
) -> None:
    world = await build_world(session)
    await _deputy_finishes_in_may(session, world)
    file = await export_committee_review(
        session, world.committee, world.committee_id, HALF, now=NOW
    )
    assert file.filename == "so-ket-6-thang-2025-06-dang-bo-phuong-ngo-quyen.docx"
    document = opened(file.content)
    lines = texts(document)
    assert any("của các chi bộ" in line and line.startswith("Sơ kết 6 tháng") for line in lines)
    # Cell A has 4 members (3 plans), cell B its secretary (no plan).
    assert "Chi bộ có 5 đồng chí; đã đăng ký kế hoạch 3/5 (60%), chưa đăng ký 2 đồng chí." in lines
    table = _month_rows(document)
    _adds_up(table)
    assert table[-1][1:4] == ["30", "3", "27"]
    cells = {row[1]: row for row in rows(document.tables[2])[1:]}
    assert cells["Chi bộ khu phố 3"][2:6] == ["4", "3/4", "3/24", "12,5%"]
    assert cells["Chi bộ khu phố 1"][2:6] == ["1", "0/1", "0/6", "0%"]
    # Cell A's latest reports are May's: 1 of its 6 items done that month.
    assert cells["Chi bộ khu phố 3"][6] == "16,7% (T5)"
    assert not any("Thiếu tài liệu" in line or "Trần Thị Bình" in line for line in lines)
    _, signer = rows(document.tables[-1])[0]
    assert signer.splitlines()[0] == "T/M ĐẢNG ỦY" and signer.splitlines()[-1] == "Vũ Thị Giang"


async def test_reviews_are_for_their_own_leaders(session: AsyncSession) -> None:
    world = await build_world(session)
    with pytest.raises(PermissionDenied):
        await export_cell_review(session, world.member_a, world.cell_a, HALF, now=NOW)
    with pytest.raises(PermissionDenied):
        await export_cell_review(session, world.secretary_b, world.cell_a, HALF, now=NOW)
    with pytest.raises(PermissionDenied):
        await export_committee_review(
            session, world.other_committee, world.committee_id, HALF, now=NOW
        )


def test_a_review_made_early_stops_at_the_month_shown() -> None:
    assert list(ReviewPeriod.of(2025, full_year=False, shown_month=4).months) == [1, 2, 3, 4]
    assert list(ReviewPeriod.of(2025, full_year=False, shown_month=12).months) == list(range(1, 7))
    assert ReviewPeriod.of(2025, full_year=True).last_month == 12
