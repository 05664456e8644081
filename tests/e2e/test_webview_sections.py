"""The Mini App's other sections in Debian's Chromium at 390×844, against ``chibo run`` in
local mode: join requests accepted and refused in the page reach the person's chat, a
member's plan history equals the database's, and a Zalo leader's one-time link opens the
grid once and is refused the second time."""

from __future__ import annotations

import re

from playwright.async_api import Browser, Page, expect
from sqlalchemy import select

from domain.audit import OPERATOR
from domain.cell_view import member_plan_history
from domain.downloads import WEBVIEW_LINK, issue_download
from domain.invites import create_invite
from domain.permissions import actor_for_telegram
from domain.vocabulary import MemberStatus
from locales import t
from storage.models import Cell, Member, YearPlan
from tests.e2e.conftest import ChiboProcess
from tests.e2e.phones import Phone
from tests.e2e.test_webview import (
    PHONE,
    SECRETARY,
    database,
    open_mini_app,
    shown_month,
    the_secretary,
    web_app_button,
)
from tests.emulator.test_chat_page import browser as browser  # the fixture

# Two newcomers asking to join the secretary's cell: the first is accepted, the second refused.
ACCEPTED, REFUSED = 7_700_101, 7_700_102
JOINERS = {ACCEPTED: "Trần Thị Lan", REFUSED: "Lê Văn Minh"}
# The page colours an item's month as the grid does (app.js, ITEM_STATES).
ITEM_STATES = {"done": "on_time", "in_progress": "late", "not_started": "missing"}
# A plan item by item: its text and its (month, status) reported, month by month.
History = list[tuple[str, list[tuple[int, str]]]]


async def statuses(chibo: ChiboProcess) -> dict[int | None, MemberStatus]:
    async with database(chibo) as session:
        query = select(Member.telegram_id, Member.status).where(Member.telegram_id.in_(JOINERS))
        return {telegram_id: status for telegram_id, status in await session.execute(query)}


async def ask_to_join(chibo: ChiboProcess) -> str:
    """Each newcomer sends an invite code that needs approval; the cell's name."""
    assert chibo.users is not None
    async with database(chibo) as session:
        cell = await session.get(Cell, (await the_secretary(session)).cell_id)
        assert cell is not None
        invite = await create_invite(
            session, OPERATOR, cell_id=cell.id, now=chibo.now(), uses=2, needs_approval=True
        )
        code, cell_name = invite.code, cell.name
    for user_id, name in JOINERS.items():
        await chibo.users.create_persona(name, user_id=user_id)
        phone = Phone(chibo.users, user_id, within=60, latest_only=True)
        await phone.start(code, t("join-needs-approval"))
        pending = t("join-pending", cell=cell_name, name=name).splitlines()[-1]
        await phone.press(t("join-button"), pending)
    assert await statuses(chibo) == dict.fromkeys(JOINERS, MemberStatus.PENDING)
    return cell_name


async def open_as_secretary(chibo: ChiboProcess, browser: Browser) -> Page:
    return await open_mini_app(chibo, browser, (await web_app_button(chibo))["web_app"]["url"])


async def test_joins_accepted_and_refused_in_the_page_reach_the_persons_chat(
    chibo: ChiboProcess,
    browser: Browser,
) -> None:
    assert chibo.users is not None
    cell_name = await ask_to_join(chibo)
    joins = (await open_as_secretary(chibo, browser)).get_by_test_id("joins")
    for user_id, decision, done in (
        (ACCEPTED, "webview-accept", "webview-accepted"),
        (REFUSED, "webview-refuse", "webview-refused"),
    ):
        line = joins.get_by_test_id("join").filter(has_text=JOINERS[user_id])
        await expect(line).to_have_count(1)
        await line.get_by_role("button", name=t(decision)).click()
        await expect(line.get_by_role("button", name=t(done))).to_be_visible()
    assert await statuses(chibo) == {ACCEPTED: MemberStatus.ACTIVE, REFUSED: MemberStatus.REFUSED}
    for user_id, msg_id in ((ACCEPTED, "sec-notify-approved"), (REFUSED, "sec-notify-refused")):
        told = t(msg_id, name=JOINERS[user_id], cell=cell_name)
        await chibo.users.wait_for_message(user_id, told, within=20)
    # Decided requests leave the section: a fresh load lists neither.
    again = (await open_as_secretary(chibo, browser)).get_by_test_id("joins")
    await expect(again).to_be_visible()
    for name in JOINERS.values():
        await expect(again.get_by_test_id("join").filter(has_text=name)).to_have_count(0)


async def richest_history(chibo: ChiboProcess, names: list[str]) -> tuple[str, History]:
    """Among the grid's members, the one whose plan has the most reported item-months:
    their name and, item by item, (text, [(month, status)]) as the database has them."""
    year, _ = await shown_month(chibo)
    best: tuple[int, str, History] = (-1, "", [])
    async with database(chibo) as session:
        actor = await actor_for_telegram(session, SECRETARY)
        query = (
            select(Member.id, Member.full_name)
            .join(YearPlan, YearPlan.member_id == Member.id)
            .where(Member.cell_id == (await the_secretary(session)).cell_id, YearPlan.year == year)
        )
        for member_id, name in (await session.execute(query)).all():
            if name not in names:
                continue
            history = await member_plan_history(session, actor, member_id, year)
            items: History = [
                (i.text, sorted((m, str(s)) for m, s in history.months.get(i.id, {}).items()))
                for i in history.plan.items
            ]
            best = max(best, (sum(len(months) for _, months in items), name, items))
    assert best[0] > 0, "no member of the grid has a reported plan item"
    return best[1], best[2]


async def test_a_members_name_shows_their_plan_history_as_the_database_has_it(
    chibo: ChiboProcess,
    browser: Browser,
) -> None:
    page = await open_as_secretary(chibo, browser)
    names = page.get_by_test_id("grid-name")
    name, expected = await richest_history(chibo, await names.all_inner_texts())
    await names.filter(has_text=re.compile(f"^{re.escape(name)}$")).click()
    items = page.get_by_test_id("history-item")
    await expect(items).to_have_count(len(expected))
    shown = await items.evaluate_all(
        """lines => lines.map(line => [line.firstChild.textContent,
            [...line.querySelectorAll('.dot')].map(dot => [dot.textContent, dot.dataset.state])])"""
    )
    assert shown == [
        [text, [[str(month), ITEM_STATES[status]] for month, status in months]]
        for text, months in expected
    ]
    await expect(page.get_by_test_id("status")).to_have_text("")


async def test_a_one_time_link_opens_the_grid_once(
    chibo: ChiboProcess,
    browser: Browser,
) -> None:
    base = (await web_app_button(chibo))["web_app"]["url"]
    async with database(chibo) as session:
        secretary = await the_secretary(session)
        once = await issue_download(session, secretary.id, WEBVIEW_LINK, chibo.now())
    first = await browser.new_page(viewport=PHONE, locale="vi-VN")
    first.set_default_timeout(15_000)
    await first.goto(f"{base}?once={once}")
    await expect(first.locator("body[data-ready='1']")).to_be_attached()
    await expect(first.get_by_test_id("year-grid")).to_be_visible()
    assert await first.get_by_test_id("grid-cell").count() > 0
    # The token is gone from the address bar: a reload does not try to spend it again.
    assert "once=" not in first.url
    second = await browser.new_page(viewport=PHONE, locale="vi-VN")
    second.set_default_timeout(15_000)
    await second.goto(f"{base}?once={once}")
    await expect(second.locator("body[data-ready='error']")).to_be_attached()
    await expect(second.get_by_test_id("status")).to_have_text(t("webview-error-link"))
    await expect(second.get_by_test_id("year-grid")).to_have_count(0)
