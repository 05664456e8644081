"""The members window: statuses, join requests, deputies, leaving, transfers and invites."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from delivery import render
from domain.clock import FixedClock
from domain.vocabulary import MemberStatus, Role
from locales import t
from storage.models import AuditEntry, CellMembership, Invite, Member, OutboxMessage
from tests.dialogs.secretary.chat import BOT_USERNAME, LeaderChat
from tests.exports.world import NOW, World, build_world

CLOCK = FixedClock(NOW)


async def _world(db: async_sessionmaker[AsyncSession]) -> World:
    async with db() as session:
        return await build_world(session)


async def _audits(db: async_sessionmaker[AsyncSession]) -> list[tuple[str, int | None]]:
    async with db() as session:
        rows = await session.execute(
            select(AuditEntry.action, AuditEntry.actor_member_id).order_by(AuditEntry.id)
        )
        return [(action, actor) for action, actor in rows]


async def test_roster_shows_who_is_active_waiting_or_out_of_reach(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    async with session_factory() as session, session.begin():
        member = await session.get(Member, world.member_a.member_id)
        assert member is not None
        member.reachable = False  # blocked the bot
    chat = LeaderChat(session_factory, 1001, CLOCK)
    text = await chat.open("sec-open-roster")
    # An, Bình, Cường, Dung are active; Em waits; Dung never pressed Start; Cường blocked.
    assert "4 đồng chí đang sinh hoạt; 1 yêu cầu chờ duyệt" in text
    assert "1 đồng chí chưa kết nối với bot; 1 đồng chí đã chặn bot" in text
    captions = chat.captions()
    for msg_id, name in (
        ("sec-roster-leader", "Nguyễn Văn An"),
        ("sec-roster-leader", "Trần Thị Bình"),
        ("sec-roster-blocked", "Lê Văn <Cường>"),
        ("sec-roster-unlinked", "Phạm Thị Dung"),
        ("sec-roster-pending", "Hoàng Văn Em"),
    ):
        assert t(msg_id, name=name) in captions
    assert not any("Đỗ Văn Phúc" in c for c in captions)  # another cell's secretary

    await chat.press_id("sec-roster-blocked", name="Lê Văn <Cường>")
    assert "Lê Văn &lt;Cường&gt;" in chat.text
    assert t("sec-state-blocked") in chat.text


async def test_a_long_roster_is_paged_and_every_member_is_reachable(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    async with session_factory() as session, session.begin():
        session.add_all(
            Member(full_name=f"Đảng viên số {n:02d}", cell_id=world.cell_a, telegram_id=50_000 + n)
            for n in range(1, 41)
        )
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-roster")
    seen: set[str] = set()
    for _ in range(10):
        seen.update(c for c in chat.captions() if c.startswith(("👤", "⭐", "📵", "⏳", "🚫")))
        if ">" not in chat.captions():
            break
        await chat.press(">")
    assert len(seen) == 45  # 40 added + An, Bình, Cường, Dung, Em
    assert t("sec-roster-active", name="Đảng viên số 40") in seen


async def test_approving_a_join_request_tells_the_member_once(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1002, CLOCK)  # the deputy may approve
    await chat.open("sec-open-roster")
    await chat.press_id("sec-roster-pending", name="Hoàng Văn Em")
    assert t("sec-state-pending") in chat.text
    text = await chat.press_id("sec-approve")
    assert "Đã duyệt đồng chí Hoàng Văn Em" in text
    assert t("sec-approve") not in chat.captions()
    async with session_factory() as session:
        member = await session.get(Member, world.pending_a.member_id)
        outbox = (await session.scalars(select(OutboxMessage))).all()
    assert member is not None and member.status is MemberStatus.ACTIVE
    assert [(m.chat_id, m.kind) for m in outbox] == [(1005, "join_approved")]
    assert "Hoàng Văn Em" in render.telegram(outbox[0].payload)[0]
    assert await _audits(session_factory) == [("member.approve", world.deputy_a.member_id)]


async def test_refusing_a_join_request_removes_it_and_tells_the_person(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-roster")
    await chat.press_id("sec-roster-pending", name="Hoàng Văn Em")
    text = await chat.press_id("sec-refuse")
    assert "Đã từ chối yêu cầu của Hoàng Văn Em" in text
    assert t("sec-roster-pending", name="Hoàng Văn Em") not in chat.captions()
    async with session_factory() as session:
        member = await session.get(Member, world.pending_a.member_id)
        outbox = (await session.scalars(select(OutboxMessage))).all()
    assert member is not None and member.status is MemberStatus.REFUSED
    assert [(m.chat_id, m.kind) for m in outbox] == [(1005, "join_refused")]


async def test_only_the_secretary_makes_or_unmakes_a_deputy(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    deputy = LeaderChat(session_factory, 1002, CLOCK)
    await deputy.open("sec-open-roster")
    await deputy.press_id("sec-roster-active", name="Lê Văn <Cường>")
    assert t("sec-make-deputy") not in deputy.captions()

    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-roster")
    await chat.press_id("sec-roster-active", name="Lê Văn <Cường>")
    assert "Lê Văn &lt;Cường&gt; đã là phó bí thư" in await chat.press_id("sec-make-deputy")
    assert t("sec-role-deputy") in chat.text
    await chat.press_id("sec-unmake-deputy")
    async with session_factory() as session:
        member = await session.get(Member, world.member_a.member_id)
    assert member is not None and member.role is Role.MEMBER
    assert [a for a, _ in await _audits(session_factory)] == ["member.role", "member.role"]


async def test_marking_a_member_as_left_keeps_the_history(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-roster")
    await chat.press_id("sec-roster-unlinked", name="Phạm Thị Dung")
    assert "Ghi nhận đồng chí <b>Phạm Thị Dung</b> rời chi bộ?" in (
        await chat.press_id("sec-mark-left")
    )
    await chat.press_id("sec-confirm-left-button")
    assert "Đã ghi nhận đồng chí Phạm Thị Dung rời chi bộ" in chat.text
    assert t("sec-roster-unlinked", name="Phạm Thị Dung") not in chat.captions()
    async with session_factory() as session:
        member = await session.get(Member, world.silent_a)
        periods = (
            await session.scalars(
                select(CellMembership).where(CellMembership.member_id == world.silent_a)
            )
        ).all()
    assert member is not None and member.status is MemberStatus.LEFT
    assert [(p.cell_id, p.start_on, p.end_on) for p in periods] == [
        (world.cell_a, date(2025, 1, 1), date(2025, 3, 4))
    ]


async def test_a_leader_cannot_mark_themself_as_left(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-roster")
    await chat.press_id("sec-roster-leader", name="Nguyễn Văn An")
    assert t("sec-mark-left") not in chat.captions()
    assert t("sec-transfer") not in chat.captions()


async def test_transferring_a_member_to_another_cell_of_the_committee(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-roster")
    await chat.press_id("sec-roster-active", name="Lê Văn <Cường>")
    await chat.press_id("sec-transfer")
    assert chat.captions()[:-1] == ["Chi bộ khu phố 1"]  # the committee's other cell only
    await chat.press("Chi bộ khu phố 1")
    assert "sang <b>Chi bộ khu phố 1</b>" in chat.text
    await chat.press_id("sec-confirm-transfer-button")
    assert "Đã chuyển đồng chí Lê Văn &lt;Cường&gt; sang Chi bộ khu phố 1" in chat.text
    async with session_factory() as session:
        member = await session.get(Member, world.member_a.member_id)
        periods = (
            await session.scalars(
                select(CellMembership)
                .where(CellMembership.member_id == world.member_a.member_id)
                .order_by(CellMembership.id)
            )
        ).all()
    assert member is not None and member.cell_id == world.cell_b
    assert [(p.cell_id, p.end_on) for p in periods] == [
        (world.cell_a, date(2025, 3, 4)),
        (world.cell_b, None),
    ]
    assert [a for a, _ in await _audits(session_factory)] == ["member.transfer"]


async def test_an_invite_arrives_as_a_qr_code_with_its_deep_link(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-roster", "sec-invite-button")
    await chat.press_id("sec-invite-approval-button")
    async with session_factory() as session:
        invite = (await session.scalars(select(Invite))).one()
    assert (invite.cell_id, invite.needs_approval, invite.created_by_id) == (
        world.cell_a,
        True,
        world.secretary_a.member_id,
    )
    [photo] = chat.bot.photos
    assert photo.chat_id == 1001
    assert f"https://t.me/{BOT_USERNAME}?start={invite.code}" in (photo.caption or "")
    assert "hết hạn ngày 11/03/2025" in (photo.caption or "")
    image = Image.open(io.BytesIO(photo.photo.data))  # type: ignore[union-attr]
    assert image.format == "PNG" and image.size[0] == image.size[1] > 200
    # The roster comes back below the photo, saying where the invite is.
    assert t("sec-invite-sent") in chat.text
    assert [a for a, _ in await _audits(session_factory)] == ["invite.create"]


async def test_forged_buttons_reach_no_other_cells_member(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    world = await _world(session_factory)
    chat = LeaderChat(session_factory, 1001, CLOCK)
    await chat.open("sec-open-roster")
    data = chat.callback_data(t("sec-roster-pending", name="Hoàng Văn Em"))
    intent = data.split("\x1d")[0]
    # Cell B's secretary, picked with made-up data: shown as not in this cell, no buttons.
    text = await chat.press_data(data.rsplit(":", 1)[0] + f":{world.secretary_b.member_id}")
    assert t("sec-member-gone") in text and "Đỗ Văn Phúc" not in text
    text = await chat.press_data(f"{intent}\x1dapprove")
    assert t("error-permission-denied") in text
    await chat.press_data(f"{intent}\x1dpromote")
    async with session_factory() as session:
        other = await session.get(Member, world.secretary_b.member_id)
    assert other is not None and (other.status, other.role) == (MemberStatus.ACTIVE, Role.SECRETARY)
    assert await _audits(session_factory) == []
