"""Personal data in chat: "Dữ liệu của tôi" for every member, anonymising a member who left."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import OPERATOR
from domain.clock import FixedClock
from domain.members import mark_left
from domain.summaries import cell_month_summary
from locales import t
from storage.models import AuditEntry, Member
from tests.dialogs.secretary.chat import LeaderChat
from tests.exports.world import MONTH, NOW, YEAR, World, build_world

CLOCK = FixedClock(NOW)


async def _world(db: async_sessionmaker[AsyncSession], *, deputy_left: bool = False) -> World:
    async with db() as session:
        world = await build_world(session)
    if deputy_left:
        async with db() as session, session.begin():
            await mark_left(session, OPERATOR, world.deputy_a.member_id, NOW)
    return world


def _sent_data(chat: LeaderChat) -> list[dict[str, Any]]:
    files = []
    for document in chat.bot.documents:
        assert document.chat_id == chat.client.chat.id
        files.append(json.loads(document.document.data))  # type: ignore[union-attr]
    return files


async def _figures(db: async_sessionmaker[AsyncSession], cell_id: int) -> tuple[Any, ...]:
    async with db() as session:
        summary = await cell_month_summary(session, cell_id, YEAR, MONTH)
    return (
        summary.members_total,
        summary.reported,
        summary.reported_on_time,
        summary.item_totals,
        [(m.member_id, m.report_status, m.on_time) for m in summary.members],
    )


async def test_a_member_receives_their_own_data_as_a_file(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1003, CLOCK)
    await chat.send("/start")
    await chat.press_id("menu-my-data")
    [data] = _sent_data(chat)
    assert data["member"]["id"] == world.member_a.member_id
    assert data["member"]["full_name"] == "Lê Văn <Cường>"
    assert [len(plan["items"]) for plan in data["plans"]] == [2]
    assert chat.bot.documents[0].caption == t("menu-my-data-caption")
    # The menu comes back below the file.
    assert t("menu-my-data") in chat.captions()


async def test_forged_buttons_never_fetch_another_members_data(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.send("/start")
    data = chat.callback_data(t("menu-my-data"))
    for forged in (
        f"{data}:{world.member_a.member_id}",
        f"{data}\x1d{world.member_a.member_id}",
        data.replace("my_data", f"my_data{world.member_a.member_id}"),
    ):
        await chat.press_data(forged)
    await chat.press_data(data)
    files = _sent_data(chat)
    assert files and {f["member"]["id"] for f in files} == {world.secretary_a.member_id}
    assert "Lê Văn" not in json.dumps(files, ensure_ascii=False)


async def test_the_secretary_anonymises_a_member_who_left(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory, deputy_left=True)
    before = await _figures(session_factory, world.cell_a)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    text = await chat.open("sec-open-roster", "sec-former-button")
    assert "(1 đồng chí)" in text
    text = await chat.press_id("sec-former-line", name="Trần Thị Bình", date="04/03/2025")
    assert "Rời chi bộ ngày 04/03/2025" in text
    text = await chat.press_id("sec-anonymise")
    assert "Ẩn danh dữ liệu cá nhân của đồng chí <b>Trần Thị Bình</b>?" in text
    text = await chat.press_id("sec-confirm-anonymise-button")
    label = f"Đảng viên đã ẩn danh số {world.deputy_a.member_id}"
    assert t("sec-member-anonymised", label=label) in text
    assert t("sec-former-line", name=label, date="04/03/2025") in chat.captions()

    assert await _figures(session_factory, world.cell_a) == before
    async with session_factory() as session:
        deputy = await session.get(Member, world.deputy_a.member_id)
        audit = (await session.scalars(select(AuditEntry))).all()
    assert deputy is not None and deputy.anonymised and deputy.full_name == label
    assert [(a.action, a.actor_member_id) for a in audit if a.action == "member.anonymise"] == [
        ("member.anonymise", world.secretary_a.member_id)
    ]
    # Once anonymised, the card says so and offers nothing more.
    text = await chat.press_id("sec-former-line", name=label, date="04/03/2025")
    assert "đã được ẩn danh" in text and t("sec-anonymise") not in chat.captions()


async def test_a_deputy_sees_who_left_but_cannot_anonymise(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    async with session_factory() as session, session.begin():
        await mark_left(session, OPERATOR, world.member_a.member_id, NOW)
    chat = LeaderChat(session_factory, 1002, CLOCK)
    await chat.open("sec-open-roster", "sec-former-button")
    await chat.press_id("sec-former-line", name="Lê Văn <Cường>", date="04/03/2025")
    assert t("sec-anonymise") not in chat.captions()


async def test_forged_buttons_anonymise_no_other_cells_member(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory, deputy_left=True)
    async with session_factory() as session, session.begin():
        await mark_left(session, OPERATOR, world.secretary_b.member_id, NOW)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-roster", "sec-former-button")
    data = chat.callback_data(t("sec-former-line", name="Trần Thị Bình", date="04/03/2025"))
    intent = data.split("\x1d")[0]
    # Cell B's former secretary, picked with made-up data: not in this cell's list.
    text = await chat.press_data(data.rsplit(":", 1)[0] + f":{world.secretary_b.member_id}")
    assert t("sec-member-gone") in text and "Đỗ Văn Phúc" not in text
    # Even with the hidden buttons pressed by hand, the use case refuses.
    await chat.press_data(f"{intent}\x1danonymise")
    text = await chat.press_data(f"{intent}\x1dyes_anonymise")
    assert t("error-permission-denied") in text
    async with session_factory() as session:
        other = await session.get(Member, world.secretary_b.member_id)
    assert other is not None and not other.anonymised and other.full_name == "Đỗ Văn Phúc"


async def test_a_member_who_left_still_takes_their_copy_and_a_stranger_sees_no_button(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    async with session_factory() as session, session.begin():
        await mark_left(session, OPERATOR, world.member_a.member_id, NOW)
    chat = LeaderChat(session_factory, 1003, CLOCK)
    await chat.send("/start")
    assert chat.captions() == [t("menu-my-data")]
    await chat.press_id("menu-my-data")
    [data] = _sent_data(chat)
    assert (data["member"]["id"], data["member"]["status"]) == (world.member_a.member_id, "left")

    stranger = LeaderChat(session_factory, 4242, CLOCK)
    await stranger.send("/start")
    assert t("menu-my-data") not in stranger.captions()
