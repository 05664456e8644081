"""The browser chat page in real headless Chromium, at phone width, against a real aiogram bot.

Chromium comes from Debian (``apt-get install chromium``) or ``CHIBO_CHROMIUM``; without it
the test fails (never skips). The screenshot lands in ``tests/artifacts/``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from playwright.async_api import Browser, Page, ViewportSize, async_playwright, expect

from emulator import Emulator
from emulator.client import UserClient
from tests.emulator.conftest import BotApi
from tests.emulator.samples import png
from tests.emulator.tiny_bot import ANSWER, BUTTON, running_tiny_bot

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 375, "height": 740}


def chromium_path() -> str:
    path = os.environ.get("CHIBO_CHROMIUM") or "/usr/bin/chromium"
    if not Path(path).is_file():
        pytest.fail(
            f"Chromium is not installed at {path}: run `apt-get install -y chromium` "
            "(Debian) or set CHIBO_CHROMIUM to a Chromium executable"
        )
    return path


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    executable = chromium_path()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


async def open_page(browser: Browser, url: str, errors: list[str]) -> Page:
    page = await browser.new_page(viewport=PHONE, device_scale_factor=2, locale="vi-VN")
    page.set_default_timeout(10_000)
    page.on("pageerror", lambda error: errors.append(str(error)))
    await page.goto(url)
    await expect(page.locator("body[data-ready=true]")).to_be_attached()
    return page


async def test_a_person_chats_with_the_bot_in_the_page(
    emulator: Emulator, users: UserClient, browser: Browser
) -> None:
    await users.create_persona("Lan", 1001, "Nguyễn Thị", "lan_nguyen")
    errors: list[str] = []
    async with running_tiny_bot(emulator.base_url):
        page = await open_page(browser, emulator.chat_page_url, errors)

        # the page lists the personas that exist and offers a new one
        await expect(page.get_by_text("Chọn người dùng")).to_be_visible()
        lan = page.locator('[data-testid="persona-item"][data-user-id="1001"]')
        await expect(lan).to_contain_text("Lan Nguyễn Thị")
        await expect(page.get_by_text("Người dùng mới")).to_be_visible()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / "chat_page_personas.png"))
        await page.get_by_test_id("new-first-name").fill("Hùng")
        await page.get_by_test_id("new-last-name").fill("Trần Văn")
        await page.get_by_test_id("new-username").fill("hung_tran")
        await page.get_by_test_id("new-persona-submit").click()

        # the chat opens; the person writes /start
        user_input = page.get_by_test_id("message-input")
        await expect(user_input).to_be_visible()
        assert await user_input.get_attribute("placeholder") == "Nhập tin nhắn…"
        await expect(page.get_by_test_id("send-button")).to_have_text("Gửi")
        await user_input.fill("/start")
        await page.get_by_test_id("send-button").click()

        # the bot's answer: Vietnamese, <b> rendered bold, an inline button
        bot_message = page.locator('[data-testid="message"][data-from-bot="true"]')
        await expect(bot_message).to_have_count(1)
        await expect(bot_message).to_contain_text("Xin chào, đồng chí!")
        await expect(bot_message.locator("strong")).to_have_text("Xin chào")
        button = bot_message.get_by_test_id("inline-button")
        await expect(button).to_have_text(BUTTON)
        message_id = await bot_message.get_attribute("data-message-id")
        await page.screenshot(path=str(ARTIFACTS / "chat_page_greeting.png"))

        # pressing the button edits the message in place and shows the answer
        await button.click()
        await expect(bot_message).to_contain_text("Đã ghi nhận: kế hoạch tháng này ✅")
        await expect(bot_message.locator("em")).to_have_text("kế hoạch tháng này")
        await expect(bot_message).to_contain_text("đã sửa")
        await expect(bot_message.get_by_test_id("inline-button")).to_have_count(0)
        await expect(page.get_by_test_id("toast")).to_have_text(ANSWER)
        assert await bot_message.get_attribute("data-message-id") == message_id
        user_message = page.locator('[data-testid="message"][data-from-bot="false"]')
        await expect(user_message.get_by_test_id("message-text")).to_contain_text("/start")

        # nothing overflows the phone's width
        scroll_width = await page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= PHONE["width"]

        await page.screenshot(path=str(ARTIFACTS / "chat_page.png"))
        await page.close()

    personas = {p["first_name"]: p for p in await users.personas()}
    assert personas["Hùng"]["last_name"] == "Trần Văn"
    chat = await users.chat(personas["Hùng"]["id"])
    assert [m["text"] for m in chat["messages"]][-1] == "Đã ghi nhận: kế hoạch tháng này ✅"
    assert errors == []


async def test_markup_is_never_injected_and_files_open(
    emulator: Emulator, users: UserClient, browser: Browser, http: aiohttp.ClientSession
) -> None:
    """Text that looks like markup stays text; only entities become elements. Photos show
    inline and documents link to their download."""
    await users.create_persona("Lan", 1001, started=True)
    bot = BotApi(http, emulator.base_url)
    for method, field, data, name in (
        ("sendPhoto", "photo", png(120, 80), "bieu-do.png"),
        ("sendDocument", "document", "Biên bản họp".encode(), "Biên bản.txt"),
    ):
        form = aiohttp.FormData(quote_fields=False)
        form.add_field("chat_id", "1001")
        form.add_field(field, data, filename=name)
        async with http.post(bot.url(method), data=form) as resp:
            assert resp.status == 200
    chat = emulator.world.chats[1001]
    emulator.world.add_message(
        chat,
        sender=emulator.world.bot_user(),
        from_bot=True,
        text='<img src=x onerror="document.title=1"> và đậm',
        entities=[{"type": "bold", "offset": 42, "length": 3}],
    )
    errors: list[str] = []
    page = await open_page(browser, f"{emulator.chat_page_url}#u=1001", errors)
    message = page.get_by_test_id("message")
    await expect(message).to_have_count(3)
    photo = page.get_by_test_id("message-photo")
    await expect(photo).to_be_visible()
    assert await photo.evaluate("img => img.complete && img.naturalWidth") == 120
    document = page.get_by_test_id("message-document")
    await expect(document).to_contain_text("Biên bản.txt")
    href = await document.get_attribute("href")
    assert href is not None
    async with http.get(f"{emulator.base_url}{href}") as resp:
        assert await resp.read() == "Biên bản họp".encode()
        assert "attachment" in resp.headers["Content-Disposition"]
    injected = message.nth(2)
    await expect(injected).to_contain_text('<img src=x onerror="document.title=1">')
    await expect(injected.locator("strong")).to_have_text("đậm")
    assert await injected.locator("img").count() == 0
    assert await page.title() != "1"
    assert errors == []
