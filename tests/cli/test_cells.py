"""``chibo cell …`` and ``chibo committee …``, with the bad input an operator types."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditEntry, Cell, Committee

from .conftest import Invoke

pytestmark = pytest.mark.moments

PLACE = "Nhà văn hóa khu phố 3"


async def cell_count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(Cell)) or 0


def test_cell_create_list_show(chibo: Invoke, db) -> None:
    created = chibo(
        "cell",
        "create",
        "Chi bộ khu phố 3, phường Ngô Quyền",
        "--day",
        "5",
        "--time",
        "14:00",
        "--place",
        PLACE,
    )
    assert created.exit_code == 0, created.output
    assert "Đã tạo chi bộ số 1: Chi bộ khu phố 3, phường Ngô Quyền." in created.stdout
    assert "Sinh hoạt ngày 5 hằng tháng, lúc 14:00, tại Nhà văn hóa khu phố 3" in created.stdout

    listed = chibo("cell", "list")
    assert listed.exit_code == 0, listed.output
    assert "Chi bộ khu phố 3, phường Ngô Quyền" in listed.stdout
    assert "ngày 5, 14:00" in listed.stdout

    shown = chibo("cell", "show", "1")
    assert shown.exit_code == 0, shown.output
    assert "Buổi sắp tới" in shown.stdout
    assert "3, 1 ngày trước buổi sinh hoạt" in shown.stdout
    assert db(cell_count) == 1


def test_cell_in_a_committee(chibo: Invoke) -> None:
    committee = chibo("committee", "create", "Đảng ủy phường Ngô Quyền")
    assert committee.exit_code == 0, committee.output
    created = chibo(
        "cell",
        "create",
        "Chi bộ Trường Trung cấp Nghề tỉnh",
        "--day",
        "3",
        "--time",
        "7:30",
        "--place",
        "Phòng họp A",
        "--committee",
        "1",
        "--no-shift",
        "--remind",
        "5",
        "--remind",
        "2",
    )
    assert created.exit_code == 0, created.output
    shown = chibo("cell", "show", "1")
    # Created as "Đảng ủy X": the cell belongs to the organisation "Đảng bộ X".
    assert "Đảng bộ phường Ngô Quyền (theo đảng bộ)" in shown.stdout
    assert "giữ nguyên ngày" in shown.stdout
    assert "5, 2 ngày trước buổi sinh hoạt" in shown.stdout
    committees = chibo("committee", "list")
    assert "Đảng bộ phường Ngô Quyền" in committees.stdout
    assert "Đảng ủy phường Ngô Quyền" in committees.stdout


def test_meeting_day_outside_1_to_31_is_refused(chibo: Invoke, db) -> None:
    for day in ("0", "32"):
        result = chibo(
            "cell", "create", "Chi bộ thử", "--day", day, "--time", "14:00", "--place", PLACE
        )
        assert result.exit_code == 1
        assert result.stderr.strip().splitlines() == [
            f"Ngày sinh hoạt phải từ 1 đến 31 (đã nhập {day}). Tháng nào không có ngày đó "
            "thì sinh hoạt vào ngày cuối tháng."
        ]
        assert "Traceback" not in result.output
    assert db(cell_count) == 0


def test_bad_time_unknown_cell_and_unknown_committee(chibo: Invoke, db) -> None:
    bad_time = chibo(
        "cell", "create", "Chi bộ thử", "--day", "5", "--time", "25:00", "--place", PLACE
    )
    assert bad_time.exit_code == 1
    assert "Giờ sinh hoạt «25:00» không hợp lệ" in bad_time.stderr

    unknown = chibo("cell", "show", "42")
    assert unknown.exit_code == 1
    assert unknown.stderr.strip() == "Không tìm thấy chi bộ số 42."

    no_committee = chibo(
        "cell",
        "create",
        "Chi bộ thử",
        "--day",
        "5",
        "--time",
        "14:00",
        "--place",
        PLACE,
        "--committee",
        "9",
    )
    assert no_committee.exit_code == 1
    assert "Không tìm thấy đảng ủy số 9." in no_committee.stderr
    assert db(cell_count) == 0


def test_duplicate_cell_name(chibo: Invoke) -> None:
    args = ("cell", "create", "Chi bộ khu phố 3", "--day", "5", "--time", "14:00", "--place", PLACE)
    assert chibo(*args).exit_code == 0
    again = chibo(*args)
    assert again.exit_code == 1
    assert "Đã có chi bộ tên «Chi bộ khu phố 3»." in again.stderr


def test_empty_lists_say_what_to_do(chibo: Invoke) -> None:
    assert "chibo cell create" in chibo("cell", "list").stdout
    assert "chibo committee create" in chibo("committee", "list").stdout


def _rows(output: str) -> dict[str, str]:
    """A two-column table printed by rich: label -> value."""
    rows = {}
    for line in output.splitlines():
        parts = [part.strip() for part in line.strip("│ ").split("│")]
        if len(parts) == 2 and parts[0]:
            rows[parts[0]] = parts[1]
    return rows


async def _committee(session: AsyncSession) -> Committee | None:
    return await session.scalar(select(Committee))


def test_committee_create_update_show(chibo: Invoke, db) -> None:
    created = chibo(
        "committee",
        "create",
        "Đảng bộ phường Ngô Quyền",
        "--body",
        "Đảng ủy phường Ngô Quyền",
        "--upper-unit",
        "Đảng bộ thành phố Vĩnh Yên",
        "--locality",
        "Vĩnh Yên",
    )
    assert created.exit_code == 0, created.output
    assert (
        "Đã tạo đảng bộ số 1: Đảng bộ phường Ngô Quyền, cấp ủy là Đảng ủy phường Ngô Quyền."
        in created.stdout
    )
    assert _rows(created.stdout) == {
        "Số": "1",
        "Đảng bộ": "Đảng bộ phường Ngô Quyền",
        "Đảng ủy": "Đảng ủy phường Ngô Quyền",
        "Đơn vị cấp trên": "Đảng bộ thành phố Vĩnh Yên",
        "Ký hiệu văn bản": "ĐU",
        "Địa danh": "Vĩnh Yên",
    }

    updated = chibo("committee", "update", "1", "--symbol", "đuk", "--upper-unit", "")
    assert updated.exit_code == 0, updated.output
    assert "Đã cập nhật Đảng bộ phường Ngô Quyền." in updated.stdout
    shown = _rows(chibo("committee", "show", "1").stdout)
    assert (shown["Ký hiệu văn bản"], shown["Đơn vị cấp trên"]) == ("ĐUK", "(chưa ghi)")
    assert shown["Đảng ủy"] == "Đảng ủy phường Ngô Quyền"

    refused = chibo("committee", "update", "1", "--symbol", "Đ/U")
    assert refused.exit_code == 1
    assert "Ký hiệu «Đ/U» không hợp lệ" in refused.stderr
    committee = db(_committee)
    assert committee is not None and committee.symbol == "ĐUK"
    assert chibo("committee", "show", "7").stderr.strip() == "Không tìm thấy đảng ủy số 7."


async def _cell_audit(session: AsyncSession) -> list[dict]:
    rows = await session.scalars(select(AuditEntry).where(AuditEntry.action == "cell.names"))
    return [row.details for row in rows]


def test_cell_locality_and_upper_unit_at_create_and_update(chibo: Invoke, db) -> None:
    assert chibo("committee", "create", "Đảng ủy phường Ngô Quyền").exit_code == 0
    created = chibo(
        "cell",
        "create",
        "Chi bộ khu phố 3",
        "--day",
        "5",
        "--time",
        "14:00",
        "--place",
        PLACE,
        "--committee",
        "1",
        "--locality",
        "Vĩnh Yên",
    )
    assert created.exit_code == 0, created.output
    shown = _rows(chibo("cell", "show", "1").stdout)
    assert shown["Địa danh"] == "Vĩnh Yên"
    assert shown["Đơn vị cấp trên"] == "Đảng bộ phường Ngô Quyền (theo đảng bộ)"

    updated = chibo("cell", "update", "1", "--upper-unit", "Đảng bộ Khối cơ quan", "--locality", "")
    assert updated.exit_code == 0, updated.output
    assert _rows(updated.stdout) == {
        "Đơn vị cấp trên": "Đảng bộ Khối cơ quan",
        "Địa danh": "(chưa ghi)",
    }
    assert db(_cell_audit) == [
        {
            "before": {"locality": "Vĩnh Yên", "upper_unit": ""},
            "after": {"locality": "", "upper_unit": "Đảng bộ Khối cơ quan"},
        }
    ]
    too_long = chibo("cell", "update", "1", "--locality", "x" * 101)
    assert too_long.exit_code == 1
    assert "tối đa 100 ký tự" in too_long.stderr
