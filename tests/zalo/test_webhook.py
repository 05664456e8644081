"""The Zalo webhook: the secret, the body size; an update stored and answered 200 before
it is handled, a replay stored and handled once, what a stopped process left handled by
the next; long answers split, never cut; one-time file links (a leader's month, a
member's own data)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.zalo.service import ZaloBot
from bot.zalo.web import SECRET_HEADER, WEBHOOK_PATH, build_app
from conversations.zalo.conversation import Conversation
from delivery.render import MAX_MESSAGE
from delivery.zalo import ZaloTexter
from delivery.zalo_api import ZaloApi
from domain.audit import OPERATOR
from domain.clock import FixedClock
from domain.invites import create_invite
from domain.linking import create_link_code
from emulator.client import ZaloUserClient
from locales import t
from storage.models import AuditEntry, FsmRecord, InboundMessage, Member, PlanItem
from tests.dialogs.seed import NOW, Seeded
from tests.zalo.chat import ZaloChat, text_update
from tests.zalo.conftest import ZaloPhone, phone

Db = async_sessionmaker[AsyncSession]
SECRET = "webhook-secret-0042"


@pytest.fixture
def bot(zalo_api: ZaloApi, conversation: Conversation) -> ZaloBot:
    return ZaloBot(zalo_api, conversation, ZaloTexter(zalo_api))


@pytest.fixture
async def server(session_factory: Db, bot: ZaloBot, clock: FixedClock) -> AsyncIterator[TestServer]:
    app = build_app(session_factory, bot, secret=SECRET, clock=clock)
    async with TestServer(app, host="127.0.0.1") as test_server:
        yield test_server


async def _post(server: TestServer, update: dict[str, Any]) -> int:
    async with aiohttp.ClientSession() as http:
        body = {"ok": True, "result": update}
        headers = {SECRET_HEADER: SECRET}
        async with http.post(server.make_url(WEBHOOK_PATH), json=body, headers=headers) as resp:
            return resp.status


async def _inbox(db: Db) -> list[tuple[str, bool, bool]]:
    """(message id, payload kept, handled) for each recorded message."""
    async with db() as session:
        rows = await session.execute(
            select(InboundMessage.message_id, InboundMessage.payload, InboundMessage.handled_at)
        )
    return sorted((key, payload is not None, handled is not None) for key, payload, handled in rows)


async def _stored(db: Db) -> tuple[int, int]:
    async with db() as session:
        seen = await session.scalar(select(func.count()).select_from(InboundMessage))
        states = await session.scalar(select(func.count()).select_from(FsmRecord))
    return int(seen or 0), int(states or 0)


async def test_missing_or_wrong_secret_is_refused_and_nothing_is_stored(
    session_factory: Db, seeded: Seeded, server: TestServer, zalo_users: ZaloUserClient
) -> None:
    lan = await phone(zalo_users, "Vũ Thị Lan")
    body = {"ok": True, "result": text_update(lan.user_id, "menu")}
    url = str(server.make_url(WEBHOOK_PATH))
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {SECRET_HEADER: "wrong-secret-0042"}, {SECRET_HEADER: ""}):
            async with http.post(url, json=body, headers=headers) as resp:
                assert resp.status == 401
        big = {"ok": True, "result": text_update(lan.user_id, "x" * 70_000)}
        async with http.post(url, json=big, headers={SECRET_HEADER: SECRET}) as resp:
            assert resp.status == 413
    assert await _stored(session_factory) == (0, 0)
    assert await lan.messages() == []


async def test_messages_through_the_webhook_are_answered_and_a_replay_is_handled_once(
    session_factory: Db,
    seeded: Seeded,
    server: TestServer,
    bot: ZaloBot,
    zalo_api: ZaloApi,
    zalo_users: ZaloUserClient,
) -> None:
    async with session_factory() as session, session.begin():
        invite = await create_invite(session, OPERATOR, cell_id=seeded.cell_id, now=NOW)
    await zalo_api.set_webhook(str(server.make_url(WEBHOOK_PATH)), SECRET)
    lan = await phone(zalo_users, "Vũ Thị Lan")
    await lan.say(invite.code, "Mã mời hợp lệ")  # posted by the stand-in, with the secret
    await lan.say("1", "Chào mừng")
    await lan.say("kehoach", "phần 1/3")

    replayed = text_update(lan.user_id, "Đọc kỹ chuyên đề năm", message_id="m-replayed")
    for _ in range(3):
        assert await _post(server, replayed) == 200
    await asyncio.wait_for(bot.inbox.join(), 10)
    stored = [row for row in await _inbox(session_factory) if row[0] == "m-replayed"]
    assert stored == [("m-replayed", False, True)]  # stored once, handled, payload dropped
    async with session_factory() as session:
        items = list(await session.scalars(select(PlanItem.text)))
    assert items == ["Đọc kỹ chuyên đề năm"]
    added = [text for text in await lan.messages() if text.startswith("Đã thêm việc")]
    assert len(added) == 1


async def test_the_webhook_answers_200_once_the_update_is_stored_before_its_turn_runs(
    session_factory: Db,
    seeded: Seeded,
    server: TestServer,
    bot: ZaloBot,
    conversation: Conversation,
    zalo_users: ZaloUserClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lan = await phone(zalo_users, "Vũ Thị Lan")
    turn_may_run = asyncio.Event()
    receive = conversation.receive

    async def held(update: dict[str, Any], *, stored: bool = False) -> Any:
        await turn_may_run.wait()
        return await receive(update, stored=stored)

    monkeypatch.setattr(conversation, "receive", held)
    update = text_update(lan.user_id, "menu", message_id="m-held")
    assert await asyncio.wait_for(_post(server, update), 10) == 200
    assert await _inbox(session_factory) == [("m-held", True, False)]
    assert await lan.messages() == []
    turn_may_run.set()
    await asyncio.wait_for(bot.inbox.join(), 10)
    assert await _inbox(session_factory) == [("m-held", False, True)]
    assert len(await lan.messages()) == 1


async def test_updates_a_stopped_process_stored_are_handled_once_in_order_by_the_next(
    session_factory: Db,
    seeded: Seeded,
    zalo_api: ZaloApi,
    clock: FixedClock,
    zalo_users: ZaloUserClient,
) -> None:
    async with session_factory() as session, session.begin():
        invite = await create_invite(session, OPERATOR, cell_id=seeded.cell_id, now=NOW)
    lan = await phone(zalo_users, "Vũ Thị Lan")
    stopped = Conversation(session_factory, clock=clock)
    # The first process stored two messages, answered 200 and stopped before handling them.
    for text in (invite.code, "1"):
        assert await stopped.store(text_update(lan.user_id, text, name="Vũ Thị Lan"))
        clock.advance(timedelta(seconds=1))
    assert [row[1:] for row in await _inbox(session_factory)] == [(True, False)] * 2

    for _ in range(2):  # the next process, then one more: the first handles them, once
        bot = ZaloBot(zalo_api, Conversation(session_factory, clock=clock), ZaloTexter(zalo_api))
        app = build_app(session_factory, bot, secret=SECRET, clock=clock)
        async with TestServer(app, host="127.0.0.1"):
            await asyncio.wait_for(bot.inbox.join(), 10)
    assert [row[1:] for row in await _inbox(session_factory)] == [(False, True)] * 2
    answers = await lan.messages()
    assert sum("Mã mời hợp lệ" in text for text in answers) == 1
    assert sum(text.startswith("Chào mừng đồng chí") for text in answers) == 1
    async with session_factory() as session:
        joined = await session.scalar(select(Member).where(Member.zalo_user_id == lan.user_id))
    assert joined is not None and joined.full_name == "Vũ Thị Lan"


async def test_a_2001_character_answer_is_split_on_a_line_never_cut(
    zalo_api: ZaloApi, zalo_users: ZaloUserClient
) -> None:
    lan: ZaloPhone = await phone(zalo_users, "Vũ Thị Lan")
    first = "Kế hoạch cá nhân: " + "rèn luyện " * 150  # 1518 characters
    second = "Việc cụ thể: " + "dọn vệ sinh " * 39
    text = f"{first.strip()}\n{second.strip()}"
    text += "." * (MAX_MESSAGE + 1 - len(text))
    assert len(text) == MAX_MESSAGE + 1
    assert await ZaloTexter(zalo_api).send_text(lan.user_id, text) == 2
    pieces = await lan.messages()
    assert pieces == text.split("\n")
    assert all(len(piece) <= MAX_MESSAGE for piece in pieces)


async def test_a_leader_on_zalo_gets_the_month_and_a_file_link_that_works_once(
    session_factory: Db, seeded: Seeded, server: TestServer, conversation: Conversation
) -> None:
    async with session_factory() as session, session.begin():
        link = await create_link_code(session, seeded.secretary, NOW)
    secretary = ZaloChat(conversation, "z-secretary")
    assert "Gõ 6 (tonghop)" in await secretary.send(link.code)
    answer = await secretary.send("tonghop")
    assert "Đã báo cáo: 0/" in answer
    url = answer.split("tải một lần tại ")[1].split()[0]  # the first link: the docx
    token = url.rsplit("/", 1)[1]
    async with aiohttp.ClientSession() as http:
        async with http.get(str(server.make_url(f"/zalo/files/{token}"))) as resp:
            assert resp.status == 200
            assert resp.headers["Content-Disposition"].endswith('.docx"')
            assert (await resp.read())[:2] == b"PK"
        async with http.get(str(server.make_url(f"/zalo/files/{token}"))) as resp:
            assert resp.status == 404
    member = ZaloChat(conversation, "z-member")
    assert "tải một lần" not in await member.send("tonghop")


async def test_a_chats_updates_run_one_at_a_time_in_order_even_one_coming_as_the_first_ends(
    conversation: Conversation, monkeypatch: pytest.MonkeyPatch
) -> None:
    gates = {key: asyncio.Event() for key in ("m-a", "m-b", "m-c")}
    entered: list[str] = []

    async def held(incoming: Any, stored: bool) -> list[str]:
        entered.append(incoming.message_id)
        await gates[incoming.message_id].wait()
        return []

    monkeypatch.setattr(conversation, "_handle", held)

    def receive(key: str) -> asyncio.Task[Any]:
        return asyncio.create_task(conversation.receive(text_update("z-1", "x", message_id=key)))

    tasks = [receive("m-a"), receive("m-b")]
    await asyncio.sleep(0)
    gates["m-a"].set()
    await tasks[0]  # the first ends while the second waits for the chat
    tasks.append(receive("m-c"))
    for _ in range(5):
        await asyncio.sleep(0)
    assert entered == ["m-a", "m-b"]  # the third waits for the second
    gates["m-b"].set()
    gates["m-c"].set()
    await asyncio.gather(*tasks)
    assert entered == ["m-a", "m-b", "m-c"]


async def test_a_member_gets_their_own_data_as_a_link_that_works_once(
    session_factory: Db, seeded: Seeded, server: TestServer, conversation: Conversation
) -> None:
    async with session_factory() as session, session.begin():
        invite = await create_invite(session, OPERATOR, cell_id=seeded.cell_id, now=NOW)
    lan = ZaloChat(conversation, "z-lan", name="Vũ Thị Lan")
    await lan.script(invite.code, "1")
    answer = await lan.send("Dữ liệu")
    assert answer.startswith(t("menu-my-data-caption"))
    url = answer.split("tải một lần tại ")[1].strip()
    token = url.rsplit("/", 1)[1]
    async with aiohttp.ClientSession() as http:
        async with http.get(str(server.make_url(f"/zalo/files/{token}"))) as resp:
            assert resp.status == 200
            assert resp.headers["Content-Disposition"].endswith('.json"')
            data = json.loads(await resp.read())
        async with http.get(str(server.make_url(f"/zalo/files/{token}"))) as resp:
            assert resp.status == 404
    assert data["format"] == "chibo.personal-data/1"
    assert (data["member"]["full_name"], data["member"]["zalo_user_id"]) == ("Vũ Thị Lan", "z-lan")
    async with session_factory() as session:
        exported = await session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "member.data_export")
        )
    assert exported == 1
    # Without a file server to link to, the member is told so, not sent a dead link.
    offline = ZaloChat(Conversation(session_factory, clock=FixedClock(NOW)), "z-lan")
    assert await offline.send("dulieu") == t("zalo-my-data-unavailable")
