"""A year's setup: the built-in template on a fresh install, a committee's own beside the
national default, sections matched by position, who may change what."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain import plans, years
from domain.audit import OPERATOR
from domain.errors import DomainError, PermissionDenied
from domain.permissions import Actor
from domain.vocabulary import MemberStatus, PlanStatus, Role
from storage.models import (
    AuditEntry,
    Cell,
    Committee,
    Member,
    PlanItem,
    PlanSection,
    PlanWording,
    YearConfig,
    YearPlan,
)

Db = async_sessionmaker[AsyncSession]
NOW = datetime(2026, 1, 10, 2, 0, tzinfo=UTC)
YEAR = 2026


class Org:
    """A committee with one cell, and one cell without a committee; a few people."""

    committee_id: int
    other_committee_id: int
    member: Actor  # cell A, in the committee
    deputy: Actor  # cell A
    secretary: Actor  # cell A
    loner: Actor  # cell B, no committee
    loner_secretary: Actor  # cell B
    loner_deputy: Actor  # cell B
    committee: Actor
    other_committee: Actor


async def build(db: Db) -> Org:
    org = Org()
    async with db() as session, session.begin():
        committee = Committee(name="Đảng bộ phường Ngô Quyền")
        other = Committee(name="Đảng bộ xã Thanh Trù")
        session.add_all([committee, other])
        await session.flush()
        cell_a = Cell(name="Chi bộ khu phố 3", committee_id=committee.id)
        cell_b = Cell(name="Chi bộ thôn Đông")
        session.add_all([cell_a, cell_b])
        await session.flush()

        async def person(name: str, role: Role, cell: Cell | None, committee_id: int | None = None):
            row = Member(
                full_name=name,
                role=role,
                cell_id=cell.id if cell else None,
                committee_id=committee_id,
                status=MemberStatus.ACTIVE,
            )
            session.add(row)
            await session.flush()
            return Actor.of(row)

        org.committee_id, org.other_committee_id = committee.id, other.id
        org.member = await person("Lê Văn Cường", Role.MEMBER, cell_a)
        org.deputy = await person("Trần Thị Bình", Role.DEPUTY, cell_a)
        org.secretary = await person("Nguyễn Văn An", Role.SECRETARY, cell_a)
        org.loner = await person("Phạm Thị Dung", Role.MEMBER, cell_b)
        org.loner_secretary = await person("Hoàng Văn Em", Role.SECRETARY, cell_b)
        org.loner_deputy = await person("Đỗ Thị Phương", Role.DEPUTY, cell_b)
        org.committee = await person("Vũ Thị Giang", Role.COMMITTEE, None, committee.id)
        org.other_committee = await person("Bùi Văn Hải", Role.COMMITTEE, None, other.id)
    return org


@pytest.fixture
async def org(session_factory: Db) -> Org:
    return await build(session_factory)


def spec(theme: str, *titles: str, wording: PlanWording = PlanWording.FOLLOW) -> years.YearSpec:
    return years.YearSpec(
        theme=theme,
        wording=wording,
        sections=tuple(
            years.SectionSpec(n, title, f"Hướng dẫn {n}", f"Ví dụ {n}")
            for n, title in enumerate(titles, 1)
        ),
    )


async def count(session: AsyncSession, model: type) -> int:
    return await session.scalar(select(func.count()).select_from(model)) or 0


# --------------------------------------------------------------------------- the template


def test_the_template_has_the_five_usual_sections_each_with_guidance_and_an_example() -> None:
    version, template = years.template()
    assert version >= 1
    assert [s.title for s in template.sections] == [
        "Học tập, quán triệt chuyên đề năm",
        "Tu dưỡng, rèn luyện đạo đức, lối sống",
        "Thực hiện chức trách, nhiệm vụ được giao",
        "Trách nhiệm nêu gương",
        "Việc làm cụ thể, mô hình đăng ký",
    ]
    assert [s.position for s in template.sections] == [1, 2, 3, 4, 5]
    assert all(s.guidance and s.example for s in template.sections)
    assert template.wording is PlanWording.FOLLOW and template.theme == ""


async def test_a_fresh_install_registers_plans_in_the_template_sections(
    session_factory: Db, org: Org
) -> None:
    async with session_factory() as session, session.begin():
        assert await plans.find_plan(session, org.member, YEAR) is None
        outline = await plans.year_outline(session, org.member, YEAR)
        shown = await years.view_setup(session, org.secretary, YEAR, org.committee_id)
        # Reading writes nothing.
        assert await count(session, YearConfig) == 0
    assert outline.source is years.Source.TEMPLATE and outline.theme == ""
    assert [s.title for s in outline.sections] == [s.title for s in years.template()[1].sections]
    assert shown.source is years.Source.TEMPLATE

    async with session_factory() as session, session.begin():
        await plans.add_item_at(session, org.member, YEAR, 5, "Tham gia Tuyến phố không rác", NOW)
        await plans.add_item_at(session, org.loner, YEAR, 1, "Đọc tài liệu chuyên đề năm", NOW)
        plan = await plans.submit_plan(session, org.member, YEAR, NOW)
    assert plan.status is PlanStatus.SUBMITTED and plan.theme == ""
    assert [s.title for s in plan.sections] == [s.title for s in outline.sections]
    assert [(plan.section(i.section_id).position, i.text) for i in plan.items] == [
        (5, "Tham gia Tuyến phố không rác")
    ]
    async with session_factory() as session:
        configs = list(await session.scalars(select(YearConfig)))
        sections = await count(session, PlanSection)
        audit = list(await session.scalars(select(AuditEntry.action)))
        bound = set(await session.scalars(select(YearPlan.year_config_id)))
    # One national default written for both cells, from the template, once.
    assert [(c.year, c.committee_id) for c in configs] == [(YEAR, None)]
    assert sections == 5 and bound == {configs[0].id}
    assert audit.count("year.template") == 1


# --------------------------------------------------------------------------- committees


async def test_a_committee_override_beside_the_national_default(
    session_factory: Db, org: Org
) -> None:
    async with session_factory() as session, session.begin():
        await years.save_setup(
            session, OPERATOR, YEAR, None, spec("Chuyên đề chung", "Học tập", "Việc làm"), NOW
        )
        await years.save_setup(
            session,
            OPERATOR,
            YEAR,
            org.committee_id,
            spec(
                "Chuyên đề của phường",
                "Học tập",
                "Nêu gương",
                "Mô hình",
                wording=PlanWording.PRACTISE,
            ),
            NOW,
        )
    async with session_factory() as session, session.begin():
        mine = await plans.open_plan(session, org.member, YEAR, NOW)
        theirs = await plans.open_plan(session, org.loner, YEAR, NOW)
        other = await years.resolve(session, YEAR, org.other_committee_id)
    assert mine.theme == "Chuyên đề của phường" and mine.wording is PlanWording.PRACTISE
    assert [s.title for s in mine.sections] == ["Học tập", "Nêu gương", "Mô hình"]
    assert "thực hành" in mine.plan_title
    assert theirs.theme == "Chuyên đề chung"
    assert [s.title for s in theirs.sections] == ["Học tập", "Việc làm"]
    # A committee with no setup of its own gets the national default, said so.
    assert other.source is years.Source.NATIONAL and other.theme == "Chuyên đề chung"


async def test_a_committees_first_setup_takes_its_cells_plans_along_by_position(
    session_factory: Db, org: Org
) -> None:
    async with session_factory() as session, session.begin():
        await plans.add_item_at(
            session, org.member, YEAR, 2, "Không dùng điện thoại việc riêng", NOW
        )
        await plans.add_item_at(session, org.loner, YEAR, 2, "Tiết kiệm điện nước", NOW)
    own = spec("Riêng", "Học tập", "Đạo đức, lối sống", "Nhiệm vụ", "Nêu gương", "Mô hình")
    async with session_factory() as session, session.begin():
        await years.save_setup(session, org.committee, YEAR, org.committee_id, own, NOW)
    async with session_factory() as session:
        mine = await plans.find_plan(session, org.member, YEAR)
        theirs = await plans.find_plan(session, org.loner, YEAR)
    assert mine is not None and theirs is not None
    assert mine.theme == "Riêng"
    assert [(mine.section(i.section_id).title, i.text) for i in mine.items] == [
        ("Đạo đức, lối sống", "Không dùng điện thoại việc riêng")
    ]
    # The cell without a committee keeps the national default (the template, stored).
    assert theirs.sections[1].title == "Tu dưỡng, rèn luyện đạo đức, lối sống"
    assert [i.text for i in theirs.items] == ["Tiết kiệm điện nước"]


async def test_a_committee_setup_without_a_section_its_plans_use_is_refused(
    session_factory: Db, org: Org
) -> None:
    async with session_factory() as session, session.begin():
        await plans.add_item_at(session, org.member, YEAR, 5, "Mô hình Dân vận khéo", NOW)
    with pytest.raises(DomainError) as refused:
        async with session_factory() as session, session.begin():
            await years.save_setup(
                session, org.committee, YEAR, org.committee_id, spec("", "Học tập"), NOW
            )
    assert refused.value.msg_id == "error-year-section-in-use"
    assert refused.value.args_["position"] == "5"
    async with session_factory() as session:
        assert await count(session, YearConfig) == 1  # the national default only


# --------------------------------------------------------------------------- editing


async def test_a_section_plans_use_may_be_renamed_not_removed(
    session_factory: Db, org: Org
) -> None:
    three = spec("Chủ đề", "Học tập", "Đạo đức", "Việc làm")
    async with session_factory() as session, session.begin():
        await years.save_setup(session, org.committee, YEAR, org.committee_id, three, NOW)
        await plans.add_item_at(session, org.member, YEAR, 3, "Dọn vệ sinh khu phố", NOW)
    with pytest.raises(DomainError) as refused:
        async with session_factory() as session, session.begin():
            await years.save_setup(
                session,
                org.committee,
                YEAR,
                org.committee_id,
                spec("Chủ đề mới", "Học tập", "Đạo đức"),
                NOW,
            )
    assert refused.value.msg_id == "error-year-section-in-use"
    assert refused.value.args_ == {"position": "3", "title": "Việc làm", "plans": 1}
    async with session_factory() as session:
        setup = await years.resolve(session, YEAR, org.committee_id)
    assert setup.theme == "Chủ đề" and len(setup.sections) == 3  # nothing written

    async with session_factory() as session, session.begin():
        await years.rename_section(
            session, org.committee, YEAR, org.committee_id, 3, "Việc làm cụ thể, mô hình", NOW
        )
        # An unused section may go.
        renamed = await years.resolve(session, YEAR, org.committee_id)
        fewer = replace(
            renamed.spec, sections=tuple(s for s in renamed.spec.sections if s.position != 2)
        )
        await years.save_setup(session, org.committee, YEAR, org.committee_id, fewer, NOW)
        plan = await plans.find_plan(session, org.member, YEAR)
    assert plan is not None
    assert [s.title for s in plan.sections] == ["Học tập", "Việc làm cụ thể, mô hình"]
    assert plan.section(plan.items[0].section_id).title == "Việc làm cụ thể, mô hình"


async def test_moving_a_section_moves_its_items_with_it(session_factory: Db, org: Org) -> None:
    async with session_factory() as session, session.begin():
        await plans.add_item_at(session, org.loner, YEAR, 2, "Không hút thuốc nơi làm việc", NOW)
        # The secretary of a cell without a committee sets the national default.
        moved = await years.move_section(session, org.loner_secretary, YEAR, None, 2, -1, NOW)
        plan = await plans.find_plan(session, org.loner, YEAR)
    assert [s.title for s in moved.sections][:2] == [
        "Tu dưỡng, rèn luyện đạo đức, lối sống",
        "Học tập, quán triệt chuyên đề năm",
    ]
    assert plan is not None
    section = plan.section(plan.items[0].section_id)
    assert (section.position, section.title) == (1, "Tu dưỡng, rèn luyện đạo đức, lối sống")
    async with session_factory() as session, session.begin():
        # The first section cannot go further up: nothing changes.
        again = await years.move_section(session, org.loner_secretary, YEAR, None, 1, -1, NOW)
    assert again.sections == moved.sections


async def test_theme_wording_and_copying_last_year(session_factory: Db, org: Org) -> None:
    last_year = replace(
        spec("Chuyên đề 2025", "Học tập", "Việc làm", wording=PlanWording.PRACTISE),
        opens_on=date(2025, 1, 2),
        due_on=date(2025, 1, 31),
    )
    async with session_factory() as session, session.begin():
        await years.save_setup(session, org.committee, 2025, org.committee_id, last_year, NOW)
        await years.set_theme(
            session, org.committee, YEAR, org.committee_id, "  Chuyên đề 2026  ", NOW
        )
        copied = await years.copy_previous_year(session, org.committee, YEAR, org.committee_id, NOW)
    assert copied.theme == "Chuyên đề 2026"
    assert [s.title for s in copied.sections] == ["Học tập", "Việc làm"]
    assert copied.wording is PlanWording.PRACTISE
    assert (copied.opens_on, copied.due_on) == (date(2026, 1, 2), date(2026, 1, 31))
    async with session_factory() as session, session.begin():
        cleared = await years.set_theme(session, org.committee, YEAR, org.committee_id, " ", NOW)
        worded = await years.set_wording(
            session, org.committee, YEAR, org.committee_id, PlanWording.FOLLOW, NOW
        )
    assert cleared.theme == "" and worded.wording is PlanWording.FOLLOW
    with pytest.raises(DomainError) as too_long:
        async with session_factory() as session, session.begin():
            await years.set_theme(session, org.committee, YEAR, org.committee_id, "a" * 1001, NOW)
    assert too_long.value.msg_id == "error-text-too-long"


# --------------------------------------------------------------------------- who may


@pytest.mark.parametrize(
    ("who", "scope", "view", "edit"),
    [
        ("committee", "own", True, True),
        ("committee", "other", False, False),
        ("committee", "national", False, False),
        ("other_committee", "own", False, False),
        ("secretary", "own", True, False),  # a cell of the committee sees what it asks
        ("deputy", "own", True, False),
        ("member", "own", False, False),
        ("secretary", "national", False, False),  # the cell has a committee
        ("loner_secretary", "national", True, True),  # no committee above the cell
        ("loner_deputy", "national", True, False),
        ("loner_secretary", "own", False, False),
        ("loner", "national", False, False),
    ],
)
async def test_who_may_see_and_change_a_setup(
    session_factory: Db, org: Org, who: str, scope: str, view: bool, edit: bool
) -> None:
    actor: Actor = getattr(org, who)
    committee_id = {
        "own": org.committee_id,
        "other": org.other_committee_id,
        "national": None,
    }[scope]

    async def outcome(work) -> bool:
        try:
            async with session_factory() as session, session.begin():
                await work(session)
        except PermissionDenied:
            return False
        return True

    assert await outcome(lambda s: years.view_setup(s, actor, YEAR, committee_id)) is view
    assert (
        await outcome(lambda s: years.set_theme(s, actor, YEAR, committee_id, "Chủ đề", NOW))
        is edit
    )
    async with session_factory() as session:
        assert await years.may_edit(session, actor, committee_id) is edit
        written = await count(session, YearConfig)
    assert written == (1 if edit else 0)


async def test_a_person_who_left_may_do_nothing(session_factory: Db, org: Org) -> None:
    gone = replace(org.committee, status=MemberStatus.LEFT)
    with pytest.raises(PermissionDenied):
        async with session_factory() as session, session.begin():
            await years.set_theme(session, gone, YEAR, org.committee_id, "Chủ đề", NOW)
    async with session_factory() as session:
        assert await count(session, PlanItem) == 0 and await count(session, YearConfig) == 0


# --------------------------------------------------------------------------- the file format

GOOD = """
year = 2026
theme = "Học tập và làm theo Bác về xây dựng Đảng trong sạch, vững mạnh"
plan_title = "thuc-hanh"
registration_opens = 2026-01-02
registration_due = "31/01/2026"

[[sections]]
position = 2
title = "Việc làm cụ thể"
example = "Tuyến phố không rác"

[[sections]]
position = 1
title = "Học tập chuyên đề"
guidance = \"\"\"Ngắn gọn.
Có thời hạn.\"\"\"
"""


def test_a_good_file_reads_and_round_trips() -> None:
    year, read = years.parse_year_file(GOOD)
    assert year == 2026
    assert read.wording is PlanWording.PRACTISE
    assert (read.opens_on, read.due_on) == (date(2026, 1, 2), date(2026, 1, 31))
    assert [(s.position, s.title) for s in read.sections] == [
        (1, "Học tập chuyên đề"),
        (2, "Việc làm cụ thể"),
    ]
    assert read.sections[0].guidance == "Ngắn gọn.\nCó thời hạn."
    written = years.dump_year_file(year, read, ["Một dòng chú thích", ""])
    assert written.startswith("# Một dòng chú thích\n#\n")
    assert years.parse_year_file(written) == (year, read)


@pytest.mark.parametrize(
    ("change", "msg_id", "args"),
    [
        (
            ("year = 2026", "year = 2026\nthemes = 'x'"),
            "error-year-file-unknown-field",
            {"field": "themes"},
        ),
        (
            ("example = ", "exemple = "),
            "error-year-file-unknown-field",
            {"field": "sections[1].exemple"},
        ),
        (
            ("position = 2", "position = 1"),
            "error-year-file-duplicate-position",
            {"field": "sections[2].position", "position": "1"},
        ),
        (
            ('title = "Học tập chuyên đề"', ""),
            "error-year-file-missing",
            {"field": "sections[2].title"},
        ),
        (
            ('title = "Việc làm cụ thể"', 'title = "  "'),
            "error-year-file-field",
            {"field": "sections[1].title"},
        ),
        (
            ("position = 2", "position = 0"),
            "error-year-file-position",
            {"field": "sections[1].position"},
        ),
        (
            ("position = 2", "position = '2'"),
            "error-year-file-not-integer",
            {"field": "sections[1].position"},
        ),
        (('"31/01/2026"', '"31/02/2026"'), "error-year-file-date", {"field": "registration_due"}),
        (('"31/01/2026"', "2025-12-31"), "error-year-file-window", {}),
        (('"thuc-hanh"', '"lam theo"'), "error-year-file-wording", {"field": "plan_title"}),
        (("year = 2026", "year = 1990"), "error-year-out-of-range", {"year": "1990"}),
        (("year = 2026", ""), "error-year-file-missing", {"field": "year"}),
        (("year = 2026", "year = 2026\nyear = 2027"), "error-year-file-syntax-at", {"line": "3"}),
    ],
)
def test_a_bad_file_is_refused_with_the_field_named(
    change: tuple[str, str], msg_id: str, args: dict[str, str]
) -> None:
    text = GOOD.replace(*change, 1)
    assert text != GOOD
    with pytest.raises(DomainError) as refused:
        years.parse_year_file(text)
    assert refused.value.msg_id == msg_id
    assert args.items() <= refused.value.args_.items()


def test_a_file_without_sections_or_with_too_many() -> None:
    head = GOOD.split("[[sections]]")[0]
    with pytest.raises(DomainError) as none:
        years.parse_year_file(head)
    assert none.value.args_ == {"field": "sections"}
    many = head + "".join(
        f'[[sections]]\nposition = {n}\ntitle = "Phần {n}"\n' for n in range(1, 14)
    )
    with pytest.raises(DomainError) as too_many:
        years.parse_year_file(many)
    assert too_many.value.msg_id == "error-year-file-section-count"
