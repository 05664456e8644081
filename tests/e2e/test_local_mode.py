"""`chibo run` with no token: the stand-in, the demo data, the unchanged bot."""

from __future__ import annotations

import signal
from typing import Any

from sqlalchemy import func, select

from domain.demo import demo_personas
from locales import t
from storage.db import create_engine
from storage.models import Member
from tests.e2e.conftest import ChiboProcess


async def test_member_goes_from_start_to_menu_and_help(chibo: ChiboProcess) -> None:
    assert chibo.users is not None
    secretary = next(p for p in demo_personas() if p.role == "secretary")
    sent = await chibo.users.send(secretary.telegram_id, "/start")
    after = sent["message"]["message_id"]

    def menus(view: dict[str, Any]) -> list[dict[str, Any]]:
        # The scheduler may remind the demo secretary meanwhile: look for the menu itself.
        return [
            m
            for m in view["messages"]
            if m["from_bot"] and m["message_id"] > after and t("menu-help") in _labels(m)
        ]

    view = await chibo.users.wait_for(secretary.telegram_id, lambda v: bool(menus(v)))
    [menu] = menus(view)
    assert secretary.full_name in menu["text"]

    await chibo.users.press(secretary.telegram_id, menu["message_id"], text=t("menu-help"))
    view = await chibo.users.wait_for(
        secretary.telegram_id,
        lambda v: any("Hướng dẫn sử dụng" in m["text"] for m in v["messages"]),
    )
    # The menu message was edited in place, not sent again.
    helped = [m for m in view["messages"] if "Hướng dẫn sử dụng" in m["text"]]
    assert [m["message_id"] for m in helped] == [menu["message_id"]]
    assert helped[0]["edited"]


def _labels(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


async def test_output_names_the_chat_page_and_an_invite_link(chibo: ChiboProcess) -> None:
    output = chibo.output()
    assert f"{chibo.base_url}/" in output
    assert "https://t.me/chibo_local_bot?start=" in output


async def test_demo_is_seeded_once_across_restarts(chibo: ChiboProcess) -> None:
    engine = create_engine(chibo.database_url)
    try:
        async with engine.connect() as conn:
            before = await conn.scalar(select(func.count(Member.id)))
        assert before and before >= len(demo_personas())
        assert await chibo.stop(signal.SIGTERM) == 0
        await chibo.start()
        async with engine.connect() as conn:
            after = await conn.scalar(select(func.count(Member.id)))
        assert after == before
    finally:
        await engine.dispose()
