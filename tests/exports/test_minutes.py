"""The minutes of the month's meeting, pre-filled from the meeting, the notices and reports."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import PermissionDenied
from exports.minutes import export_minutes
from storage.models import AbsenceNotice, AttendanceConfirmation, Meeting
from tests.exports.docs_reading import assert_dotted, heading_lines, opened, texts
from tests.exports.world import MONTH, NOW, YEAR, World, build_world


async def _notices(session: AsyncSession, world: World) -> None:
    meeting = await session.scalar(select(Meeting).where(Meeting.cell_id == world.cell_a))
    assert meeting is not None
    meeting.place = "Nhà văn hóa khu phố 3"
    session.add_all(
        [
            AbsenceNotice(
                meeting_id=meeting.id,
                member_id=world.member_a.member_id,
                reason="Đi công tác Hà Nội",
                created_at=NOW,
            ),
            AttendanceConfirmation(
                meeting_id=meeting.id, member_id=world.deputy_a.member_id, created_at=NOW
            ),
        ]
    )
    await session.commit()


async def test_minutes_list_who_confirmed_who_is_excused_and_who_is_unknown(
    session: AsyncSession,
) -> None:
    world = await build_world(session)
    await _notices(session, world)
    file = await export_minutes(session, world.secretary_a, world.cell_a, YEAR, MONTH, now=NOW)
    assert file.filename == "bien-ban-sinh-hoat-2025-03-chi-bo-khu-pho-3.docx"
    document = opened(file.content)
    left, right = heading_lines(document)
    assert left[-1] == "Số       -BB/CB"
    # Dated the day of the meeting (05/03 at 14:00 in Hà Nội), not the day of the export.
    assert right[-1].endswith("ngày 05 tháng 03 năm 2025")
    lines = texts(document)
    assert "BIÊN BẢN" in lines and "Sinh hoạt chi bộ định kỳ tháng 03/2025" in lines
    assert "Thời gian: bắt đầu lúc 14 giờ 00, ngày 05/03/2025." in lines
    assert "Địa điểm: Nhà văn hóa khu phố 3" in lines
    assert (
        "Tổng số đảng viên của chi bộ: 4 đồng chí; đã xác nhận tham dự 1, báo vắng 1, "
        "chưa xác nhận 2." in " ".join(lines)
    )

    def under(heading: str) -> list[str]:
        start = next(i for i, line in enumerate(lines) if line.startswith(heading))
        block = []
        for line in lines[start + 1 :]:
            if not line.startswith("- "):
                break
            block.append(line)
        return block

    assert under("Đã xác nhận tham dự (1") == ["- Đồng chí Trần Thị Bình"]
    assert under("Báo vắng có lý do (1") == ["- Đồng chí Lê Văn <Cường>: Đi công tác Hà Nội"]
    assert under("Chưa xác nhận (2") == ["- Đồng chí Nguyễn Văn An", "- Đồng chí Phạm Thị Dung"]


async def test_minutes_figures_add_up_and_leave_the_decisions_blank(session: AsyncSession) -> None:
    world = await build_world(session)
    file = await export_minutes(session, world.secretary_a, world.cell_a, YEAR, MONTH, now=NOW)
    document = opened(file.content)
    lines = texts(document)
    # build_world: 4 members, 2 reported; 3 plans of 2 items: 2 done, 1 in progress, 3 unreported.
    assert "Số đồng chí đã báo cáo: 2/4 (50%); chưa báo cáo: 2 đồng chí." in lines
    assert (
        "Tổng số việc đăng ký: 6; hoàn thành 2 (33,3%), đang thực hiện 1, chưa thực hiện 0, "
        "chưa được báo cáo 3." in lines
    )
    assert "- Đồng chí Trần Thị Bình: Thiếu tài liệu" in lines
    assert "- Đồng chí Nguyễn Văn An: Tổ chức tọa đàm" in lines
    decisions = lines.index("IV. KẾT LUẬN, NGHỊ QUYẾT CỦA CHI BỘ")
    assert lines[decisions + 1 : decisions + 7] == ["\t"] * 6
    assert_dotted(document.paragraphs[decisions + 1])
    # No place was set: the line waits for it.
    assert "Địa điểm: ……………" in lines


async def test_minutes_without_a_meeting_leave_the_time_blank(session: AsyncSession) -> None:
    world = await build_world(session)
    file = await export_minutes(
        session, world.secretary_a, world.cell_a, YEAR, 4, now=datetime(2025, 4, 2, 2, 0)
    )
    lines = texts(opened(file.content))
    assert "Thời gian: bắt đầu lúc …… giờ ……, ngày ……/……/………" in lines
    assert "Chưa xác nhận (4 đồng chí), ghi có mặt hoặc vắng tại cuộc họp:" in lines


async def test_minutes_are_for_the_cells_own_leaders(session: AsyncSession) -> None:
    world = await build_world(session)
    for outsider in (world.secretary_b, world.member_a, world.committee):
        with pytest.raises(PermissionDenied):
            await export_minutes(session, outsider, world.cell_a, YEAR, MONTH, now=NOW)
