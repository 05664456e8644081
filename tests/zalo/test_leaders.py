"""A cell's leaders on Zalo: who has not reported and nudging them (through the outbox),
the plans waiting for review (approve, or return with a reason), the join requests (accept
or refuse), the month's files as one-time links; a plain member is refused each of them."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import date

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.zalo.web import build_app
from conversations.zalo.conversation import Conversation
from domain.audit import OPERATOR
from domain.clock import FixedClock
from domain.invites import create_invite
from domain.linking import create_link_code
from domain.members import open_membership, set_deputy
from domain.oversight import NUDGE_KIND
from domain.permissions import Actor
from domain.plans import add_item_at, submit_plan
from domain.vocabulary import MemberStatus, PlanStatus
from locales import t
from storage.models import Member, OutboxMessage, YearPlan
from tests.dialogs.seed import NOW, Seeded
from tests.zalo.chat import ZaloChat
from tests.zalo.conftest import FILES
from webview.pages import create_app

Db = async_sessionmaker[AsyncSession]
REFUSED = t("error-permission-denied")


async def _linked(db: Db, conversation: Conversation, actor: Actor, user_id: str) -> ZaloChat:
    """The member ``actor`` on Zalo, linked from Telegram with a link code."""
    async with db() as session, session.begin():
        link = await create_link_code(session, actor, NOW)
    chat = ZaloChat(conversation, user_id)
    await chat.send(link.code)
    return chat


async def _submitted(db: Db, actor: Actor, text: str) -> None:
    async with db() as session, session.begin():
        await add_item_at(session, actor, 2026, 1, text, NOW)
        await submit_plan(session, actor, 2026, NOW)


async def _in_the_cell(db: Db, seeded: Seeded) -> None:
    """The seeded three as members of the cell since January: the month counts them."""
    async with db() as session, session.begin():
        for actor in (seeded.secretary, seeded.an, seeded.binh):
            member = await session.get(Member, actor.member_id)
            assert member is not None
            open_membership(session, member, seeded.cell_id, member.role, date(2026, 1, 1))


async def _nudged(db: Db) -> list[int | None]:
    async with db() as session:
        rows = select(OutboxMessage.member_id).where(OutboxMessage.kind == NUDGE_KIND)
        return sorted(await session.scalars(rows))


async def test_a_secretary_sees_who_has_not_reported_and_nudges_all_or_one(
    session_factory: Db, seeded: Seeded, conversation: Conversation
) -> None:
    await _in_the_cell(session_factory, seeded)
    secretary = await _linked(session_factory, conversation, seeded.secretary, "z-secretary")
    answer = await secretary.send("Chưa báo cáo")
    assert answer.startswith("Tháng 04/2026: 3/3 đồng chí chưa báo cáo")
    assert "\n1. Trần Thị Bí Thư\n2. Nguyễn Văn An\n3. Lê Thị Bình\n" in answer
    assert await secretary.send("nhắc 2") == t("sec-nudged", queued=1, repeated=0, unreachable=0)
    assert await _nudged(session_factory) == [seeded.an.member_id]
    # «nhac» nudges everyone missing, once a day: An was nudged already.
    assert await secretary.send("nhac") == t("sec-nudged", queued=2, repeated=1, unreachable=0)
    everyone = [seeded.secretary.member_id, seeded.an.member_id, seeded.binh.member_id]
    assert await _nudged(session_factory) == sorted(everyone)
    # A number past the list is no answer to it: one short hint.
    await secretary.send("chuabaocao")
    assert await secretary.send("nhac 9") == t("zalo-not-understood", text="nhac 9")


async def test_a_secretary_approves_one_plan_and_returns_another_with_a_reason(
    session_factory: Db, seeded: Seeded, conversation: Conversation
) -> None:
    await _submitted(session_factory, seeded.an, "Đọc hết chuyên đề năm")
    await _submitted(session_factory, seeded.binh, "Học <nghị quyết>")
    secretary = await _linked(session_factory, conversation, seeded.secretary, "z-secretary")
    answer = await secretary.send("duyetkehoach")
    assert "1. Lê Thị Bình (1 việc)\n2. Nguyễn Văn An (1 việc)" in answer
    assert "Học <nghị quyết>" in await secretary.send("1")
    assert "Lê Thị Bình" in await secretary.send("2")  # return: the reason is asked
    answer = await secretary.send("Cần ghi rõ thời gian")
    assert t("sec-plan-returned", name="Lê Thị Bình") in answer
    assert "1. Nguyễn Văn An (1 việc)" in answer  # the list again, Bình's plan off it
    await secretary.send("1")
    answer = await secretary.send("1")
    assert t("sec-plan-acknowledged", name="Nguyễn Văn An") in answer
    assert t("zalo-review-none", year="2026") in answer
    async with session_factory() as session:
        plans = dict(
            (row.member_id, (row.status, row.review_comment))
            for row in await session.scalars(select(YearPlan))
        )
        told = set(await session.scalars(select(OutboxMessage.kind)))
    assert plans == {
        seeded.an.member_id: (PlanStatus.ACKNOWLEDGED, None),
        seeded.binh.member_id: (PlanStatus.RETURNED, "Cần ghi rõ thời gian"),
    }
    assert {"plan_acknowledged", "plan_returned"} <= told


async def test_a_deputy_accepts_one_join_request_and_refuses_another(
    session_factory: Db, seeded: Seeded, conversation: Conversation
) -> None:
    async with session_factory() as session, session.begin():
        await set_deputy(session, seeded.secretary, seeded.an.member_id, True)
        invite = await create_invite(
            session, OPERATOR, cell_id=seeded.cell_id, now=NOW, uses=2, needs_approval=True
        )
    for user_id, name in (("z-lan", "Vũ Thị Lan"), ("z-minh", "Đỗ Văn Minh")):
        await ZaloChat(conversation, user_id, name=name).script(invite.code, "1")
    deputy = await _linked(session_factory, conversation, seeded.an, "z-an")
    answer = await deputy.send("xin tham gia")
    assert "1. Vũ Thị Lan\n2. Đỗ Văn Minh" in answer
    assert await deputy.send("2") == t("zalo-join-choose", name="Đỗ Văn Minh")
    answer = await deputy.send("2")
    assert t("sec-member-refused", name="Đỗ Văn Minh") in answer
    await deputy.send("1")
    answer = await deputy.send("1")
    assert t("zalo-join-accepted", name="Vũ Thị Lan") in answer
    assert t("zalo-joins-none") in answer
    async with session_factory() as session:
        rows = select(Member.full_name, Member.status).where(Member.zalo_user_id != "z-an")
        statuses = dict((await session.execute(rows.where(Member.zalo_user_id.is_not(None)))).all())
    assert statuses == {"Vũ Thị Lan": MemberStatus.ACTIVE, "Đỗ Văn Minh": MemberStatus.REFUSED}


async def test_a_plain_member_is_refused_every_leaders_command(
    session_factory: Db, seeded: Seeded, conversation: Conversation
) -> None:
    await _submitted(session_factory, seeded.an, "Đọc hết chuyên đề năm")
    binh = await _linked(session_factory, conversation, seeded.binh, "z-binh")
    for command in ("chuabaocao", "nhac", "duyetkehoach", "xinthamgia", "xemchibo"):
        assert await binh.send(command) == REFUSED, command
    assert await binh.send("1") != REFUSED  # no list was kept: 1 is the menu's plan
    assert await _nudged(session_factory) == []
    assert "chuabaocao" not in await binh.send("huongdan")


@pytest.fixture
async def files(session_factory: Db, clock: FixedClock) -> AsyncIterator[TestServer]:
    app = build_app(session_factory, None, secret=None, clock=clock)
    async with TestServer(app, host="127.0.0.1") as server:
        yield server


async def test_the_summary_links_each_file_and_document_once(
    session_factory: Db, seeded: Seeded, conversation: Conversation, files: TestServer
) -> None:
    secretary = await _linked(session_factory, conversation, seeded.secretary, "z-secretary")
    answer = await secretary.send("tonghop")
    links = [line.split(FILES)[1] for line in answer.splitlines() if FILES in line]
    assert len(links) == 6
    got = []
    async with aiohttp.ClientSession() as http:
        for token in links:
            async with http.get(str(files.make_url(f"/zalo/files/{token}"))) as resp:
                assert resp.status == 200
                name = resp.headers["Content-Disposition"].rsplit(".", 1)[1].rstrip('"')
                got.append((name, (await resp.read())[:4]))
            async with http.get(str(files.make_url(f"/zalo/files/{token}"))) as resp:
                assert resp.status == 404
    assert (
        got
        == [("docx", b"PK\x03\x04"), ("xlsx", b"PK\x03\x04"), ("png", b"\x89PNG")]
        + [("docx", b"PK\x03\x04")] * 3
    )
    assert "bieu-do-nam-2026-chi-bo-khu-pho-3" in answer
    # The minutes and the reviews of the month the summary shows.
    month = re.search(r"bao-cao-thang-2026-(\d\d)-chi-bo-khu-pho-3", answer)
    assert month is not None
    shown = int(month.group(1))
    cell = "chi-bo-khu-pho-3-phuong-ngo-quyen.docx"
    assert f"bien-ban-sinh-hoat-2026-{shown:02d}-{cell}" in answer
    assert f"so-ket-6-thang-2026-{min(shown, 6):02d}-{cell}" in answer
    assert f"tong-ket-nam-2026-{shown:02d}-{cell}" in answer
    helped = await secretary.send("huongdan")
    assert t("zalo-help-leader") in helped


async def test_the_web_view_link_opens_the_cell_once(
    session_factory: Db, seeded: Seeded, clock: FixedClock
) -> None:
    pages = "http://chibo.test/webview/?once="
    conversation = Conversation(session_factory, clock=clock, webview_url=lambda t: pages + t)
    secretary = await _linked(session_factory, conversation, seeded.secretary, "z-secretary")
    answer = await secretary.send("xemchibo")
    assert answer == t("zalo-webview-link", url=pages + answer.split(pages)[1])
    once = {"X-Link-Token": answer.split(pages)[1]}
    async with TestClient(TestServer(create_app(session_factory, "1:T", clock))) as client:
        opened = await client.post("/webview/api/link", headers=once)
        assert opened.status == 200
        page = {"X-Link-Session": (await opened.json())["session"]}
        view = await client.get("/webview/api/view", headers=page)
        assert view.status == 200 and (await view.json())["kind"] == "cell"
        again = await client.post("/webview/api/link", headers=once)
        assert again.status == 403
        assert await again.json() == {"error": t("webview-error-link")}


async def test_without_a_web_view_the_leader_is_told_so(
    session_factory: Db, seeded: Seeded, conversation: Conversation
) -> None:
    secretary = await _linked(session_factory, conversation, seeded.secretary, "z-secretary")
    assert await secretary.send("xemchibo") == t("zalo-webview-off")
