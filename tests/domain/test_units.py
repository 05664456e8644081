"""Unit names: a committee's organisation and executive body, upper units, symbols and
localities; who may change them; and the headings the exported documents print."""

from __future__ import annotations

import io
import unicodedata
from datetime import UTC, datetime, time

import pytest
from docx import Document
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import OPERATOR
from domain.cells import MeetingRule, create_cell, create_committee
from domain.errors import DomainError, PermissionDenied
from domain.files import ExportFormat
from domain.permissions import Actor
from domain.units import (
    cell_names,
    committee_names,
    split_committee_name,
    update_cell_names,
    update_committee,
)
from domain.vocabulary import MemberStatus, Role
from exports.files import export_committee_month, export_month
from storage.models import AuditEntry, Committee, Member

RULE = MeetingRule(day=5, at=time(14, 0), place="Nhà văn hóa khu phố 3")
NOW = datetime(2025, 3, 4, 2, 0, tzinfo=UTC)  # 04/03/2025 in Vietnam


@pytest.mark.parametrize(
    ("given", "organisation", "body"),
    [
        ("Đảng ủy phường Ngô Quyền", "Đảng bộ phường Ngô Quyền", "Đảng ủy phường Ngô Quyền"),
        ("Đảng uỷ xã Thanh Trù", "Đảng bộ xã Thanh Trù", "Đảng ủy xã Thanh Trù"),
        ("đảng ủy  phường Liên Bảo ", "Đảng bộ phường Liên Bảo", "Đảng ủy phường Liên Bảo"),
        ("Đảng bộ Khối cơ quan tỉnh", "Đảng bộ Khối cơ quan tỉnh", "Đảng ủy Khối cơ quan tỉnh"),
        ("phường Đống Đa", "Đảng bộ phường Đống Đa", "Đảng ủy phường Đống Đa"),
        # "Đảng ủyX" is not the prefix "Đảng ủy" followed by a name.
        ("Đảng ủyX", "Đảng bộ Đảng ủyX", "Đảng ủy Đảng ủyX"),
    ],
)
def test_one_given_name_splits_into_organisation_and_body(
    given: str, organisation: str, body: str
) -> None:
    assert split_committee_name(given) == (organisation, body)
    assert split_committee_name(unicodedata.normalize("NFD", given)) == (organisation, body)


async def _committee_and_cell(
    session: AsyncSession, *, committee_locality: str = "", cell_locality: str = ""
) -> tuple[int, int]:
    # The name as the command line's own example gives it.
    committee = await create_committee(
        session,
        OPERATOR,
        "Đảng ủy phường Ngô Quyền",
        upper_unit="Đảng bộ thành phố Vĩnh Yên",
        locality=committee_locality,
    )
    cell = await create_cell(
        session,
        OPERATOR,
        name="Chi bộ khu phố 3",
        rule=RULE,
        committee_id=committee.id,
        locality=cell_locality,
    )
    return committee.id, cell.id


def _heading(content: bytes) -> tuple[list[str], list[str], list[str], str]:
    document = Document(io.BytesIO(content))
    left, right = (cell.text.splitlines() for cell in document.tables[0].rows[0].cells)
    # The signature block: the last table but for the month report's appendix after it.
    recipients = next(
        lines
        for table in reversed(document.tables)
        if (lines := table.rows[0].cells[0].text.splitlines())[:1] == ["Nơi nhận:"]
    )
    everything = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for table in document.tables for row in table.rows for c in row.cells]
    )
    return left, right, recipients, everything


async def test_a_cells_report_names_the_organisation_above_and_the_body_once(
    session: AsyncSession,
) -> None:
    _committee_id, cell_id = await _committee_and_cell(
        session, committee_locality="Vĩnh Yên", cell_locality="Ngô Quyền"
    )
    file = await export_month(session, OPERATOR, cell_id, 2025, 3, ExportFormat.DOCX, now=NOW)
    left, right, recipients, everything = _heading(file.content)

    assert left == ["ĐẢNG BỘ PHƯỜNG NGÔ QUYỀN", "CHI BỘ KHU PHỐ 3", "*", "Số       -BC/CB"]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right[-1] == "Ngô Quyền, ngày 04 tháng 03 năm 2025"  # the cell's own place name
    assert recipients == ["Nơi nhận:", "- Đảng ủy phường Ngô Quyền,", "- Lưu chi bộ."]
    for doubled in ("Đảng ủy Đảng ủy", "ĐẢNG BỘ ĐẢNG ỦY", "Đảng ủy Đảng bộ", "ĐẢNG ỦY ĐẢNG"):
        assert doubled.casefold() not in everything.casefold()


async def test_a_cell_without_a_place_name_takes_the_committees_or_leaves_dots(
    session: AsyncSession,
) -> None:
    committee_id, cell_id = await _committee_and_cell(session, committee_locality="Vĩnh Yên")
    file = await export_month(session, OPERATOR, cell_id, 2025, 3, ExportFormat.DOCX, now=NOW)
    assert _heading(file.content)[1][-1] == "Vĩnh Yên, ngày 04 tháng 03 năm 2025"

    await update_committee(session, OPERATOR, committee_id, locality="")
    file = await export_month(session, OPERATOR, cell_id, 2025, 3, ExportFormat.DOCX, now=NOW)
    assert _heading(file.content)[1][-1] == "……………, ngày 04 tháng 03 năm 2025"

    await update_cell_names(session, OPERATOR, cell_id, upper_unit="Đảng bộ Khối cơ quan")
    file = await export_month(session, OPERATOR, cell_id, 2025, 3, ExportFormat.DOCX, now=NOW)
    assert _heading(file.content)[0][0] == "ĐẢNG BỘ KHỐI CƠ QUAN"


async def test_the_committees_report_prints_its_upper_unit_body_and_symbol(
    session: AsyncSession,
) -> None:
    committee_id, _ = await _committee_and_cell(session, committee_locality="Vĩnh Yên")
    await update_committee(session, OPERATOR, committee_id, symbol="đuk")
    file = await export_committee_month(
        session, OPERATOR, committee_id, 2025, 3, ExportFormat.DOCX, now=NOW
    )
    left, right, _recipients, everything = _heading(file.content)
    assert left == [
        "ĐẢNG BỘ THÀNH PHỐ VĨNH YÊN",
        "ĐẢNG ỦY PHƯỜNG NGÔ QUYỀN",
        "*",
        "Số       -BC/ĐUK",
    ]
    assert right[-1] == "Vĩnh Yên, ngày 04 tháng 03 năm 2025"
    assert "ĐẢNG BỘ ĐẢNG ỦY" not in everything and "Đảng ủy Đảng ủy" not in everything


async def _people(session: AsyncSession, committee_id: int, cell_id: int) -> dict[str, Actor]:
    other_committee = await create_committee(session, OPERATOR, "Đảng bộ phường Liên Bảo")
    other_cell = await create_cell(session, OPERATOR, name="Chi bộ khu phố 1", rule=RULE)
    rows = {
        "secretary": Member(full_name="Nguyễn Văn An", role=Role.SECRETARY, cell_id=cell_id),
        "deputy": Member(full_name="Trần Thị Bình", role=Role.DEPUTY, cell_id=cell_id),
        "member": Member(full_name="Lê Văn Cường", role=Role.MEMBER, cell_id=cell_id),
        "other_secretary": Member(
            full_name="Đỗ Văn Phúc", role=Role.SECRETARY, cell_id=other_cell.id
        ),
        "committee": Member(
            full_name="Vũ Thị Giang", role=Role.COMMITTEE, committee_id=committee_id
        ),
        "other_committee": Member(
            full_name="Bùi Văn Hải", role=Role.COMMITTEE, committee_id=other_committee.id
        ),
        "left_committee": Member(
            full_name="Hà Văn Khải",
            role=Role.COMMITTEE,
            committee_id=committee_id,
            status=MemberStatus.LEFT,
        ),
    }
    session.add_all(rows.values())
    await session.flush()
    return {key: Actor.of(member) for key, member in rows.items()}


async def test_only_the_committees_own_members_change_its_names(session: AsyncSession) -> None:
    committee_id, cell_id = await _committee_and_cell(session)
    people = await _people(session, committee_id, cell_id)
    for who in ("secretary", "member", "other_committee", "left_committee"):
        with pytest.raises(PermissionDenied):
            await update_committee(session, people[who], committee_id, symbol="ĐU")
        with pytest.raises(PermissionDenied):
            await committee_names(session, people[who], committee_id)

    names = await update_committee(
        session,
        people["committee"],
        committee_id,
        executive_name=unicodedata.normalize("NFD", " Đảng ủy phường Ngô Quyền (khóa mới) "),
        upper_unit="",
        locality="Vĩnh Yên",
    )
    assert names.executive_name == "Đảng ủy phường Ngô Quyền (khóa mới)"
    assert (names.upper_unit, names.locality, names.symbol) == ("", "Vĩnh Yên", "ĐU")
    entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "committee.update"))
    assert entry is not None and entry.actor_member_id == people["committee"].member_id
    assert entry.details["before"] == {
        "executive_name": "Đảng ủy phường Ngô Quyền",
        "upper_unit": "Đảng bộ thành phố Vĩnh Yên",
        "locality": "",
    }
    assert entry.details["after"]["upper_unit"] == ""


async def test_bad_committee_names_are_refused_with_a_reason(session: AsyncSession) -> None:
    committee_id, _ = await _committee_and_cell(session)
    await create_committee(session, OPERATOR, "Đảng bộ phường Liên Bảo")
    cases = [
        ({"symbol": "Đ U"}, "error-unit-symbol-format"),
        ({"symbol": "ĐU/"}, "error-unit-symbol-format"),
        ({"symbol": "Đ" * 17}, "error-unit-symbol-format"),
        ({"symbol": "  "}, "error-unit-symbol-empty"),
        ({"name": "Đảng bộ phường Liên Bảo"}, "error-committee-name-taken"),
        ({"executive_name": "  "}, "error-text-empty"),
        ({"upper_unit": "x" * 201}, "error-text-too-long"),
        ({"locality": "🏛🏛"}, "error-text-no-letters"),
    ]
    for change, msg_id in cases:
        with pytest.raises(DomainError) as caught:
            await update_committee(session, OPERATOR, committee_id, **change)
        assert caught.value.msg_id == msg_id, change
    stored = await session.get(Committee, committee_id)
    assert stored is not None
    assert (stored.name, stored.symbol) == ("Đảng bộ phường Ngô Quyền", "ĐU")


async def test_a_cells_leaders_set_its_heading_lines_others_cannot(
    session: AsyncSession,
) -> None:
    committee_id, cell_id = await _committee_and_cell(session, committee_locality="Vĩnh Yên")
    people = await _people(session, committee_id, cell_id)
    for who in ("member", "other_secretary", "committee"):
        with pytest.raises(PermissionDenied):
            await update_cell_names(session, people[who], cell_id, locality="Hà Nội")

    names = await cell_names(session, people["deputy"], cell_id)
    assert (names.printed_upper_unit, names.printed_locality) == (
        "Đảng bộ phường Ngô Quyền",
        "Vĩnh Yên",
    )
    names = await update_cell_names(
        session, people["secretary"], cell_id, locality=" Ngô \n Quyền ", upper_unit="Đảng bộ X"
    )
    assert (names.locality, names.upper_unit) == ("Ngô Quyền", "Đảng bộ X")
    names = await update_cell_names(session, people["deputy"], cell_id, upper_unit="")
    assert names.printed_upper_unit == "Đảng bộ phường Ngô Quyền"
    entries = list(
        await session.scalars(select(AuditEntry).where(AuditEntry.action == "cell.names"))
    )
    assert [e.actor_member_id for e in entries] == [
        people["secretary"].member_id,
        people["deputy"].member_id,
    ]
    assert entries[1].details["before"]["upper_unit"] == "Đảng bộ X"
    with pytest.raises(DomainError) as caught:
        await update_cell_names(session, people["secretary"], cell_id, locality="x" * 101)
    assert caught.value.msg_id == "error-text-too-long"


async def test_create_committee_with_every_name_given(session: AsyncSession) -> None:
    committee = await create_committee(
        session,
        OPERATOR,
        "Đảng bộ thành phố Vĩnh Yên",
        executive_name="Thành ủy Vĩnh Yên",
        upper_unit="Đảng bộ tỉnh Vĩnh Phúc",
        symbol="tu",
        locality="Vĩnh Yên",
    )
    assert (committee.name, committee.executive_name, committee.symbol) == (
        "Đảng bộ thành phố Vĩnh Yên",
        "Thành ủy Vĩnh Yên",
        "TU",
    )
    with pytest.raises(DomainError) as caught:
        await create_committee(session, OPERATOR, "Đảng ủy thành phố Vĩnh Yên")
    assert caught.value.msg_id == "error-committee-name-taken"
