"""A newcomer on Zalo joins with the invite code, is reminded, registers a plan, reports a
month, reads her history, confirms she will attend and takes her own data, through the real
``chibo run`` process and the stand-in's Zalo side over HTTP."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import aiohttp
import pytest
from sqlalchemy import select

from domain.audit import OPERATOR
from domain.oversight import NUDGE_KIND, nudge_missing
from domain.permissions import actor_for_zalo
from domain.reports import current_month
from domain.vocabulary import Channel, ItemStatus, MemberStatus, PlanStatus, ReportStatus
from emulator.client import ZaloUserClient
from storage.db import create_engine, create_session_factory
from storage.models import (
    ItemProgress,
    Member,
    OutboxMessage,
    OutboxStatus,
    PlanItem,
    ProgressReport,
    YearPlan,
)
from tests.e2e.conftest import ChiboProcess

pytestmark = pytest.mark.moments

PLAN_ITEM = "Tham gia mô hình «Tuyến phố không rác» mỗi sáng Chủ nhật"
NOTE = "Đã tham gia bốn buổi"


class ZaloPhone:
    def __init__(self, zalo: ZaloUserClient, user_id: str) -> None:
        self.zalo = zalo
        self.user_id = user_id

    async def say(self, text: str, expect: str) -> str:
        """Type ``text``; the first answer after it that contains ``expect``."""
        sent = await self.zalo.send(self.user_id, text)
        answer: dict[str, Any] = await self.zalo.wait_for_message(
            self.user_id, expect, after=sent, within=60
        )
        return str(answer["text"])


async def test_a_newcomer_on_zalo_joins_is_reminded_plans_and_reports(chibo: ChiboProcess) -> None:
    found = re.search(r"start=([A-Z0-9]{8})", chibo.output())
    assert found, chibo.output()
    async with ZaloUserClient(chibo.base_url) as zalo:
        persona = await zalo.create_persona("Đỗ Thị Hồng")
        phone = ZaloPhone(zalo, str(persona["id"]))
        welcome = await phone.say("xin chào", "mã mời")
        assert "<" not in welcome
        await phone.say(found.group(1).lower(), "Mã mời hợp lệ")
        await phone.say("1", "Chào mừng đồng chí Đỗ Thị Hồng")

        engine = create_engine(chibo.database_url)
        db = create_session_factory(engine)
        try:
            # The secretary's nudge goes through the outbox and the delivery worker to Zalo.
            now = chibo.now()
            async with db() as session, session.begin():
                actor = await actor_for_zalo(session, phone.user_id)
                assert actor is not None and actor.cell_id is not None
                year, month = await current_month(session, actor, now)
                nudged = await nudge_missing(
                    session, OPERATOR, actor.cell_id, year, month, now=now,
                    member_ids=[actor.member_id],
                )  # fmt: skip
            assert nudged.queued == 1
            reminder = await zalo.wait_for_message(
                phone.user_id, f"tháng {month:02d}/{year}", within=60
            )
            assert "Đỗ Thị Hồng" in reminder["text"] and "<" not in reminder["text"]

            answer = await phone.say("kehoach", "phần 1/")
            await phone.say(PLAN_ITEM, "Đã thêm việc")
            while "Kế hoạch cá nhân năm" not in answer:
                answer = await phone.say("0", "")  # the next section, or the preview
            assert PLAN_ITEM in answer
            await phone.say("1", "Đã đăng ký kế hoạch")

            answer = await phone.say("baocao", "việc 1/1")
            assert PLAN_ITEM in answer
            await phone.say("1", "ghi chú")
            await phone.say(NOTE, "Việc làm khác")
            await phone.say("0", "Khó khăn")
            await phone.say("0", "Đề xuất")
            preview = await phone.say("0", "Hoàn thành")
            assert NOTE in preview
            await phone.say("1", "Đã gửi báo cáo")
            history = await phone.say("lichsu", "Lịch sử năm")
            assert f"Tháng {month:02d}: đã gửi" in history
            await phone.say("thamdu", "Đã ghi nhận đồng chí sẽ tham dự")
            # Her own data: a one-time link that the running process serves.
            answer = await phone.say("dulieu", "tải một lần tại ")
            url = answer.split("tải một lần tại ")[1].strip()
            async with aiohttp.ClientSession() as http, http.get(url) as resp:
                assert resp.status == 200
                data = json.loads(await resp.read())
            assert data["member"]["full_name"] == "Đỗ Thị Hồng"
            assert [p["year"] for p in data["plans"]] == [year]

            async with db() as session:
                member = await session.scalar(
                    select(Member).where(Member.zalo_user_id == phone.user_id)
                )
                assert member is not None and member.telegram_id is None
                assert member.status is MemberStatus.ACTIVE
                assert member.reminder_channel is Channel.ZALO
                plan = await session.scalar(select(YearPlan).where(YearPlan.member_id == member.id))
                assert plan is not None and plan.status is PlanStatus.SUBMITTED
                items = list(
                    await session.scalars(select(PlanItem.text).where(PlanItem.plan_id == plan.id))
                )
                assert items == [PLAN_ITEM]
                report = await session.scalar(
                    select(ProgressReport).where(ProgressReport.member_id == member.id)
                )
                assert report is not None and report.status is ReportStatus.SUBMITTED
                assert (report.year, report.month) == (year, month)
                progress = (
                    await session.execute(
                        select(ItemProgress.status, ItemProgress.note).where(
                            ItemProgress.report_id == report.id
                        )
                    )
                ).all()
                assert [tuple(row) for row in progress] == [(ItemStatus.DONE, NOTE)]
                member_id = member.id
            # The worker records SENT just after Zalo took the message: wait for the record.
            expected = [("zalo", OutboxStatus.SENT)]
            rows: list[tuple[str, OutboxStatus]] = []
            for _ in range(150):
                async with db() as session:
                    result = await session.execute(
                        # The scheduler's own tick may remind her too; the nudge is ours.
                        select(OutboxMessage.channel, OutboxMessage.status).where(
                            OutboxMessage.member_id == member_id, OutboxMessage.kind == NUDGE_KIND
                        )
                    )
                    rows = [(channel, status) for channel, status in result]
                if rows == expected:
                    break
                await asyncio.sleep(0.1)
            assert rows == expected
        finally:
            await engine.dispose()
