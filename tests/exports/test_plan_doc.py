"""The personal plan to sign and the cell's registration list, from the database."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import PermissionDenied
from domain.vocabulary import PlanStatus
from exports.plan_doc import export_personal_plan, export_registration_list
from storage.models import AuditEntry, YearPlan
from tests.exports.docs_reading import heading_lines, opened, rows, texts
from tests.exports.world import NOW, YEAR, build_world


async def test_a_plan_prints_its_sections_and_both_signatures(session: AsyncSession) -> None:
    world = await build_world(session)
    plan_id = await session.scalar(
        select(YearPlan.id).where(YearPlan.member_id == world.deputy_a.member_id)
    )
    assert plan_id is not None
    file = await export_personal_plan(session, world.secretary_a, plan_id, now=NOW)
    assert file.filename == "ke-hoach-ca-nhan-2025-tran-thi-binh.docx"
    document = opened(file.content)
    left, right = heading_lines(document)
    assert left[:2] == ["ĐẢNG BỘ PHƯỜNG NGÔ QUYỀN", "CHI BỘ KHU PHỐ 3"]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    lines = texts(document)
    assert "KẾ HOẠCH CÁ NHÂN" in lines
    title = lines.index("KẾ HOẠCH CÁ NHÂN")
    assert lines[title + 1] == (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2025"
    )
    assert "Họ và tên: Trần Thị Bình" in lines
    assert lines.index("1. Học tập chuyên đề") < lines.index("- Học tập chuyên đề năm")
    assert lines.index("2. Việc làm cụ thể") < lines.index(
        "- Tham gia mô hình 'Tuyến phố không rác'"
    )
    confirm, author = rows(document.tables[-1])[0]
    assert confirm.splitlines()[:2] == ["XÁC NHẬN CỦA CHI BỘ", "BÍ THƯ"]
    assert confirm.splitlines()[-1] == "Nguyễn Văn An"
    assert author.splitlines()[0] == "NGƯỜI XÂY DỰNG KẾ HOẠCH"
    assert author.splitlines()[-1] == "Trần Thị Bình"


async def test_another_cells_secretary_may_not_print_the_plan(session: AsyncSession) -> None:
    world = await build_world(session)
    plan_id = await session.scalar(select(YearPlan.id).limit(1))
    assert plan_id is not None
    with pytest.raises(PermissionDenied):
        await export_personal_plan(session, world.secretary_b, plan_id, now=NOW)


async def test_the_registration_list_counts_every_member_once(session: AsyncSession) -> None:
    world = await build_world(session)
    # One member's plan comes back for revision: it still counts as registered.
    returned = await session.scalar(
        select(YearPlan).where(YearPlan.member_id == world.member_a.member_id)
    )
    assert returned is not None
    returned.status = PlanStatus.RETURNED
    await session.commit()
    file = await export_registration_list(session, world.secretary_a, world.cell_a, YEAR, now=NOW)
    document = opened(file.content)
    assert "DANH SÁCH" in texts(document)
    table = rows(document.tables[1])
    assert table[0][:3] == ["STT", "Họ và tên", "Tình trạng"]
    by_name = {row[1]: row for row in table[1:]}
    # Four active members (the pending one is not a member yet); the silent one has no plan.
    assert set(by_name) == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn <Cường>", "Phạm Thị Dung"}
    assert by_name["Phạm Thị Dung"][2:4] == ["Chưa lập", "0"]
    assert by_name["Lê Văn <Cường>"][2:4] == ["Trả lại để sửa", "2"]
    registered = sum(1 for row in table[1:] if row[2] != "Chưa lập")
    assert registered == 3
    assert "Chi bộ có 4 đồng chí; đã đăng ký kế hoạch 3/4 (75%), chưa đăng ký 1 đồng chí." in texts(
        document
    )
    audits = (await session.scalars(select(AuditEntry.action))).all()
    assert audits == ["export.plans"]


async def test_a_committee_member_gets_no_registration_list(session: AsyncSession) -> None:
    world = await build_world(session)
    with pytest.raises(PermissionDenied):
        await export_registration_list(session, world.committee, world.cell_a, YEAR, now=NOW)
