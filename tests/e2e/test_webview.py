"""The Mini App in local mode, in Debian's Chromium at 390×844: ``chibo run`` with no token,
the secretary's menu button, the chat page's panel, the grid against the SQL summary, and
a plan approved in the page reaching the member's chat."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
from openpyxl import load_workbook
from playwright.async_api import Browser, Page, ViewportSize, expect
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.demo import demo_personas
from domain.reports import reporting_month
from domain.summaries import cell_year_series, committee_month_rollups
from locales import t
from storage.db import create_engine, create_session_factory
from storage.models import Member
from tests.e2e.conftest import ChiboProcess
from tests.emulator.test_chat_page import ARTIFACTS
from tests.emulator.test_chat_page import browser as browser  # the fixture

PHONE: ViewportSize = {"width": 390, "height": 844}
SECRETARY = 1001
COMMITTEE = 9001
# Telegram's dark theme parameters, as a phone in dark mode passes them.
DARK = {
    "bg_color": "#17212b",
    "text_color": "#f5f5f5",
    "hint_color": "#708499",
    "secondary_bg_color": "#232e3c",
    "button_color": "#5288c1",
    "button_text_color": "#ffffff",
}


async def web_app_button(chibo: ChiboProcess, user: int = SECRETARY) -> dict[str, Any]:
    assert chibo.users is not None
    await chibo.users.send(user, "/menu")

    def found(view: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            button
            for m in view["messages"]
            for row in (m.get("reply_markup") or {}).get("inline_keyboard", [])
            for button in row
            if "web_app" in button
        ]

    view = await chibo.users.wait_for(user, lambda v: bool(found(v)))
    return found(view)[-1]


async def open_mini_app(
    chibo: ChiboProcess, browser: Browser, url: str, user: int = SECRETARY
) -> Page:
    async with aiohttp.ClientSession() as http:
        body = {"user_id": user, "url": url, "theme": DARK}
        async with http.post(f"{chibo.base_url}/_emulator/webapp", json=body) as response:
            assert response.status == 200
            signed = (await response.json())["url"]
    page = await browser.new_page(viewport=PHONE, locale="vi-VN", accept_downloads=True)
    page.set_default_timeout(15_000)
    await page.goto(signed)
    await expect(page.locator("body[data-ready='1']")).to_be_attached()
    return page


@asynccontextmanager
async def database(chibo: ChiboProcess) -> AsyncIterator[AsyncSession]:
    """A transaction on the process's own database, committed on leaving."""
    engine = create_engine(chibo.database_url)
    try:
        factory = create_session_factory(engine, chibo.clock.tz)
        async with factory() as session, session.begin():
            yield session
    finally:
        await engine.dispose()


async def the_secretary(session: AsyncSession) -> Member:
    member = await session.scalar(select(Member).where(Member.telegram_id == SECRETARY))
    assert member is not None and member.cell_id is not None
    return member


async def shown_month(chibo: ChiboProcess) -> tuple[int, int]:
    """The month the secretary's page shows: the one the chat asks the cell's reports for."""
    async with database(chibo) as session:
        cell_id = (await the_secretary(session)).cell_id
        assert cell_id is not None
        return await reporting_month(session, cell_id, chibo.now())


async def series_of_first_cell(chibo: ChiboProcess) -> list[Any]:
    year, month = await shown_month(chibo)
    async with database(chibo) as session:
        cell_id = (await the_secretary(session)).cell_id
        assert cell_id is not None
        return await cell_year_series(session, cell_id, year, through_month=month)


async def test_the_grid_shows_the_sql_summary_and_fits_a_phone(
    chibo: ChiboProcess,
    browser: Browser,
) -> None:
    button = await web_app_button(chibo)
    assert button["text"] == t("menu-webview")
    page = await open_mini_app(chibo, browser, button["web_app"]["url"])
    series = await series_of_first_cell(chibo)
    for figures in series:
        cells = page.locator(f"[data-testid=grid-cell][data-month='{figures.month}']")
        on_time = cells.and_(page.locator("[data-state=on_time]"))
        late = cells.and_(page.locator("[data-state=late]"))
        assert await cells.count() == figures.members_total
        assert await on_time.count() == figures.reported_on_time
        assert await on_time.count() + await late.count() == figures.reported
    assert sum(f.members_total for f in series) > 0
    # The theme Telegram passed is the page's background.
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 33, 43)"
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "webview-390.png"), full_page=True)
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


async def test_a_plan_approved_in_the_page_reaches_the_members_chat(
    chibo: ChiboProcess,
    browser: Browser,
) -> None:
    assert chibo.users is not None
    button = await web_app_button(chibo)
    page = await open_mini_app(chibo, browser, button["web_app"]["url"])
    reachable = {p.full_name: p.telegram_id for p in demo_personas() if p.telegram_id != SECRETARY}
    lines = page.locator("[data-testid=pending-plan]")
    texts = await lines.all_inner_texts()
    index = next(i for i, text in enumerate(texts) if text.split(" · ")[0] in reachable)
    member = reachable[texts[index].split(" · ")[0]]
    await lines.nth(index).get_by_role("button").click()
    await expect(lines.nth(index).get_by_role("button")).to_have_text(t("webview-approved"))
    year = str(chibo.now().astimezone(chibo.clock.tz).year)
    expected = t("plan-notify-acknowledged", year=year)
    await chibo.users.wait_for_message(member, expected, within=20)


async def test_the_chat_page_opens_the_mini_app_in_a_panel(
    chibo: ChiboProcess,
    browser: Browser,
) -> None:
    await web_app_button(chibo)
    page = await browser.new_page(viewport=PHONE, locale="vi-VN")
    page.set_default_timeout(15_000)
    await page.goto(f"{chibo.base_url}/#u={SECRETARY}")
    await page.locator("[data-testid=inline-button]", has_text=t("menu-webview")).last.click()
    await expect(page.locator("[data-testid=webapp-panel]")).to_be_visible()
    frame = page.frame_locator("[data-testid=webapp-frame]")
    await expect(frame.locator("[data-testid=year-grid]")).to_be_visible()
    await expect(frame.locator("[data-testid=status]")).to_have_text("")


async def test_a_file_pressed_in_the_page_downloads_as_the_cells_workbook(
    chibo: ChiboProcess,
    browser: Browser,
    tmp_path: Path,
) -> None:
    button = await web_app_button(chibo)
    page = await open_mini_app(chibo, browser, button["web_app"]["url"])
    title = await page.locator("#title").inner_text()
    press = page.locator("[data-testid=exports] button[data-export=cell-month-xlsx]")
    await expect(press).to_have_text(t("webview-export-cell-month-xlsx"))
    async with page.expect_download() as pressed:
        await press.click()
    download = await pressed.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    await download.save_as(saved)
    sheet = load_workbook(saved).active
    assert sheet is not None
    assert any(title in str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    await expect(page.locator("[data-testid=status]")).to_have_text("")


async def test_the_committee_sees_each_cells_year_as_a_trend_on_a_phone(
    chibo: ChiboProcess,
    browser: Browser,
) -> None:
    button = await web_app_button(chibo, COMMITTEE)
    page = await open_mini_app(chibo, browser, button["web_app"]["url"], COMMITTEE)
    # A committee's page shows the calendar's month (its cells meet on different days).
    today = chibo.now().astimezone(chibo.clock.tz)
    async with database(chibo) as session:
        committee_id = await session.scalar(
            select(Member.committee_id).where(Member.telegram_id == COMMITTEE)
        )
        assert committee_id is not None
        rollups = await committee_month_rollups(
            session, committee_id, today.year, range(1, today.month + 1)
        )
    lines = page.locator("[data-testid=trend] polyline[data-kind=report]")
    assert await lines.count() == len(rollups[-1].cells) > 0
    shown = []
    for index, cell in enumerate(rollups[-1].cells):
        rates = (await lines.nth(index).get_attribute("data-rates") or "").split(",")
        shown.append([int(rate) for rate in rates])
        # The page rounds half up, as JavaScript's Math.round does.
        expected = [
            math.floor(100 * c.reported / c.members_total + 0.5) if c.members_total else 0
            for r in rollups
            for c in r.cells
            if c.cell_id == cell.cell_id
        ]
        assert shown[-1] == expected
    assert any(any(rates) for rates in shown)
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "webview-committee-390.png"), full_page=True)
