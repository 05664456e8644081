"""The page's actions are the chat's use cases: join requests accepted or refused by the
cell's secretary, the person told through the outbox, anyone else refused."""

from __future__ import annotations

from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.audit import OPERATOR
from domain.invites import create_invite
from domain.joining import join_cell
from domain.vocabulary import MemberStatus
from storage.models import Member, OutboxMessage
from tests.webview.conftest import MEMBER_1, NOW, SECRETARY_1, SECRETARY_2, launch


async def _ask_to_join(db: async_sessionmaker[AsyncSession], *names: str) -> None:
    async with db() as session, session.begin():
        invite = await create_invite(
            session, OPERATOR, cell_id=1, now=NOW, uses=len(names), needs_approval=True
        )
    for number, name in enumerate(names):
        async with db() as session, session.begin():
            await join_cell(session, invite.code, 50_000 + number, name, NOW)


async def _joins(client: TestClient[Any, Any]) -> dict[str, int]:
    response = await client.get("/webview/api/view", headers={"X-Init-Data": launch(SECRETARY_1)})
    return {j["name"]: j["member_id"] for j in (await response.json())["joins"]}


async def _decide(client: TestClient[Any, Any], who: int, member_id: int, decision: str) -> int:
    path = f"/webview/api/joins/{member_id}/{decision}"
    return (await client.post(path, headers={"X-Init-Data": launch(who)})).status


async def test_the_secretary_accepts_one_request_and_refuses_another(
    client: TestClient[Any, Any], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await _ask_to_join(session_factory, "Vũ Thị Lan", "Đỗ Văn Minh")
    joins = await _joins(client)
    assert set(joins) == {"Vũ Thị Lan", "Đỗ Văn Minh"}
    assert await _decide(client, SECRETARY_1, joins["Vũ Thị Lan"], "accept") == 200
    assert await _decide(client, SECRETARY_1, joins["Đỗ Văn Minh"], "refuse") == 200
    assert await _joins(client) == {}
    async with session_factory() as session:
        statuses = dict(
            (
                await session.execute(
                    select(Member.full_name, Member.status).where(Member.id.in_(joins.values()))
                )
            ).all()
        )
        told = set(await session.scalars(select(OutboxMessage.kind)))
    assert statuses == {"Vũ Thị Lan": MemberStatus.ACTIVE, "Đỗ Văn Minh": MemberStatus.REFUSED}
    assert {"join_approved", "join_refused"} <= told


async def test_another_cells_secretary_and_a_member_cannot_decide(
    client: TestClient[Any, Any], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    await _ask_to_join(session_factory, "Vũ Thị Lan")
    joins = await _joins(client)
    for who in (SECRETARY_2, MEMBER_1):
        assert await _decide(client, who, joins["Vũ Thị Lan"], "accept") == 403
    assert await _joins(client) == joins
