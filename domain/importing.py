"""Importing a cell's member roster from the secretary's spreadsheet (xlsx or csv).

All or nothing: every row is checked first, against the other rows and against the
database, and one bad row means nothing is written. Row numbers are the ones the
secretary sees in the spreadsheet (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import Acting, actor_id, authorize, record
from domain.cells import get_cell
from domain.errors import DomainError
from domain.members import (
    check_role_grant,
    current_members,
    insert_member,
    normalize_phone,
    same_person,
)
from domain.permissions import Action
from domain.text import FULL_NAME, clean, normalize
from domain.vocabulary import PartyStatus, Role
from storage.models import Member

MAX_ROWS = 5000
# Header spellings, compared without case, diacritics or extra spaces.
FULL_NAME_HEADERS = frozenset({"ho va ten", "ho ten", "ho va ten dang vien", "full name", "name"})
PARTY_STATUS_HEADERS = frozenset(
    {"dang vien", "loai dang vien", "tinh trang", "tinh trang dang vien", "party status"}
)
ROLE_HEADERS = frozenset({"chuc vu", "chuc vu dang", "vai tro", "chuc danh", "role"})
PHONE_HEADERS = frozenset({"so dien thoai", "dien thoai", "sdt", "so dt", "phone"})
PARTY_STATUSES = {
    "chinh thuc": PartyStatus.OFFICIAL,
    "dang vien chinh thuc": PartyStatus.OFFICIAL,
    "official": PartyStatus.OFFICIAL,
    "du bi": PartyStatus.PROBATIONARY,
    "dang vien du bi": PartyStatus.PROBATIONARY,
    "probationary": PartyStatus.PROBATIONARY,
}
ROLES = {
    "": Role.MEMBER,
    "dang vien": Role.MEMBER,
    "member": Role.MEMBER,
    "pho bi thu": Role.DEPUTY,
    "pho bi thu chi bo": Role.DEPUTY,
    # Members of a cell committee (chi ủy) see the cell as deputies do.
    "chi uy vien": Role.DEPUTY,
    "deputy": Role.DEPUTY,
    "bi thu": Role.SECRETARY,
    "bi thu chi bo": Role.SECRETARY,
    "secretary": Role.SECRETARY,
}
# What a rejected full name means in a row, one message per reason.
_NAME_PROBLEMS = {
    "error-text-empty": "error-import-name-missing",
    "error-text-no-letters": "error-import-name-no-letters",
    "error-text-too-short": "error-import-name-too-short",
    "error-text-too-long": "error-import-name-too-long",
}


@dataclass(frozen=True)
class MemberRow:
    """One checked row of a roster file."""

    row: int
    full_name: str
    party_status: PartyStatus
    role: Role
    phone: str | None


class ImportRejected(DomainError):
    """The file was refused; ``problems`` names every bad row (each a ``DomainError``)."""

    def __init__(self, problems: Sequence[DomainError]) -> None:
        super().__init__("error-import-rejected", count=len(problems))
        self.problems = tuple(problems)


def fold(text: str) -> str:
    """Lower case without diacritics and with single spaces: how headers and values match."""
    decomposed = unicodedata.normalize("NFD", normalize(text).replace("đ", "d").replace("Đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("*", " ").replace(":", " ").split())


def parse_member_file(source: Path | bytes, filename: str | None = None) -> list[MemberRow]:
    """Read and check every row of an xlsx or csv roster; raise ``ImportRejected`` on any
    bad row, or a ``DomainError`` when the file itself cannot be read."""
    name = filename or (source.name if isinstance(source, Path) else "")
    data = source.read_bytes() if isinstance(source, Path) else source
    suffix = Path(name).suffix.casefold()
    if suffix == ".xlsx":
        table = _xlsx_rows(data)
    elif suffix == ".csv":
        table = _csv_rows(data)
    else:
        raise DomainError("error-import-format", filename=name)
    return check_rows(table)


def check_rows(table: Iterable[tuple[int, list[str]]]) -> list[MemberRow]:
    """Rows numbered as in the file, the first non-empty one being the header."""
    lines = iter(table)
    header = next(lines, None)
    if header is None:
        raise DomainError("error-import-no-header")
    columns = _columns(header[1])
    rows: list[MemberRow] = []
    problems: list[DomainError] = []
    for number, cells in lines:
        try:
            rows.append(_member_row(number, cells, columns))
        except DomainError as problem:
            problems.append(problem)
        if len(rows) + len(problems) > MAX_ROWS:
            raise DomainError("error-import-too-many", max=MAX_ROWS)
    problems.extend(_duplicates_in_file(rows))
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: int(p.args_["row"])))
    if not rows:
        raise DomainError("error-import-empty")
    return rows


async def import_members(
    session: AsyncSession,
    acting: Acting,
    cell_id: int,
    rows: Sequence[MemberRow],
    now: datetime,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Member]:
    """Add every row to the cell, or none: rows clashing with the cell are all reported first.

    The caller owns the transaction and rolls it back on any error."""
    authorize(acting, Action.MANAGE_MEMBERS, cell_id=cell_id)
    await get_cell(session, cell_id)
    for role in {row.role for row in rows}:
        check_role_grant(acting, role, cell_id)
    existing = await current_members(session, cell_id)
    problems = _clashes_with_cell(rows, existing)
    if problems:
        raise ImportRejected(problems)
    members: list[Member] = []
    for row in rows:
        members.append(
            await insert_member(
                session,
                cell_id=cell_id,
                full_name=row.full_name,
                party_status=row.party_status,
                role=row.role,
                phone=row.phone,
                now=now,
            )
        )
        if on_progress is not None:
            on_progress(len(members), len(rows))
    record(
        session,
        actor_id(acting),
        "member.import",
        "cell",
        cell_id,
        count=len(members),
        member_ids=[m.id for m in members],
    )
    return members


def _columns(header: list[str]) -> dict[str, int]:
    wanted = {
        "full_name": FULL_NAME_HEADERS,
        "party_status": PARTY_STATUS_HEADERS,
        "role": ROLE_HEADERS,
        "phone": PHONE_HEADERS,
    }
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        for field, spellings in wanted.items():
            if fold(title) in spellings and field not in columns:
                columns[field] = index
    if "full_name" not in columns:
        raise DomainError("error-import-missing-full-name")
    if "party_status" not in columns:
        raise DomainError("error-import-missing-party-status")
    return columns


def _member_row(number: int, cells: list[str], columns: dict[str, int]) -> MemberRow:
    def value(field: str) -> str:
        index = columns.get(field)
        return normalize(cells[index]) if index is not None and index < len(cells) else ""

    try:
        full_name = clean(value("full_name"), FULL_NAME)
    except DomainError as problem:
        raise DomainError(_NAME_PROBLEMS[problem.msg_id], row=number, **problem.args_) from None
    status_text = value("party_status")
    if not status_text:
        raise DomainError("error-import-party-status-missing", row=number)
    party_status = PARTY_STATUSES.get(fold(status_text))
    if party_status is None:
        raise DomainError("error-import-party-status-unknown", row=number, value=status_text)
    role = ROLES.get(fold(value("role")))
    if role is None:
        raise DomainError("error-import-role-unknown", row=number, value=value("role"))
    try:
        phone = normalize_phone(value("phone"))
    except DomainError:
        raise DomainError("error-import-phone", row=number, value=value("phone")) from None
    return MemberRow(number, full_name, party_status, role, phone)


def _duplicates_in_file(rows: Sequence[MemberRow]) -> Iterator[DomainError]:
    seen: list[MemberRow] = []
    secretary: MemberRow | None = None
    for row in rows:
        first = next(
            (s for s in seen if same_person(row.full_name, row.phone, s.full_name, s.phone)),
            None,
        )
        if first is not None:
            yield DomainError(
                "error-import-duplicate-in-file", row=row.row, other=first.row, name=row.full_name
            )
        seen.append(row)
        if row.role is Role.SECRETARY:
            if secretary is not None:
                yield DomainError("error-import-second-secretary", row=row.row, other=secretary.row)
            secretary = secretary or row


def _clashes_with_cell(rows: Sequence[MemberRow], existing: Sequence[Member]) -> list[DomainError]:
    problems: list[DomainError] = []
    has_secretary = any(m.role is Role.SECRETARY for m in existing)
    for row in rows:
        if any(same_person(row.full_name, row.phone, m.full_name, m.phone) for m in existing):
            problems.append(
                DomainError("error-import-duplicate-in-cell", row=row.row, name=row.full_name)
            )
        if row.role is Role.SECRETARY and has_secretary:
            problems.append(DomainError("error-import-cell-has-secretary", row=row.row))
    return problems


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number typed as a number comes back as 912345678.0
    return str(value)


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise DomainError("error-import-unreadable") from None
    try:
        sheet = workbook.worksheets[0]
        rows = [
            (number, [_cell_text(v) for v in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()
    return _non_blank(rows)


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError("error-import-encoding") from None
    first_line = text.split("\n", 1)[0]
    # Excel in Vietnamese locales saves "CSV" with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # line_num, not a record count: a quoted cell may span lines.
        rows = [(reader.line_num, values) for values in reader]
    except csv.Error:
        raise DomainError("error-import-unreadable") from None
    return _non_blank(rows)


def _non_blank(rows: Iterable[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    for number, values in rows:
        if any(normalize(v) for v in values):
            yield number, values
