"""The chat page switched to Zalo, in real headless Chromium at phone width: a Zalo persona
writes, a Zalo bot answers through ``/zalo/bot<TOKEN>/…``, and the answer shows as plain
text with no buttons."""

from __future__ import annotations

import asyncio

import aiohttp
from playwright.async_api import Browser, expect

from emulator import Emulator
from emulator.client import UserClient, ZaloUserClient
from tests.emulator.test_chat_page import ARTIFACTS, PHONE, browser, open_page
from tests.emulator.zalo_support import ZaloApi

__all__ = ["browser"]
ANSWER = "<b>Kế hoạch năm 2026</b>\nGõ 1 để lập kế hoạch, gõ 2 để xem lịch họp."


async def answer_once(bot: ZaloApi) -> str:
    """A minimal Zalo bot: take one update, answer it in plain text; the text it got."""
    update = await bot.ok("getUpdates", timeout=20)
    message = update["message"]
    await bot.ok("sendChatAction", chat_id=message["chat"]["id"], action="typing")
    await bot.ok("sendMessage", chat_id=message["chat"]["id"], text=ANSWER)
    text: str = message["text"]
    return text


async def test_a_persona_switched_to_zalo_chats_in_plain_text(
    emulator: Emulator, users: UserClient, browser: Browser, http: aiohttp.ClientSession
) -> None:
    await users.create_persona("Lan", 1001, "Nguyễn Thị")
    async with ZaloUserClient(emulator.base_url) as zalo:
        await zalo.create_persona("Trần Văn Hùng", id="8001")
        errors: list[str] = []
        page = await open_page(browser, emulator.chat_page_url, errors)

        # Telegram first; the Zalo tab lists only Zalo personas
        telegram_item = page.locator('[data-testid="persona-item"][data-user-id="1001"]')
        await expect(telegram_item).to_be_visible()
        await page.get_by_test_id("channel-zalo").click()
        await expect(page.get_by_test_id("channel-zalo")).to_have_attribute("aria-selected", "true")
        hung = page.locator('[data-testid="persona-item"][data-user-id="8001"]')
        await expect(hung).to_contain_text("Trần Văn Hùng")
        await expect(hung).to_contain_text("Zalo")
        await expect(telegram_item).to_have_count(0)
        await expect(page.get_by_test_id("new-persona-form")).to_be_hidden()

        # a new Zalo persona from the page; its chat opens
        await page.get_by_test_id("new-display-name").fill("Lê Thị Mai")
        await page.get_by_test_id("new-zalo-persona-submit").click()
        await expect(page.get_by_test_id("message-input")).to_be_visible()
        await expect(page.get_by_test_id("start-wrap")).to_be_hidden()
        await expect(page.get_by_test_id("chat-status")).to_have_text("Zalo · bạn là Lê Thị Mai")
        mai = next(p for p in await zalo.personas() if p["display_name"] == "Lê Thị Mai")
        assert page.url.endswith(f"#z={mai['id']}")

        # she writes; the bot answers with text that looks like HTML: shown as it is
        bot = ZaloApi(http, emulator.base_url)
        answering = asyncio.create_task(answer_once(bot))
        await page.get_by_test_id("message-input").fill("kehoach")
        await page.get_by_test_id("send-button").click()
        assert await asyncio.wait_for(answering, 20) == "kehoach"
        bot_message = page.locator('[data-testid="message"][data-from-bot="true"]')
        await expect(bot_message).to_have_count(1)
        shown = bot_message.get_by_test_id("message-text")
        await expect(shown).to_contain_text("<b>Kế hoạch năm 2026</b>")
        await expect(shown).to_contain_text("Gõ 1 để lập kế hoạch")
        assert await bot_message.locator("strong, b").count() == 0
        assert await page.get_by_test_id("inline-button").count() == 0
        user_message = page.locator('[data-testid="message"][data-from-bot="false"]')
        await expect(user_message).to_have_count(1)
        await expect(user_message).to_contain_text("kehoach")
        scroll_width = await page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= PHONE["width"]
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / "chat_page_zalo.png"))

        # a reload keeps the Zalo chat; a message from elsewhere shows up in it
        await page.reload()
        await expect(page.locator("body[data-ready=true]")).to_be_attached()
        await expect(page.get_by_test_id("message")).to_have_count(2)
        await bot.ok("sendMessage", chat_id=mai["id"], text="Nhắc: họp chi bộ ngày 5")
        await expect(page.get_by_test_id("message")).to_have_count(3)
        await expect(page.get_by_test_id("message").nth(2)).to_contain_text("họp chi bộ ngày 5")

        # blocking from the menu goes to the Zalo side
        await page.get_by_test_id("menu-button").click()
        await page.get_by_test_id("menu-block").click()
        await expect(page.get_by_test_id("blocked-bar")).to_be_visible()
        assert await bot.error("sendMessage", chat_id=mai["id"], text="x") == (
            403,
            "Internal server error",
        )

        # back to Telegram: its personas again
        await page.get_by_test_id("switch-persona").click()
        await page.get_by_test_id("channel-telegram").click()
        await expect(telegram_item).to_be_visible()
        await expect(hung).to_have_count(0)
        await page.close()
    assert errors == []
