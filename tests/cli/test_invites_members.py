"""``chibo invite create`` and ``chibo member …``: codes, QR files, roster import, the list."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import DomainError
from domain.invites import join_with_invite
from domain.vocabulary import MemberStatus, Role
from locales import t
from storage.models import Invite, Member

from .conftest import Invoke

pytestmark = pytest.mark.moments

HEADER = ["Họ và tên", "Đảng viên", "Chức vụ", "Số điện thoại"]
ROSTER = [
    ["Nguyễn Văn An", "chính thức", "bí thư", "0912345678"],
    [unicodedata.normalize("NFD", "Trần Thị Bích Ngọc"), "chính thức", "phó bí thư", ""],
    [unicodedata.normalize("NFD", "Lê Hoàng Long"), "dự bị", "", "0987 654 321"],
]


def roster_file(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


async def members(session: AsyncSession) -> list[tuple[str, Role, MemberStatus]]:
    rows = await session.execute(
        select(Member.full_name, Member.role, Member.status).order_by(Member.id)
    )
    return [(name, role, status) for name, role, status in rows]


async def invites(session: AsyncSession) -> list[Invite]:
    return list(await session.scalars(select(Invite).order_by(Invite.id)))


@pytest.fixture
def cell(chibo: Invoke) -> str:
    result = chibo(
        "cell",
        "create",
        "Chi bộ khu phố 3",
        "--day",
        "5",
        "--time",
        "14:00",
        "--place",
        "Nhà văn hóa khu phố 3",
    )
    assert result.exit_code == 0, result.output
    return "1"


def test_invite_prints_code_link_and_writes_the_qr(
    chibo: Invoke, cell: str, db, tmp_path: Path
) -> None:
    qr = tmp_path / "qr" / "moi.png"
    result = chibo(
        "invite",
        "create",
        "--cell",
        cell,
        "--role",
        "deputy",
        "--uses",
        "3",
        "--days",
        "14",
        "--approval",
        "--qr",
        str(qr),
        "--bot-username",
        "@chibo_bot",
    )
    assert result.exit_code == 0, result.output
    [invite] = db(invites)
    assert (invite.role, invite.uses_left, invite.needs_approval) == (Role.DEPUTY, 3, True)
    assert invite.code in result.stdout
    assert f"https://t.me/chibo_bot?start={invite.code}" in result.stdout
    assert "Phó bí thư" in result.stdout
    assert qr.read_bytes().startswith(b"\x89PNG")


def test_invite_reads_the_username_from_settings_and_defaults_the_qr_path(
    chibo: Invoke, cell: str, db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = chibo("invite", "create", "--cell", cell, env={"CHIBO_BOT_USERNAME": "chi_bo_bot"})
    assert result.exit_code == 0, result.output
    [invite] = db(invites)
    assert f"https://t.me/chi_bo_bot?start={invite.code}" in result.stdout
    assert (tmp_path / "data" / f"invite-{invite.code}.png").exists()


def test_invite_without_username_says_how_to_get_a_link(
    chibo: Invoke, cell: str, tmp_path: Path
) -> None:
    result = chibo("invite", "create", "--cell", cell, "--qr", str(tmp_path / "q.png"))
    assert result.exit_code == 0, result.output
    assert "CHIBO_BOT_USERNAME" in result.stdout
    assert "https://t.me/" not in result.stdout


def test_invite_bad_input(chibo: Invoke, cell: str, db) -> None:
    unknown = chibo("invite", "create", "--cell", "7")
    assert (unknown.exit_code, unknown.stderr.strip()) == (1, "Không tìm thấy chi bộ số 7.")
    no_uses = chibo("invite", "create", "--cell", cell, "--uses", "0")
    assert no_uses.exit_code == 1
    assert "Số lượt dùng phải từ 1 đến 1.000 (đã nhập 0)." in no_uses.stderr
    bad_role = chibo("invite", "create", "--cell", cell, "--role", "chairman")
    assert bad_role.exit_code == 2
    assert db(invites) == []


def test_expired_invite_cannot_be_used(
    chibo: Invoke, cell: str, db, tmp_path: Path, moment: datetime
) -> None:
    result = chibo(
        "invite", "create", "--cell", cell, "--days", "1", "--qr", str(tmp_path / "q.png")
    )
    assert result.exit_code == 0, result.output
    [invite] = db(invites)

    async def join_later(session: AsyncSession) -> None:
        later = moment + timedelta(days=1, minutes=1)
        await join_with_invite(session, invite.code, 4242, "Phạm Văn Minh", later)

    with pytest.raises(DomainError) as caught:
        db(join_later)
    assert caught.value.msg_id == "error-invite-expired"
    assert t(caught.value.msg_id, **caught.value.args_) == (
        f"Mã mời «{invite.code}» đã hết hạn. Đồng chí xin bí thư chi bộ mã mới."
    )
    assert db(members) == []


def test_member_import_and_list(chibo: Invoke, cell: str, db, tmp_path: Path) -> None:
    path = roster_file(tmp_path / "danh-sach.xlsx", ROSTER)
    result = chibo("member", "import", str(path), "--cell", cell)
    assert result.exit_code == 0, result.output
    assert "Đã nhập 3 đảng viên vào Chi bộ khu phố 3." in result.stdout
    assert db(members) == [
        ("Nguyễn Văn An", Role.SECRETARY, MemberStatus.ACTIVE),
        ("Trần Thị Bích Ngọc", Role.DEPUTY, MemberStatus.ACTIVE),
        ("Lê Hoàng Long", Role.MEMBER, MemberStatus.ACTIVE),
    ]
    listed = chibo("member", "list", "--cell", cell)
    assert listed.exit_code == 0, listed.output
    lines = listed.stdout.splitlines()
    order = [
        next(i for i, line in enumerate(lines) if name in line)
        for name in ("Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Long")
    ]
    assert order == sorted(order)
    assert "Dự bị" in listed.stdout and "0987654321" in listed.stdout
    assert "Chưa kết nối" in listed.stdout
    everyone = chibo("member", "list")
    assert "Chi bộ khu phố 3" in everyone.stdout


def test_import_with_a_bad_row_in_the_middle_writes_nothing(
    chibo: Invoke, cell: str, db, tmp_path: Path
) -> None:
    rows = [ROSTER[0], ["Đỗ Văn Hùng", "chính thức", "", "0912 34"], *ROSTER[1:]]
    path = roster_file(tmp_path / "danh-sach.xlsx", rows)
    result = chibo("member", "import", str(path), "--cell", cell)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Tệp có 1 dòng không hợp lệ; chưa ghi đảng viên nào.")
    assert lines[1].strip() == (
        "Dòng 3: số điện thoại «0912 34» không đúng dạng số điện thoại Việt Nam."
    )
    assert "Traceback" not in result.output
    assert db(members) == []


def test_importing_the_same_roster_twice_is_a_duplicate(
    chibo: Invoke, cell: str, db, tmp_path: Path
) -> None:
    path = roster_file(tmp_path / "danh-sach.xlsx", ROSTER)
    assert chibo("member", "import", str(path), "--cell", cell).exit_code == 0
    again = roster_file(tmp_path / "bo-sung.xlsx", [["Phan Văn Quý", "dự bị", "", ""], ROSTER[2]])
    result = chibo("member", "import", str(again), "--cell", cell)
    assert result.exit_code == 1
    assert "Dòng 3: đảng viên «Lê Hoàng Long» đã có trong chi bộ." in result.stderr
    assert len(db(members)) == 3  # Phan Văn Quý was not written either


def test_import_bad_input(chibo: Invoke, cell: str, tmp_path: Path) -> None:
    missing = chibo("member", "import", str(tmp_path / "khong-co.xlsx"), "--cell", cell)
    assert missing.exit_code == 1
    assert "Không đọc được tệp" in missing.stderr
    other = tmp_path / "danh-sach.txt"
    other.write_text("x", encoding="utf-8")
    wrong_kind = chibo("member", "import", str(other), "--cell", cell)
    assert wrong_kind.exit_code == 1
    assert "dùng tệp Excel (.xlsx) hoặc CSV (.csv)" in wrong_kind.stderr
    path = roster_file(tmp_path / "danh-sach.xlsx", ROSTER)
    unknown_cell = chibo("member", "import", str(path), "--cell", "99")
    assert (unknown_cell.exit_code, unknown_cell.stderr.strip()) == (
        1,
        "Không tìm thấy chi bộ số 99.",
    )
    assert chibo("member", "list", "--cell", "99").exit_code == 1


def test_approve_left_and_transfer(chibo: Invoke, cell: str, db, tmp_path: Path) -> None:
    other = chibo(
        "cell",
        "create",
        "Chi bộ khu phố 4",
        "--day",
        "6",
        "--time",
        "8:00",
        "--place",
        "Nhà văn hóa khu phố 4",
    )
    assert other.exit_code == 0
    path = roster_file(tmp_path / "danh-sach.xlsx", ROSTER)
    assert chibo("member", "import", str(path), "--cell", cell).exit_code == 0

    moved = chibo("member", "transfer", "3", "--to", "2")
    assert moved.exit_code == 0, moved.output
    assert "Đã chuyển đồng chí Lê Hoàng Long sang sinh hoạt tại Chi bộ khu phố 4." in moved.stdout
    left = chibo("member", "left", "2")
    assert left.exit_code == 0, left.output
    not_pending = chibo("member", "approve", "1")
    assert not_pending.exit_code == 1
    assert "không có yêu cầu tham gia nào đang chờ duyệt" in not_pending.stderr
    assert db(members)[1][2] is MemberStatus.LEFT
    listed = chibo("member", "list", "--all")
    assert "Đã rời chi bộ" in listed.stdout
