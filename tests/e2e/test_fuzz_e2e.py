"""Escaping proven end to end: a newcomer whose names and plan items are full of ``<``, ``>``,
``&``, tags, emoji and NFD Vietnamese joins and registers a plan through the real ``chibo run``
process; the secretary reads the plan and returns it with such a comment. The stand-in refuses
invalid HTML ("can't parse entities"), so every window arriving, with the text as typed, and
the database holding it in NFC, mean every message escaped it."""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import select

from domain.audit import OPERATOR
from domain.demo import demo_personas
from domain.invites import create_invite
from domain.vocabulary import PlanStatus
from emulator.errors import NOT_MODIFIED
from locales import t
from storage.db import create_engine, create_session_factory
from storage.models import Cell, Member, PlanItem, YearPlan
from tests.e2e.conftest import ChiboProcess
from tests.e2e.test_member_flow import NEWCOMER, newcomer_phone
from tests.e2e.test_secretary_flow import secretary_phone
from tests.fuzz.nasty import NASTY_FIXED, NASTY_NAME

TELEGRAM_FIRST_NAME = "<b>Hoa</b> & <i>"
TELEGRAM_LAST_NAME = unicodedata.normalize("NFD", "Phạm Thị")
DIALOG_FALLBACKS = (
    NOT_MODIFIED,
    "message to edit not found",
    "message can't be edited",
    "message to delete not found",
)
COMMENT = unicodedata.normalize("NFD", "Việc <2> & </i> cần ghi rõ số buổi 🙏")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _texts(view: dict[str, Any]) -> list[str]:
    return [m["text"] for m in view["messages"] if m["from_bot"]]


async def test_nasty_names_and_items_arrive_escaped_and_are_kept_in_nfc(
    chibo: ChiboProcess,
) -> None:
    assert chibo.users is not None
    users = chibo.users
    secretary = next(p for p in demo_personas() if p.role == "secretary")
    engine = create_engine(chibo.database_url)
    db = create_session_factory(engine)
    try:
        async with db() as session, session.begin():
            cell_id = await session.scalar(
                select(Member.cell_id).where(Member.telegram_id == secretary.telegram_id)
            )
            cell = await session.get(Cell, cell_id)
            assert cell is not None
            invite = await create_invite(session, OPERATOR, cell_id=cell.id, now=chibo.now())
            code, cell_name = invite.code, cell.name
        await users.create_persona(TELEGRAM_FIRST_NAME, user_id=NEWCOMER,
                                   last_name=TELEGRAM_LAST_NAME)  # fmt: skip
        phone = newcomer_phone(chibo)

        await users.start(NEWCOMER, code)
        window = await phone.until(cell_name)
        # A Vietnamese profile: proposed family name first (domain.names).
        assert nfc(f"{TELEGRAM_LAST_NAME} {TELEGRAM_FIRST_NAME}") in window["text"]
        await phone.press(t("join-edit-name"), "Họ và tên")
        await phone.send(NASTY_NAME, nfc(NASTY_NAME))
        await phone.press(t("join-button"), f"Chào mừng đồng chí {nfc(NASTY_NAME)}")
        await phone.press(t("member-to-menu"), "Đồng chí cần làm gì")

        await phone.press(t("menu-plan"), "Tổng quan")
        await phone.press(phone.caption(lambda c: c.startswith("1. ")), "Phần 1")
        for text in NASTY_FIXED:
            await phone.send(text, nfc(text))
        await phone.press(t("plan-to-overview"), "Tổng quan")
        await phone.press(t("plan-submit-button"), t("plan-status-submitted"))

        leader = secretary_phone(users, secretary.telegram_id)
        # The secretary is told of the newcomer and of the plan (through the outbox) first.
        told_leader = await users.wait_for(
            secretary.telegram_id,
            lambda v: sum(nfc(NASTY_NAME) in x for x in _texts(v)) >= 2,
            within=30,
        )
        assert any("đã đăng ký kế hoạch" in x for x in _texts(told_leader))
        await users.send(secretary.telegram_id, "/start")
        await leader.until("Đồng chí cần làm gì")
        await leader.press(t("sec-menu"), "đồng chí đã báo cáo")
        await leader.press(t("sec-open-plans"), "Kế hoạch năm")
        line = t("sec-plan-line-submitted", name=nfc(NASTY_NAME))
        plan = await leader.press(line, f"{nfc(NASTY_NAME)}: kế hoạch năm")
        for text in NASTY_FIXED:
            assert nfc(text) in plan["text"]
        await leader.press(t("sec-plan-return"), f"Trả lại kế hoạch của đồng chí {nfc(NASTY_NAME)}")
        await users.send(secretary.telegram_id, COMMENT)
        await leader.until(nfc(COMMENT))
        await users.wait_for(
            NEWCOMER, lambda v: any(nfc(COMMENT) in x for x in _texts(v)), within=30
        )

        # aiogram-dialog probes and falls back on these by design (an edit that changes
        # nothing, a window deleted meanwhile); any other refusal, such as HTML that does not
        # parse, is a bug.
        refused = [
            e
            for e in await users.log(limit=10_000)
            if not e["ok"] and not e["description"].endswith(DIALOG_FALLBACKS)
        ]
        assert refused == [], refused
        async with db() as session:
            member = await session.scalar(select(Member).where(Member.telegram_id == NEWCOMER))
            assert member is not None and member.full_name == nfc(NASTY_NAME)
            plan_row = await session.scalar(select(YearPlan).where(YearPlan.member_id == member.id))
            assert plan_row is not None and plan_row.status is PlanStatus.RETURNED
            assert plan_row.review_comment == nfc(COMMENT)
            items = await session.scalars(
                select(PlanItem.text)
                .where(PlanItem.plan_id == plan_row.id)
                .order_by(PlanItem.position)
            )
            assert list(items) == [nfc(text) for text in NASTY_FIXED]
    finally:
        await engine.dispose()
