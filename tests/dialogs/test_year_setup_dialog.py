"""The year's setup in chat: a fresh install's plan window, a committee setting its theme
and sections, a cell's secretary who may only look, the theme at the top of the plan."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs.common import short
from domain import years
from domain.clock import FixedClock
from domain.vocabulary import Role
from locales import t
from storage.models import Cell, Committee, Member, PlanItem, YearConfig
from tests.dialogs.harness import Chat
from tests.dialogs.seed import NOW

Db = async_sessionmaker[AsyncSession]
SECRETARY_A, MEMBER_A, COMMITTEE, SECRETARY_B, MEMBER_B = 5001, 5002, 5003, 5004, 5005
TEMPLATE = [s.title for s in years.template()[1].sections]


@dataclass(frozen=True)
class Org:
    committee_id: int
    member_a: int


@pytest.fixture
async def org(session_factory: Db) -> Org:
    """A committee with cell A; cell B without a committee; nothing set up for any year."""
    async with session_factory() as session, session.begin():
        committee = Committee(name="Đảng bộ phường Ngô Quyền")
        session.add(committee)
        await session.flush()
        cell_a = Cell(name="Chi bộ khu phố 3", committee_id=committee.id)
        cell_b = Cell(name="Chi bộ thôn Đông")
        session.add_all([cell_a, cell_b])
        await session.flush()
        people = [
            Member(full_name="Nguyễn Văn An", telegram_id=SECRETARY_A, cell_id=cell_a.id,
                   role=Role.SECRETARY),
            Member(full_name="Lê Văn Cường", telegram_id=MEMBER_A, cell_id=cell_a.id),
            Member(full_name="Vũ Thị Giang", telegram_id=COMMITTEE, role=Role.COMMITTEE,
                   committee_id=committee.id),
            Member(full_name="Hoàng Văn Em", telegram_id=SECRETARY_B, cell_id=cell_b.id,
                   role=Role.SECRETARY),
            Member(full_name="Phạm Thị Dung", telegram_id=MEMBER_B, cell_id=cell_b.id),
        ]  # fmt: skip
        session.add_all(people)
        await session.flush()
        return Org(committee.id, people[1].id)


async def open_plan(db: Db, telegram_id: int) -> tuple[Chat, str]:
    chat = Chat(db, telegram_id, FixedClock(NOW))
    await chat.send("/start")
    return chat, await chat.press_id("menu-plan")


async def test_a_fresh_install_lets_a_member_register_in_the_template(
    session_factory: Db, org: Org
) -> None:
    chat, text = await open_plan(session_factory, MEMBER_A)
    assert "Kế hoạch năm 2026" in text and "Chuyên đề năm" not in text
    assert chat.captions()[: len(TEMPLATE)] == [
        f"{n}. {short(title, 36)} (0)" for n, title in enumerate(TEMPLATE, 1)
    ]
    async with session_factory() as session:
        assert list(await session.scalars(select(YearConfig))) == []  # opening wrote nothing
    text = await chat.press_matching(r"5\. .*")
    assert f"Phần 5/5: {TEMPLATE[4]}" in text
    assert html.escape(years.template()[1].sections[4].example, quote=False) in text
    text = await chat.send("Tham gia mô hình Tuyến phố không rác mỗi Chủ nhật")
    assert "1. Tham gia mô hình Tuyến phố không rác mỗi Chủ nhật" in text
    async with session_factory() as session:
        configs = [(c.year, c.committee_id) for c in await session.scalars(select(YearConfig))]
        items = list(await session.scalars(select(PlanItem.text)))
    assert configs == [(2026, None)]
    assert items == ["Tham gia mô hình Tuyến phố không rác mỗi Chủ nhật"]


async def test_the_committee_sets_its_theme_and_sections_and_its_members_see_them(
    session_factory: Db, org: Org
) -> None:
    chat = Chat(session_factory, COMMITTEE, FixedClock(NOW))
    await chat.send("/start")
    await chat.press_id("com-menu")
    text = await chat.press_id("year-menu-button")
    assert "Cấu hình kế hoạch năm 2026</b> › Đảng bộ phường Ngô Quyền" in text
    assert t("year-source-template") in text
    await chat.press_id("year-theme-button")
    text = await chat.send("Học tập và làm theo Bác <về> xây dựng Đảng trong sạch, vững mạnh")
    assert t("year-theme-saved", year="2026") in text
    assert "Chuyên đề năm: <i>Học tập và làm theo Bác &lt;về&gt; xây dựng Đảng" in text
    assert t("year-source-own-committee") in text
    # Rename section 1, then move section 2 above it.
    await chat.press_matching(r"1\. .*")
    await chat.press_id("year-rename-button")
    assert "› Đổi tên" in await chat.send("x")  # too short: refused in place
    assert html.escape(t("error-text-too-short", min=2, length=1), quote=False) in chat.text
    text = await chat.send("Học tập chuyên đề năm 2026")
    assert "Phần 1: Học tập chuyên đề năm 2026" in text
    await chat.press_id("button-back")
    await chat.press_matching(r"2\. .*")
    text = await chat.press_id("year-up-button")
    assert f"Phần 1: {TEMPLATE[1]}" in text
    await chat.press_id("button-back")
    text = await chat.press(t("year-wording-to-practise"))
    assert "học tập, làm theo và thực hành tư tưởng" in text

    member, text = await open_plan(session_factory, MEMBER_A)
    first_line, theme_line = text.splitlines()[:2]
    assert "Kế hoạch năm 2026" in first_line
    assert theme_line == (
        "📖 Chuyên đề năm 2026: <i>Học tập và làm theo Bác &lt;về&gt; xây dựng Đảng trong "
        "sạch, vững mạnh</i>"
    )
    assert member.captions()[:2] == [
        f"1. {short(TEMPLATE[1], 36)} (0)",
        "2. Học tập chuyên đề năm 2026 (0)",
    ]
    await member.press_matching(r"2\. .*")
    await member.send("Viết bài thu hoạch chuyên đề trước 30/4")
    await member.press_id("plan-to-overview")
    text = await member.press_id("plan-preview-button")
    assert (
        "<b>Kế hoạch cá nhân học tập, làm theo và thực hành tư tưởng, đạo đức, phong cách "
        "Hồ Chí Minh năm 2026</b>"
    ) in text
    assert "Chuyên đề năm 2026" in text

    # A member of the cell without a committee is not asked the committee's theme.
    _, text = await open_plan(session_factory, MEMBER_B)
    assert "Chuyên đề năm" not in text


async def test_a_cells_secretary_under_a_committee_only_looks(
    session_factory: Db, org: Org
) -> None:
    chat = Chat(session_factory, SECRETARY_A, FixedClock(NOW))
    await chat.send("/start")
    await chat.press_id("sec-menu")
    text = await chat.press_id("year-menu-button")
    assert "Đảng bộ phường Ngô Quyền" in text
    assert t("year-read-only-committee") in text
    captions = chat.captions()
    assert (
        t("year-theme-button") not in captions
        and t("year-copy-button", prev_year="2025") not in captions
    )
    text = await chat.press_matching(r"1\. .*")
    assert f"Phần 1: {TEMPLATE[0]}" in text
    assert t("year-rename-button") not in chat.captions()
    assert t("year-up-button") not in chat.captions()
    async with session_factory() as session:
        assert list(await session.scalars(select(YearConfig))) == []


async def test_the_secretary_of_a_cell_without_a_committee_sets_the_national_default(
    session_factory: Db, org: Org
) -> None:
    chat = Chat(session_factory, SECRETARY_B, FixedClock(NOW))
    await chat.send("/start")
    await chat.press_id("sec-menu")
    text = await chat.press_id("year-menu-button")
    assert "› Cấu hình chung" in text
    await chat.press_id("year-copy-button", prev_year="2025")
    text = await chat.press_id("year-copy-yes")
    assert t("year-copied", year="2026", prev_year="2025") in text
    assert t("year-source-own-national") in text
    await chat.press_id("year-theme-button")
    await chat.send("Chuyên đề chung năm 2026")
    text = await chat.press_id("year-prev-year", prev_year="2025")
    assert "Cấu hình kế hoạch năm 2025" in text and "(chưa đặt)" in text
    async with session_factory() as session:
        configs = [
            (c.year, c.committee_id, c.theme) for c in await session.scalars(select(YearConfig))
        ]
    assert configs == [(2026, None, "Chuyên đề chung năm 2026")]
    # The committee's members get the national default too, while it has none of its own.
    _, text = await open_plan(session_factory, MEMBER_A)
    assert re.search(r"Chuyên đề năm 2026: <i>Chuyên đề chung năm 2026</i>", text)
