"""Roster import: xlsx and csv in Vietnamese, every row checked first, all or nothing."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime, time

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import OPERATOR
from domain.cells import MeetingRule, create_cell
from domain.errors import DomainError
from domain.importing import ImportRejected, import_members, parse_member_file
from domain.members import add_member
from domain.vocabulary import PartyStatus, Role
from storage.models import AuditEntry, CellMembership, Member

NOW = datetime(2026, 1, 10, 3, 0, tzinfo=UTC)
HEADER = ["STT", "Họ và tên", "Đảng viên", "Chức vụ", "Số điện thoại"]
ROSTER = [
    [1, "Nguyễn Văn An", "Chính thức", "Bí thư", "0912 345 678"],
    [2, unicodedata.normalize("NFD", "Trần Thị Bích Ngọc"), "chính thức", "Phó bí thư", None],
    [3, "  Lê   Hoàng Long ", "Dự bị", "", 912000111],
    [4, unicodedata.normalize("NFD", "Phạm Thị Thu Hà"), "DỰ BỊ", "đảng viên", "+84 987 654 321"],
]


def xlsx(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Danh sách"
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: Sequence[Sequence[object]], header: Sequence[str], *, delimiter: str = ",", bom: bool
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


async def new_cell(session: AsyncSession, name: str = "Chi bộ khu phố 3") -> int:
    cell = await create_cell(
        session, OPERATOR, name=name, rule=MeetingRule(5, time(14), "Nhà văn hóa")
    )
    return cell.id


def test_xlsx_rows_come_out_normalised() -> None:
    rows = parse_member_file(xlsx(ROSTER), "danh-sach.xlsx")
    assert [r.row for r in rows] == [2, 3, 4, 5]
    assert [r.full_name for r in rows] == [
        "Nguyễn Văn An",
        "Trần Thị Bích Ngọc",
        "Lê   Hoàng Long",
        "Phạm Thị Thu Hà",
    ]
    assert all(unicodedata.is_normalized("NFC", r.full_name) for r in rows)
    assert [r.party_status for r in rows] == [
        PartyStatus.OFFICIAL,
        PartyStatus.OFFICIAL,
        PartyStatus.PROBATIONARY,
        PartyStatus.PROBATIONARY,
    ]
    assert [r.role for r in rows] == [Role.SECRETARY, Role.DEPUTY, Role.MEMBER, Role.MEMBER]
    # A phone typed as a number loses its leading zero in Excel; it comes back.
    assert [r.phone for r in rows] == ["0912345678", None, "0912000111", "0987654321"]


@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_with_or_without_bom_and_bare_headers(bom: bool, delimiter: str) -> None:
    header = ["ho va ten", "LOAI DANG VIEN", "chuc vu", "SĐT"]
    data = csv_bytes(
        [[r[1], r[2], r[3], r[4]] for r in ROSTER], header, delimiter=delimiter, bom=bom
    )
    rows = parse_member_file(data, "danh_sach.CSV")
    assert [r.full_name for r in rows][1] == "Trần Thị Bích Ngọc"
    assert [r.role for r in rows] == [Role.SECRETARY, Role.DEPUTY, Role.MEMBER, Role.MEMBER]


def test_a_bad_row_in_the_middle_is_named_with_its_reason() -> None:
    rows = [*ROSTER[:2], [3, "Đỗ Văn Hùng", "tạm thời", "", ""], *ROSTER[2:]]
    with pytest.raises(ImportRejected) as caught:
        parse_member_file(xlsx(rows), "danh-sach.xlsx")
    problems = caught.value.problems
    assert [(p.msg_id, p.args_["row"]) for p in problems] == [
        ("error-import-party-status-unknown", 4)
    ]
    assert problems[0].args_["value"] == "tạm thời"
    assert caught.value.args_ == {"count": 1}


def test_every_bad_row_is_reported_at_once() -> None:
    rows = [
        [1, "", "chính thức", "", ""],
        [2, "Võ Thị Mai", "", "", ""],
        [3, "Võ Văn Nam", "dự bị", "trưởng thôn", ""],
        [4, "Võ Văn Tâm", "dự bị", "", "12345"],
        [5, "x" * 121, "dự bị", "", ""],
        [6, "🌸🌸", "dự bị", "", ""],
        [7, "Võ Thị Lan", "chính thức", "", "0912345678"],
        [8, unicodedata.normalize("NFD", "võ thị  lan"), "dự bị", "", ""],
    ]
    with pytest.raises(ImportRejected) as caught:
        parse_member_file(xlsx(rows), "danh-sach.xlsx")
    found = [(p.msg_id, p.args_["row"]) for p in caught.value.problems]
    assert found == [
        ("error-import-name-missing", 2),
        ("error-import-party-status-missing", 3),
        ("error-import-role-unknown", 4),
        ("error-import-phone", 5),
        ("error-import-name-too-long", 6),
        ("error-import-name-no-letters", 7),
        ("error-import-duplicate-in-file", 9),
    ]
    duplicate = caught.value.problems[-1]
    assert duplicate.args_["other"] == 8


def test_two_secretaries_in_one_file_are_refused() -> None:
    rows = [ROSTER[0], [2, "Hà Văn Sơn", "chính thức", "bí thư", ""]]
    with pytest.raises(ImportRejected) as caught:
        parse_member_file(xlsx(rows), "danh-sach.xlsx")
    assert [(p.msg_id, p.args_["row"]) for p in caught.value.problems] == [
        ("error-import-second-secretary", 3)
    ]


@pytest.mark.parametrize(
    ("data", "filename", "msg_id"),
    [
        ("Họ và tên,Đảng viên\nNguyễn Văn An,chính thức\n".encode("utf-16"), "a.csv", ""),
        (b"", "a.csv", "error-import-no-header"),
        ("Họ và tên,Đảng viên\n".encode(), "a.csv", "error-import-empty"),
        ("Họ tên,Ghi chú\nAn,x\n".encode(), "a.csv", "error-import-missing-party-status"),
        ("Tên gọi,Đảng viên\nAn,x\n".encode(), "a.csv", "error-import-missing-full-name"),
        (b"not a workbook", "a.xlsx", "error-import-unreadable"),
        (b"whatever", "a.xls", "error-import-format"),
    ],
)
def test_files_that_cannot_be_read_say_why(data: bytes, filename: str, msg_id: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_member_file(data, filename)
    assert caught.value.msg_id == (msg_id or "error-import-encoding")


async def test_import_writes_every_row_with_its_membership(session: AsyncSession) -> None:
    cell_id = await new_cell(session)
    rows = parse_member_file(xlsx(ROSTER), "danh-sach.xlsx")
    progress: list[tuple[int, int]] = []
    members = await import_members(
        session, OPERATOR, cell_id, rows, NOW, on_progress=lambda *p: progress.append(p)
    )
    await session.commit()
    assert progress == [(1, 4), (2, 4), (3, 4), (4, 4)]
    stored = (
        await session.scalars(select(Member).where(Member.cell_id == cell_id).order_by(Member.id))
    ).all()
    assert [m.full_name for m in stored] == [r.full_name for r in rows]
    assert [m.id for m in stored] == [m.id for m in members]
    assert all(m.telegram_id is None for m in stored)
    periods = await session.scalar(
        select(func.count()).select_from(CellMembership).where(CellMembership.cell_id == cell_id)
    )
    assert periods == 4
    entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "member.import"))
    assert entry is not None and entry.details["count"] == 4


async def test_rows_clashing_with_the_cell_write_nothing(session: AsyncSession) -> None:
    cell_id = await new_cell(session)
    await add_member(
        session,
        OPERATOR,
        cell_id=cell_id,
        full_name="Phạm Thị Thu Hà",
        phone="0987654321",
        now=NOW,
    )
    await add_member(
        session, OPERATOR, cell_id=cell_id, full_name="Bí thư cũ", role=Role.SECRETARY, now=NOW
    )
    await session.commit()
    rows = parse_member_file(xlsx(ROSTER), "danh-sach.xlsx")
    with pytest.raises(ImportRejected) as caught:
        await import_members(session, OPERATOR, cell_id, rows, NOW)
    await session.rollback()
    assert sorted((p.msg_id, p.args_["row"]) for p in caught.value.problems) == [
        ("error-import-cell-has-secretary", 2),
        ("error-import-duplicate-in-cell", 5),
    ]
    count = await session.scalar(
        select(func.count()).select_from(Member).where(Member.cell_id == cell_id)
    )
    assert count == 2
