"""``chibo year show|import|export``: a good file, the bad files an operator writes, a
refused change that writes nothing, a committee's own beside the national default."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from domain import years
from domain.permissions import Actor
from domain.plans import add_item_at, find_plan
from domain.vocabulary import Role
from storage.models import Cell, Committee, Member, PlanSection, YearConfig
from tests.conftest import BACKENDS, _admin_now, postgres_server_url

from .conftest import Invoke

NOW = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)
FILE = """\
year = 2026
theme = "Học tập và làm theo Bác về xây dựng Đảng trong sạch, vững mạnh"
plan_title = "thuc-hanh"
registration_opens = 2026-01-02
registration_due = 2026-01-31

[[sections]]
position = 1
title = "Học tập, quán triệt chuyên đề năm"
guidance = "Đọc tài liệu, viết thu hoạch."
example = "Viết bài thu hoạch trước 30/4"

[[sections]]
position = 2
title = "Việc làm cụ thể"
"""


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The CLI's database: the test's SQLite file, or a PostgreSQL database of its own."""
    if request.param == "sqlite":
        yield "sqlite"
        return
    name = f"chibo_years_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    _admin_now(f'CREATE DATABASE "{name}"')
    url = make_url(postgres_server_url()).set(database=name)
    monkeypatch.setenv("CHIBO_DATABASE_URL", url.render_as_string(hide_password=False))
    try:
        yield "postgresql"
    finally:
        _admin_now(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def write(tmp_path: Path, text: str, name: str = "nam.toml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


async def configs(session: AsyncSession) -> list[tuple[int, int | None, str, int]]:
    rows = await session.execute(
        select(
            YearConfig.year, YearConfig.committee_id, YearConfig.theme, func.count(PlanSection.id)
        )
        .outerjoin(PlanSection, PlanSection.year_config_id == YearConfig.id)
        .group_by(YearConfig.id)
        .order_by(YearConfig.id)
    )
    return [(year, committee, theme, sections) for year, committee, theme, sections in rows]


def test_show_before_any_setup_is_the_template(chibo: Invoke, backend: str) -> None:
    shown = chibo("year", "show", "2026")
    assert shown.exit_code == 0, shown.output
    assert f"Mẫu có sẵn, phiên bản {years.template()[0]}" in shown.stdout
    assert "Trách nhiệm nêu gương" in shown.stdout
    assert "(chưa đặt)" in shown.stdout


def test_import_show_export_round_trip(chibo: Invoke, db, backend: str, tmp_path: Path) -> None:
    imported = chibo("year", "import", write(tmp_path, FILE))
    assert imported.exit_code == 0, imported.output
    assert "Đã lưu cấu hình năm 2026 (Cấu hình chung): 2 phần." in imported.stdout
    shown = chibo("year", "show", "2026")
    assert "Cấu hình riêng" in shown.stdout
    assert "học tập, làm theo và thực hành tư tưởng" in shown.stdout
    assert "Mở từ 02/01/2026, hạn 31/01/2026" in shown.stdout

    exported = chibo("year", "export", "2026")
    assert exported.exit_code == 0, exported.output
    assert exported.stdout.startswith("# Cấu hình kế hoạch năm 2026")
    assert years.parse_year_file(exported.stdout) == years.parse_year_file(FILE)
    out = tmp_path / "ra.toml"
    assert chibo("year", "export", "2026", "--out", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == exported.stdout
    again = chibo("year", "import", str(out))
    assert again.exit_code == 0, again.output
    assert chibo("year", "export", "2026").stdout == exported.stdout
    assert db(configs) == [
        (2026, None, "Học tập và làm theo Bác về xây dựng Đảng trong sạch, vững mạnh", 2)
    ]


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (
            ('plan_title = "thuc-hanh"', 'plan_title = "thuc-hanh"\nchu_de = "x"'),
            "Trường «chu_de» không có trong mẫu tệp; các trường dùng được: year, theme, "
            "plan_title, registration_opens, registration_due, sections.",
        ),
        (
            ("position = 2", "position = 1"),
            "Trường «sections[2].position»: số thứ tự 1 đã dùng cho một phần khác.",
        ),
        (('title = "Việc làm cụ thể"', ""), "Thiếu trường «sections[2].title»."),
        (
            ("2026-01-31", '"32/01/2026"'),
            "Trường «registration_due»: «32/01/2026» không phải là ngày hợp lệ; "
            'ghi dạng 2026-01-31 hoặc "31/01/2026".',
        ),
        (("year = 2026", "year = 2026 ="), "Tệp không đúng cú pháp TOML ở dòng 1, cột 13."),
    ],
)
def test_a_bad_file_gets_one_line_and_writes_nothing(
    chibo: Invoke, db, tmp_path: Path, change: tuple[str, str], line: str
) -> None:
    assert chibo("migrate").exit_code == 0
    text = FILE.replace(*change, 1)
    assert text != FILE
    result = chibo("year", "import", write(tmp_path, text))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [line]
    assert "Traceback" not in result.output
    assert db(configs) == []


def test_a_missing_file_and_an_unknown_committee(chibo: Invoke, db, tmp_path: Path) -> None:
    assert chibo("migrate").exit_code == 0
    missing = chibo("year", "import", str(tmp_path / "khong-co.toml"))
    assert missing.exit_code == 1
    assert missing.stderr.startswith(f"Không đọc được tệp {tmp_path / 'khong-co.toml'}")
    unknown = chibo("year", "import", write(tmp_path, FILE), "--committee", "9")
    assert unknown.exit_code == 1
    assert unknown.stderr.strip() == "Không tìm thấy đảng ủy số 9."
    assert db(configs) == []


async def _member_with_a_plan_in_section_2(session: AsyncSession) -> str:
    """A member of a cell of committee 1 registers an item in section 2."""
    async with session.begin():
        cell = Cell(name="Chi bộ khu phố 3", committee_id=1)
        session.add(cell)
        await session.flush()
        member = Member(full_name="Lê Văn Cường", role=Role.MEMBER, cell_id=cell.id)
        session.add(member)
        await session.flush()
        await add_item_at(session, Actor.of(member), 2026, 2, "Dọn vệ sinh mỗi Chủ nhật", NOW)
        return member.full_name


async def _plan_of_member(session: AsyncSession) -> tuple[str, list[str]]:
    member = await session.scalar(select(Member))
    assert member is not None
    plan = await find_plan(session, Actor.of(member), 2026)
    assert plan is not None
    return plan.theme, [plan.section(i.section_id).title for i in plan.items]


def test_a_committee_override_and_a_refused_removal(
    chibo: Invoke, db, backend: str, tmp_path: Path
) -> None:
    assert chibo("committee", "create", "Đảng ủy phường Ngô Quyền").exit_code == 0
    assert chibo("year", "import", write(tmp_path, FILE)).exit_code == 0
    own = FILE.replace("Học tập và làm theo Bác", "Phường Ngô Quyền học tập và làm theo Bác")
    imported = chibo("year", "import", write(tmp_path, own, "phuong.toml"), "--committee", "1")
    assert imported.exit_code == 0, imported.output
    assert "(Đảng bộ phường Ngô Quyền): 2 phần." in imported.stdout
    db(_member_with_a_plan_in_section_2)
    theme, sections = db(_plan_of_member)
    assert theme.startswith("Phường Ngô Quyền") and sections == ["Việc làm cụ thể"]
    assert "Phường Ngô Quyền" in chibo("year", "show", "2026", "--committee", "1").stdout
    assert "Phường Ngô Quyền" not in chibo("year", "show", "2026").stdout

    # Section 2 is used by a plan: renaming it is fine, dropping it is refused whole.
    without = own.split("[[sections]]\nposition = 2")[0].replace("Bác về", "Bác, năm mới, về")
    refused = chibo(
        "year", "import", write(tmp_path, without, "bo-phan-2.toml"), "--committee", "1"
    )
    assert refused.exit_code == 1
    assert refused.stderr.strip().splitlines() == [
        "Phần 2 «Việc làm cụ thể» đang có việc trong 1 kế hoạch của đảng viên nên không bỏ "
        "được (đổi tên thì được); chưa ghi thay đổi nào."
    ]
    assert db(_plan_of_member)[0] == theme  # the theme was not changed either
    renamed = own.replace('title = "Việc làm cụ thể"', 'title = "Việc làm cụ thể, mô hình"')
    assert (
        chibo(
            "year", "import", write(tmp_path, renamed, "doi-ten.toml"), "--committee", "1"
        ).exit_code
        == 0
    )
    assert db(_plan_of_member)[1] == ["Việc làm cụ thể, mô hình"]
    assert sorted((c[1] or 0, c[3]) for c in db(configs)) == [(0, 2), (1, 2)]
    committees = db(lambda s: s.scalar(select(func.count()).select_from(Committee)))
    assert committees == 1
