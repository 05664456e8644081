"""Flood control answered with 429 and retry_after; seeded fault injection."""

from __future__ import annotations

import asyncio

import aiohttp

from emulator import Emulator, EmulatorConfig, Faults, RateLimits
from emulator.client import UserClient
from tests.emulator.conftest import LAN, BotApi


async def test_per_chat_flood_control_answers_429_with_retry_after(
    bot: BotApi, users: UserClient, lan: int
) -> None:
    await users.set_limits(chat_rate=1, chat_burst=2)
    await bot.ok("sendMessage", chat_id=lan, text="1")
    await bot.ok("sendMessage", chat_id=lan, text="2")
    status, body = await bot("sendMessage", chat_id=lan, text="3")
    assert status == 429
    assert body == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    }
    await asyncio.sleep(1.05)
    await bot.ok("sendMessage", chat_id=lan, text="3")
    stats = await users.stats()
    assert stats["sent_per_chat"][str(lan)] == 3
    assert stats["too_many_requests"] == 1 and stats["flood_429"] == 1
    # the refused message never reached the chat
    view = await users.chat(lan)
    assert [m["text"] for m in view["messages"]] == ["1", "2", "3"]


async def test_other_chats_are_not_slowed_by_one_busy_chat(
    bot: BotApi, users: UserClient, lan: int
) -> None:
    await users.set_limits(chat_rate=0.5, chat_burst=1)
    await users.create_persona("Minh", 2002, started=True)
    await bot.ok("sendMessage", chat_id=lan, text="1")
    status, body = await bot("sendMessage", chat_id=lan, text="2")
    assert status == 429 and body["parameters"]["retry_after"] == 2
    await bot.ok("sendMessage", chat_id=2002, text="1")


async def test_global_rate_over_all_chats(http: aiohttp.ClientSession) -> None:
    config = EmulatorConfig(limits=RateLimits(global_rate=5, chat_rate=0))
    async with Emulator(config) as emulator:
        bot = BotApi(http, emulator.base_url)
        for user_id in range(1, 11):
            emulator.add_persona(user_id, f"Đảng viên {user_id}", started=True)
        results = [await bot("sendMessage", chat_id=u, text="Nhắc họp") for u in range(1, 11)]
        statuses = [status for status, _ in results]
        assert statuses.count(200) == 5 and statuses.count(429) == 5
        assert emulator.stats()["sent_total"] == 5


async def test_groups_get_20_messages_a_minute(http: aiohttp.ClientSession) -> None:
    async with Emulator() as emulator:
        bot = BotApi(http, emulator.base_url)
        emulator.add_persona(LAN, "Lan")
        group = emulator.add_group("Chi bộ", [LAN])
        statuses = []
        for n in range(21):
            status, body = await bot("sendMessage", chat_id=group.id, text=f"tin {n}")
            statuses.append(status)
        assert statuses == [200] * 20 + [429]
        assert body["parameters"]["retry_after"] == 3  # 60 s / 20 messages


async def test_fault_injection_shares_follow_the_seed(http: aiohttp.ClientSession) -> None:
    faults = Faults(share_429=0.2, share_500=0.1, share_slow=0.05, slow_seconds=0.001, seed=7)
    async with Emulator(EmulatorConfig(faults=faults)) as emulator:
        bot = BotApi(http, emulator.base_url)
        statuses = [(await bot("getMe"))[0] for _ in range(600)]
        stats = emulator.stats()
    share_429 = statuses.count(429) / len(statuses)
    share_500 = statuses.count(500) / len(statuses)
    assert 0.15 < share_429 < 0.25, share_429
    assert 0.06 < share_500 < 0.14, share_500
    assert stats["injected_429"] == statuses.count(429)
    assert stats["injected_500"] == statuses.count(500)
    assert 10 < stats["slowed"] < 55

    async with Emulator(EmulatorConfig(faults=Faults(**vars(faults)))) as again:
        bot = BotApi(http, again.base_url)
        replay = [(await bot("getMe"))[0] for _ in range(600)]
    assert replay == statuses  # the same seed gives the same faults


async def test_faults_are_set_at_run_time_and_answer_like_telegram(
    bot: BotApi, users: UserClient, lan: int
) -> None:
    await users.set_faults(share_500=1.0, methods=["sendMessage"], seed=1)
    assert await bot.error("sendMessage", chat_id=lan, text="x") == (500, "Internal Server Error")
    await bot.ok("getMe")  # other methods are untouched
    await users.set_faults(share_500=0.0, share_429=1.0, retry_after=7)
    status, body = await bot("sendMessage", chat_id=lan, text="x")
    assert status == 429 and body["parameters"] == {"retry_after": 7}
    await users.set_faults(share_429=0.0, share_slow=1.0, slow_seconds=0.3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await bot.ok("sendMessage", chat_id=lan, text="chậm")
    assert loop.time() - started >= 0.3


async def test_bad_fault_settings_are_refused(users: UserClient) -> None:
    async with aiohttp.ClientSession() as http:
        url = f"{users.base_url}/_emulator/faults"
        async with http.post(url, json={"share_429": 0.8, "share_500": 0.5}) as resp:
            assert resp.status == 400
        async with http.post(url, json={"share_teapot": 1}) as resp:
            assert resp.status == 400
            assert "unknown setting" in (await resp.json())["error"]
