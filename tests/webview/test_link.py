"""The one-time link Zalo leaders get: used once for a signed page session, under the chat's
permissions; a used, forged or stale one is refused."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.downloads import WEBVIEW_LINK, issue_download
from storage.models import Member
from tests.webview.conftest import MEMBER_1, NOW, SECRETARY_1, SECRETARY_2, TOKEN
from webview.auth import BadLink, link_actor, open_link


async def _link(db: async_sessionmaker[AsyncSession], telegram_id: int) -> str:
    async with db() as session, session.begin():
        member_id = await session.scalar(select(Member.id).where(Member.telegram_id == telegram_id))
        assert member_id is not None
        return await issue_download(session, member_id, WEBVIEW_LINK, NOW)


async def _open(client: TestClient[Any, Any], once: str) -> tuple[int, dict[str, Any]]:
    response = await client.post("/webview/api/link", headers={"X-Link-Token": once})
    return response.status, await response.json()


async def _view(client: TestClient[Any, Any], page: str) -> tuple[int, dict[str, Any]]:
    response = await client.get("/webview/api/view", headers={"X-Link-Session": page})
    return response.status, await response.json()


async def test_a_link_opens_the_leaders_cell_once(
    client: TestClient[Any, Any], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    once = await _link(session_factory, SECRETARY_1)
    status, body = await _open(client, once)
    assert status == 200
    status, first = await _view(client, body["session"])
    assert status == 200 and first["kind"] == "cell"
    assert (await _open(client, once))[0] == 403
    other = (await _open(client, await _link(session_factory, SECRETARY_2)))[1]["session"]
    assert (await _view(client, other))[1]["cell"] != first["cell"]


async def test_a_members_link_opens_nothing(
    client: TestClient[Any, Any], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, body = await _open(client, await _link(session_factory, MEMBER_1))
    assert (await _view(client, body["session"]))[0] == 403


async def test_a_download_token_is_no_link(
    client: TestClient[Any, Any], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session, session.begin():
        other = await issue_download(session, 1, {"export": "my-data"}, NOW)
    assert (await _open(client, other))[0] == 403


async def test_a_forged_or_stale_page_session_is_refused(
    session_factory: async_sessionmaker[AsyncSession], demo: object
) -> None:
    once = await _link(session_factory, SECRETARY_1)
    async with session_factory() as session, session.begin():
        page = await open_link(session, once, TOKEN, NOW)
        assert (await link_actor(session, page, TOKEN, NOW + timedelta(hours=1))).cell_id
        member_id, expires, signature = page.split(".")
        for bad, at in (
            (page, NOW + timedelta(hours=3)),
            (f"{int(member_id) + 1}.{expires}.{signature}", NOW),
            (f"{member_id}.{int(expires) + 3600}.{signature}", NOW),
            ("x", NOW),
        ):
            with pytest.raises(BadLink):
                await link_actor(session, bad, TOKEN, at)
        with pytest.raises(BadLink):
            await link_actor(session, page, "other-token", NOW)
