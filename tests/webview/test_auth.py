"""Telegram's initData check, then the chat's permission rules, over the web view's HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from aiohttp.test_utils import TestClient

from locales import t
from tests.webview.conftest import (
    COMMITTEE,
    MEMBER_1,
    NOW,
    SECRETARY_1,
    SECRETARY_2,
    TOKEN,
    launch,
)
from webview.auth import BadInitData, telegram_user_id


async def view(client: TestClient[Any, Any], init_data: str) -> tuple[int, dict[str, Any]]:
    response = await client.get("/webview/api/view", headers={"X-Init-Data": init_data})
    return response.status, await response.json()


def test_a_valid_launch_names_its_user() -> None:
    assert telegram_user_id(launch(SECRETARY_1), TOKEN, NOW) == SECRETARY_1


def test_a_launch_signed_with_another_token_is_refused() -> None:
    with pytest.raises(BadInitData):
        telegram_user_id(launch(SECRETARY_1, token="654321:OTHER-token"), TOKEN, NOW)


def test_a_forged_user_is_refused() -> None:
    # A member takes their own valid launch and puts the secretary's id in it.
    fields = dict(parse_qsl(launch(MEMBER_1)))
    fields["user"] = fields["user"].replace(str(MEMBER_1), str(SECRETARY_1))
    with pytest.raises(BadInitData):
        telegram_user_id(urlencode(fields), TOKEN, NOW)


@pytest.mark.parametrize("age", [timedelta(hours=25), timedelta(days=30)])
def test_an_old_launch_is_refused(age: timedelta) -> None:
    with pytest.raises(BadInitData):
        telegram_user_id(launch(SECRETARY_1, at=NOW - age), TOKEN, NOW)


def test_a_launch_an_hour_old_is_still_good() -> None:
    assert telegram_user_id(launch(SECRETARY_1, at=NOW - timedelta(hours=1)), TOKEN, NOW) == 1001


async def test_the_secretary_sees_their_own_cell(client: TestClient[Any, Any]) -> None:
    status, body = await view(client, launch(SECRETARY_1))
    assert status == 200
    assert body["kind"] == "cell"
    assert "Nguyễn Thị Thu Hà" in [m["name"] for m in body["members"]]


async def test_another_cells_secretary_sees_only_theirs(client: TestClient[Any, Any]) -> None:
    _, first = await view(client, launch(SECRETARY_1))
    status, second = await view(client, launch(SECRETARY_2))
    assert status == 200
    assert second["cell"] != first["cell"]
    assert "Nguyễn Thị Thu Hà" not in [m["name"] for m in second["members"]]


async def test_another_cells_secretary_cannot_approve_here(client: TestClient[Any, Any]) -> None:
    _, first = await view(client, launch(SECRETARY_1))
    pending = [p["plan_id"] for p in first["pending"]]
    assert pending, "the demo's first cell has a plan waiting"
    response = await client.post(
        f"/webview/api/plans/{pending[0]}/acknowledge", headers={"X-Init-Data": launch(SECRETARY_2)}
    )
    assert response.status == 403
    _, again = await view(client, launch(SECRETARY_1))
    assert [p["plan_id"] for p in again["pending"]] == pending


async def test_a_member_is_refused(client: TestClient[Any, Any]) -> None:
    status, body = await view(client, launch(MEMBER_1))
    assert status == 403
    assert body == {"error": t("error-permission-denied")}


@pytest.mark.parametrize("init_data", ["", "user=%7B%22id%22%3A1001%7D&auth_date=1", "x"])
async def test_nothing_is_served_without_a_signature(
    client: TestClient[Any, Any], init_data: str
) -> None:
    status, body = await view(client, init_data)
    assert status == 403
    assert body == {"error": t("webview-error-signature")}


async def test_an_expired_launch_is_refused_over_http(client: TestClient[Any, Any]) -> None:
    status, _ = await view(client, launch(SECRETARY_1, at=NOW - timedelta(days=2)))
    assert status == 403


async def test_the_committee_sees_its_cells(client: TestClient[Any, Any]) -> None:
    status, body = await view(client, launch(COMMITTEE))
    assert status == 200
    assert body["kind"] == "committee"
    assert len(body["cells"]) >= 2


async def test_the_page_carries_its_words_and_no_figures(client: TestClient[Any, Any]) -> None:
    response = await client.get("/webview/")
    page = await response.text()
    assert response.status == 200
    assert t("webview-approve") in page
    assert "Nguyễn Thị Thu Hà" not in page
