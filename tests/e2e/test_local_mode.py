"""`chibo run` with no token: the stand-in, the demo data, the unchanged bot."""

from __future__ import annotations

import asyncio
import signal
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from domain.clock import RunningClock
from domain.demo import demo_personas
from domain.vocabulary import Role
from locales import t
from storage.db import create_engine, create_session_factory
from storage.models import Cell, Member, OutboxMessage
from tests.e2e.conftest import ChiboProcess, free_port
from tests.moments import ICT


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


async def test_scheduler_and_delivery_live_at_clock_start(tmp_path: Path) -> None:
    """At 16:05 on the eve of the first demo cell's meeting (Friday 5/3/2027), the scheduler's
    first tick writes the secretary's digest and the delivery worker sends it, both by the
    clock ``CHIBO_CLOCK_START`` set, whatever day the machine thinks it is."""
    eve = datetime(2027, 3, 4, 16, 5, tzinfo=ICT)
    process = ChiboProcess(
        workdir=tmp_path,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'chibo.db'}",
        port=free_port(),
        clock=RunningClock(eve),
    )
    await process.start()
    engine = create_engine(process.database_url)
    try:
        assert process.users is not None
        async with create_session_factory(engine)() as session:
            cell_id = await session.scalar(select(Cell.id).where(Cell.meeting_day == 5))
            secretary = await session.scalar(
                select(Member.telegram_id).where(
                    Member.cell_id == cell_id, Member.role == Role.SECRETARY
                )
            )
        assert cell_id is not None and secretary is not None
        digest = f"bao-cao-chi-bo-{cell_id}-2027-03.docx"

        def has_digest(view: dict[str, Any]) -> bool:
            return any(
                m["kind"] == "document" and m["document"]["file_name"] == digest
                for m in view["messages"]
            )

        await process.users.wait_for(secretary, has_digest, within=60)
        query = select(OutboxMessage.sent_at).where(
            OutboxMessage.kind == "digest",
            OutboxMessage.chat_id == secretary,
            OutboxMessage.sent_at.is_not(None),
        )
        sent_at = None
        async with asyncio.timeout(30):
            # The worker records the row as sent right after Telegram took the file.
            while sent_at is None:
                async with create_session_factory(engine)() as session:
                    sent_at = await session.scalar(query)
                await asyncio.sleep(0.2)
        assert eve <= sent_at < eve + timedelta(minutes=10)
        assert "CHIBO_CLOCK_START" in process.output()
    finally:
        await engine.dispose()
        await process.stop()
