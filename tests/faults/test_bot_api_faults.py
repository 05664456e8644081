"""The Bot API answers 500 or answers late during polling: the real ``chibo run`` keeps going.

The stand-in ``chibo run`` starts in local mode injects the faults into ``getUpdates``
only: first every call fails with 500, then half of them fail and every one is slow. A
message sent while polling fails is not lost: once the faults clear, the bot answers it,
and the next one, from the same process.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bench.load import seed_members
from domain.clock import RunningClock
from storage.db import create_engine, create_session_factory
from tests.e2e.conftest import ChiboProcess, free_port

REPORT = "Việc 1/1"
OUTAGE_SECONDS = 4.0
FLAKY_SECONDS = 6.0


@pytest.fixture
async def chibo(tmp_path: Path, clock: RunningClock) -> AsyncIterator[ChiboProcess]:
    process = ChiboProcess(
        workdir=tmp_path,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'chibo.db'}",
        port=free_port(),
        clock=clock,
    )
    await process.start()
    try:
        yield process
    finally:
        await process.stop()


async def until_injected(chibo: ChiboProcess, count: int) -> None:
    assert chibo.users is not None
    async with asyncio.timeout(30):
        # The stand-in counts injected faults; it has no event to wait on.
        while (await chibo.users.stats())["injected_500"] < count:  # noqa: ASYNC110
            await asyncio.sleep(0.2)


async def test_polling_survives_500s_and_slow_answers(chibo: ChiboProcess) -> None:
    assert chibo.users is not None and chibo.process is not None
    pid = chibo.process.pid
    engine = create_engine(chibo.database_url)
    try:
        [member] = await seed_members(create_session_factory(engine), 1, 1, chibo.now())
    finally:
        await engine.dispose()
    await chibo.users.create_persona("Minh", user_id=member, started=True)
    first = await chibo.users.send(member, "/start report")
    await chibo.users.wait_for_message(member, REPORT, after=first, within=60)

    await chibo.users.set_faults(share_500=1.0, methods=["getUpdates"], seed=3)
    # The long poll already under way ends normally; the outage starts with the next call.
    await until_injected(chibo, 1)
    sent = await chibo.users.send(member, "/start report")
    await asyncio.sleep(OUTAGE_SECONDS)
    during_outage = await chibo.users.stats()
    view = await chibo.users.chat(member)
    answered_in_outage = [
        m for m in view["messages"] if m["message_id"] > sent["message"]["message_id"]
    ]

    await chibo.users.set_faults(share_500=0.5, share_slow=1.0, slow_seconds=2.0)
    await asyncio.sleep(FLAKY_SECONDS)
    await chibo.users.set_faults(share_500=0.0, share_slow=0.0, methods=[])
    await chibo.users.wait_for_message(member, REPORT, after=sent, within=60)
    again = await chibo.users.send(member, "/start report")
    await chibo.users.wait_for_message(member, REPORT, after=again, within=60)

    after = await chibo.users.stats()
    assert during_outage["injected_500"] >= 2
    assert after["injected_500"] > during_outage["injected_500"]
    assert after["slowed"] > 0
    assert answered_in_outage == []
    assert chibo.process.poll() is None and chibo.process.pid == pid
    output = chibo.output()
    assert "Failed to fetch updates - TelegramServerError" in output
    assert "Cause exception" not in output
    assert "Traceback" not in output
