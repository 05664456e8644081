"""Every cell of a roster file, csv or xlsx: rows kept clean, or the file refused row by row."""

from __future__ import annotations

import csv
import io
import unicodedata

from hypothesis import event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from domain.errors import DomainError
from domain.importing import ImportRejected, MemberRow, parse_member_file
from domain.text import FULL_NAME, is_control
from locales import html, t, translator
from tests.fuzz.nasty import is_nfc, joined, telegram_text, typed

HEADERS = ("Họ và tên", "Đảng viên", "Chức vụ", "Số điện thoại")


def spellings(title: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        (title, title.upper(), f"  {title} *", unicodedata.normalize("NFD", title))
    )


header = st.one_of(
    st.tuples(*(spellings(title) for title in HEADERS)).map(list),
    st.lists(st.one_of(st.sampled_from(HEADERS), joined), min_size=1, max_size=5),
)
name_cell = st.one_of(
    st.sampled_from(("Nguyễn Văn An", "Lê Thị Bình", unicodedata.normalize("NFD", "Trần Hòa"))),
    st.sampled_from(("Đỗ <b>Minh</b>", "A & B", "Hà\x00 Nội", "🎉 Lan")),
    typed(FULL_NAME),
)
status_cell = st.one_of(
    st.sampled_from(("chính thức", "Dự bị", "DỰ BỊ", "đảng viên chính thức")),
    st.sampled_from(("", "chinh thuc", "<b>", "&")),
    joined,
)
role_cell = st.one_of(st.sampled_from(("", "Bí thư", "phó bí thư", "Chi ủy viên")), joined)
phone_cell = st.one_of(
    st.sampled_from(("", "0912 345 678", "+84 912.345.678", "912345678", "12345")), joined
)
row = st.tuples(name_cell, status_cell, role_cell, phone_cell).map(list)
table = st.tuples(header, st.lists(row, max_size=5)).map(lambda parts: [parts[0], *parts[1]])


def csv_bytes(rows: list[list[str]], delimiter: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for values in rows:  # a spreadsheet cannot hold control characters at all
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) for value in values])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def assert_refusal_reads_well(error: DomainError) -> None:
    problems = error.problems if isinstance(error, ImportRejected) else ()
    for problem in (error, *problems):
        assert translator().has(problem.msg_id), problem.msg_id
        t(problem.msg_id, **problem.args_)
        telegram_text(html(problem.msg_id, **problem.args_))


def assert_rows_clean(rows: list[MemberRow]) -> None:
    assert rows
    for member in rows:
        name = member.full_name
        assert is_nfc(name) and name == name.strip()
        assert FULL_NAME.min_length <= len(name) <= FULL_NAME.max_length
        assert not any(is_control(ch) for ch in name)
        assert member.phone is None or (member.phone.isdigit() and member.phone[0] == "0")


def parse(data: bytes, filename: str) -> None:
    try:
        rows = parse_member_file(data, filename)
    except DomainError as error:
        event(f"refused: {error.msg_id}")
        assert_refusal_reads_well(error)
    else:
        event("kept")
        assert_rows_clean(rows)


@settings(max_examples=150, deadline=None)
@given(table, st.sampled_from((",", ";", "\t")))
def test_every_csv_cell_is_kept_clean_or_refused_clearly(rows: list[list[str]], sep: str) -> None:
    parse(csv_bytes(rows, sep), "danh-sach.csv")


@settings(max_examples=40, deadline=None)
@given(table)
def test_every_xlsx_cell_is_kept_clean_or_refused_clearly(rows: list[list[str]]) -> None:
    parse(xlsx_bytes(rows), "danh-sach.xlsx")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(("a.csv", "a.xlsx", "a.ods", "A.CSV")))
def test_any_bytes_as_a_roster_file_are_refused_clearly(data: bytes, filename: str) -> None:
    parse(data, filename)


def test_a_roster_with_nasty_names_keeps_them_in_nfc() -> None:
    name = unicodedata.normalize("NFD", "  Phạm <b>Thị</b> & Hoa\x00 ")
    rows = parse_member_file(csv_bytes([list(HEADERS), [name, "chính thức", "", ""]], ","), "a.csv")
    assert [r.full_name for r in rows] == ["Phạm <b>Thị</b> & Hoa"]
    assert is_nfc(rows[0].full_name)


@settings(max_examples=120, deadline=None)
@given(
    name_cell,
    st.sampled_from(("chính thức", "Dự bị")),
    st.one_of(st.just(""), role_cell),
    st.one_of(st.just(""), phone_cell),
)
def test_one_nasty_row_among_good_ones(name: str, status: str, role: str, phone: str) -> None:
    good = ["Nguyễn Văn An", "chính thức", "", ""]
    parse(csv_bytes([list(HEADERS), good, [name, status, role, phone]], ","), "a.csv")
