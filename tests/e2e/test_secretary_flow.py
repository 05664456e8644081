"""The secretary prepares the monthly meeting through the real ``chibo run`` process: opens the
month, nudges everyone who has not reported (each receives exactly one message, even when
the button is pressed twice) and receives the month's report as a Word file."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from docx import Document
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.calendar import month_after
from domain.clock import DEFAULT_TZ
from domain.demo import demo_personas
from domain.reports import reporting_month
from domain.summaries import cell_month_summary
from emulator.client import UserClient
from locales import t
from storage.db import create_engine, create_session_factory
from storage.models import Member, OutboxMessage, OutboxStatus
from tests.e2e.conftest import ChiboProcess
from tests.e2e.phones import Phone

pytestmark = pytest.mark.moments

WITHIN = 30.0  # seconds the stand-in is given for the bot's answer or a delivery
MONTHS_BACK = 12


@dataclass(frozen=True)
class Nudged:
    telegram_id: int
    text: str  # the reminder exactly as the member reads it


@dataclass(frozen=True)
class Month:
    secretary: int
    # The window opens on the month the cell reports for (its next meeting's).
    opens_on: tuple[int, int]
    months_back: int
    period: str
    nudged: tuple[Nudged, ...]
    out_of_reach: tuple[int, ...]  # have a Telegram account but blocked the bot


async def _month_to_nudge(session: AsyncSession, now: datetime) -> Month:
    """Of the demo secretaries' last months, the one with the most reachable members missing."""
    today = now.astimezone(DEFAULT_TZ).date()
    months: list[Month] = []
    for persona in (p for p in demo_personas() if p.role == "secretary"):
        cell_id = await session.scalar(
            select(Member.cell_id).where(Member.telegram_id == persona.telegram_id)
        )
        assert cell_id is not None
        opens_on = await reporting_month(session, cell_id, now)
        for back in range(MONTHS_BACK):
            year, month = month_after(*opens_on, -back)
            summary = await cell_month_summary(session, cell_id, year, month)
            rows = await session.execute(
                select(Member.id, Member.telegram_id)
                .where(Member.id.in_([m.member_id for m in summary.missing]))
            )  # fmt: skip
            ids = {member_id: telegram_id for member_id, telegram_id in rows}
            deadline = summary.deadline.astimezone(DEFAULT_TZ).strftime("%d/%m/%Y")
            nudged = tuple(
                Nudged(
                    tg,
                    t(
                        "sec-nudge-message-late"
                        if summary.deadline.astimezone(DEFAULT_TZ).date() < today
                        else "sec-nudge-message",
                        name=m.full_name,
                        period=f"{month:02d}/{year}",
                        deadline=deadline,
                    ),
                )
                for m in summary.missing
                if m.reachable and (tg := ids.get(m.member_id)) is not None
            )
            blocked = tuple(
                tg for m in summary.missing
                if not m.reachable and (tg := ids.get(m.member_id)) is not None
            )  # fmt: skip
            months.append(
                Month(persona.telegram_id, opens_on, back, f"{month:02d}/{year}", nudged, blocked)
            )
    best = max(months, key=lambda m: (len(m.nudged), len(m.out_of_reach), -m.months_back))
    assert best.nudged, "the demo data has no month with a reachable member missing"
    return best


def secretary_phone(users: UserClient, telegram_id: int) -> Phone:
    """The window is edited in place; reminders and nudges to the secretary herself may
    arrive below it meanwhile, so look for the text, not at the last message."""
    return Phone(users, telegram_id, within=WITHIN, text_only=True, tap_pace=0)


def _count(view: dict[str, Any], text: str) -> int:
    return sum(1 for m in view["messages"] if m["from_bot"] and m["text"] == text)


async def test_secretary_nudges_the_missing_once_and_gets_the_report(
    chibo: ChiboProcess,
) -> None:
    assert chibo.users is not None
    users = chibo.users
    # The demo data was made for the day chibo started on (its clock, the test's moment).
    now = chibo.now()
    engine = create_engine(chibo.database_url)
    db = create_session_factory(engine)
    try:
        async with db() as session:
            month = await _month_to_nudge(session, now)
        phone = secretary_phone(users, month.secretary)
        await users.send(month.secretary, "/start")
        await phone.until("Đồng chí cần làm gì")
        await phone.press(t("sec-menu"), "đồng chí đã báo cáo")
        for back in range(1, month.months_back + 1):
            year, number = month_after(*month.opens_on, -back)
            await phone.press(t("sec-prev-month"), f"tháng {number:02d}/{year}")
        assert f"tháng {month.period}" in phone.window["text"]

        await phone.press(t("sec-open-missing"), f"Tháng {month.period}")
        await phone.press(t("sec-nudge-all"), f"Đã gửi lời nhắc tới {len(month.nudged)} đồng chí")
        for member in month.nudged:
            await users.wait_for(
                member.telegram_id, lambda v, m=member: _count(v, m.text) >= 1, within=WITHIN
            )
        # Pressed again: the window says everyone was nudged today, and nothing new is queued.
        await phone.press(
            t("sec-nudge-all"),
            f"Đã gửi lời nhắc tới 0 đồng chí; {len(month.nudged)} đồng chí đã được nhắc hôm nay",
        )
        async with db() as session:
            rows = await session.execute(
                select(OutboxMessage.chat_id, OutboxMessage.status)
                .where(OutboxMessage.kind == "nudge")
            )  # fmt: skip
            outbox = [(chat_id, status) for chat_id, status in rows]
        assert sorted(outbox) == sorted((m.telegram_id, OutboxStatus.SENT) for m in month.nudged)
        for member in month.nudged:
            assert _count(await users.chat(member.telegram_id), member.text) == 1
        for telegram_id in month.out_of_reach:
            view = await users.chat(telegram_id)
            assert not any(month.period in m["text"] for m in view["messages"] if m["from_bot"])

        await phone.press(t("button-back"), "đồng chí đã báo cáo")
        # The scheduler may send the secretary a digest with a docx of its own meanwhile:
        # look for the file this press asked for, by its caption, after the press.
        pressed_after = max(
            m["message_id"] for m in (await users.chat(month.secretary))["messages"]
        )
        caption = t("sec-export-caption", period=month.period)
        await users.press(month.secretary, phone.window["message_id"], text=t("sec-export-docx"))

        def exported(view: dict[str, Any]) -> list[dict[str, Any]]:
            return [
                m for m in view["messages"]
                if m["kind"] == "document" and m["message_id"] > pressed_after
                and m["text"] == caption
            ]  # fmt: skip

        view = await users.wait_for(month.secretary, lambda v: bool(exported(v)), within=WITHIN)
        [document] = [m["document"] for m in exported(view)]
        assert document["file_name"].endswith(".docx")
        report = Document(io.BytesIO(await users.download(document["file_id"])))
        paragraphs = [p.text for p in report.paragraphs]
        assert "BÁO CÁO" in paragraphs
        assert any(f"tháng {month.period}" in text for text in paragraphs)
        async with db() as session:
            nudges = await session.scalar(
                select(func.count()).select_from(OutboxMessage)
                .where(OutboxMessage.kind == "nudge")
            )  # fmt: skip
        assert nudges == len(month.nudged)
    finally:
        await engine.dispose()
