"""Zalo quotas (per chat, overall) and injected faults answer in Zalo's envelope."""

from __future__ import annotations

import aiohttp

from emulator import Emulator
from emulator.client import EmulatorUserError, ZaloUserClient
from tests.emulator.zalo_support import ZaloApi

QUOTA = (429, "Quota exceeded")


async def test_quotas_are_off_by_default_then_per_chat_and_overall(
    http: aiohttp.ClientSession, emulator: Emulator
) -> None:
    bot = ZaloApi(http, emulator.base_url)
    async with ZaloUserClient(emulator.base_url) as zalo:
        for user_id, name in (("8001", "Lan"), ("8002", "Hùng"), ("8003", "Mai")):
            await zalo.create_persona(name, id=user_id)
        for n in range(30):  # off by default
            await bot.ok("sendMessage", chat_id="8001", text=f"tin {n}")

        # one per hour in a chat, two at once: the third is refused, another chat is not
        limits = await zalo.set_limits(chat_rate=1 / 3600, chat_burst=2)
        assert limits == {"global_rate": 0.0, "chat_rate": 1 / 3600, "chat_burst": 2}
        await bot.ok("sendMessage", chat_id="8001", text="một")
        await bot.ok("sendMessage", chat_id="8001", text="hai")
        assert await bot.error("sendMessage", chat_id="8001", text="ba") == QUOTA
        assert await bot.error("sendPhoto", chat_id="8001", photo="https://x.vn/a.png") == QUOTA
        await bot.ok("sendMessage", chat_id="8002", text="một")

        # overall: one per hour across every chat
        await zalo.set_limits(global_rate=1 / 3600, chat_rate=0)
        await bot.ok("sendMessage", chat_id="8002", text="hai")
        assert await bot.error("sendMessage", chat_id="8003", text="một") == QUOTA
        assert (await bot.ok("getMe"))["display_name"] == "chibo"  # only sends count

        stats = await zalo.stats()
        assert stats["too_many_requests"] == 3 and stats["quota_429"] == 3
        texts = [m["text"] for m in (await zalo.chat("8001"))["messages"]]
        assert texts[-2:] == ["một", "hai"] and len(texts) == 32

        try:
            await zalo.set_limits(chat_rate=-1)
        except EmulatorUserError as error:
            assert error.status == 400
        else:
            raise AssertionError("a negative rate was accepted")


async def test_injected_faults_use_zalos_envelope_and_spare_polling(
    http: aiohttp.ClientSession, emulator: Emulator
) -> None:
    bot = ZaloApi(http, emulator.base_url)
    async with ZaloUserClient(emulator.base_url) as zalo:
        await zalo.create_persona("Lan", id="8001")
        await zalo.set_faults(share_429=1.0)
        assert await bot.error("sendMessage", chat_id="8001", text="x") == QUOTA
        await zalo.send("8001", "vẫn nhận được")
        assert (await bot.ok("getUpdates", timeout=0))["message"]["text"] == "vẫn nhận được"

        await zalo.set_faults(share_429=0.0, share_500=1.0, methods=["sendMessage"])
        assert await bot.error("sendMessage", chat_id="8001", text="x") == (
            500,
            "Internal Server Error",
        )
        await bot.ok("sendChatAction", chat_id="8001", action="typing")

        # half the calls fail, reproducibly with a seed
        async def outcomes() -> list[int]:
            await zalo.set_faults(share_500=0.5, methods=[], seed=7)
            return [(await bot("sendMessage", chat_id="8001", text="y"))[0] for _ in range(20)]

        first = await outcomes()
        assert await outcomes() == first
        assert set(first) == {200, 500}
        stats = await zalo.stats()
        assert stats["injected_429"] == 1 and stats["injected_500"] == 1 + first.count(500) * 2
        # the Telegram side's faults are untouched
        assert (await emulator_faults(http, emulator))["share_500"] == 0.0


async def emulator_faults(http: aiohttp.ClientSession, emulator: Emulator) -> dict[str, float]:
    async with http.get(f"{emulator.base_url}/_emulator/faults") as resp:
        faults: dict[str, float] = await resp.json()
        return faults
