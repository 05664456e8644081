"""`chibo run` with no token: the stand-in, the demo data, the unchanged bot."""

from __future__ import annotations

import signal

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
    menu = await chibo.users.wait_for_message(secretary.telegram_id, after=sent)
    assert secretary.full_name in menu["text"]
    labels = [b["text"] for row in menu["reply_markup"]["inline_keyboard"] for b in row]
    assert t("menu-help") in labels

    await chibo.users.press(secretary.telegram_id, menu["message_id"], text=t("menu-help"))
    view = await chibo.users.wait_for(
        secretary.telegram_id,
        lambda v: any("Hướng dẫn sử dụng" in m["text"] for m in v["messages"]),
    )
    # The menu message was edited in place, not sent again.
    assert [m["message_id"] for m in view["messages"] if m["from_bot"]] == [menu["message_id"]]


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
