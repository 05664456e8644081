"""A delivery process killed with SIGKILL in the middle of a broadcast, then restarted.

A local proxy between the worker process and the Telegram stand-in decides *where* the
kill lands, so that both cases are tested deterministically:

- outside the unavoidable window (the request in flight never reached Telegram):
  every member ends with exactly one reminder;
- inside it (Telegram accepted the message, the worker died before recording it): that
  message is sent again after the restart, so exactly those members get two. This is
  the at-least-once limit of any sender to an API without idempotency keys; the worker
  keeps it to the messages in flight (at most ``--concurrency``).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from emulator import Emulator
from storage.db import create_session_factory
from storage.models import OutboxMessage, OutboxStatus
from tests.scheduler.emulated import (
    CLOCK,
    TOKEN,
    count_status,
    fill,
    reminders,
    start_emulator,
    wait_until,
)

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = list(range(7000, 7080))
CONCURRENCY = 2


class Gate:
    """Forwards the Bot API to the stand-in; can hold sendMessage before or after it."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.mode = "open"  # "hold-before": never reaches Telegram; "hold-after": answer lost
        self.held = 0
        self.forwarding = 0
        self.release = asyncio.Event()
        self.client: aiohttp.ClientSession | None = None
        self.runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> str:
        self.client = aiohttp.ClientSession()
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        self.runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        self.release.set()
        if self.runner is not None:
            await self.runner.cleanup()
        if self.client is not None:
            await self.client.close()

    async def handle(self, request: web.Request) -> web.Response:
        sending = request.path.endswith("/sendMessage")
        mode = self.mode
        if sending and mode == "hold-before":
            self.held += 1
            await self.release.wait()
            return web.Response(status=502)
        assert self.client is not None
        self.forwarding += 1
        try:
            async with self.client.request(
                request.method,
                self.upstream + request.path_qs,
                data=await request.read(),
                headers={"Content-Type": request.headers.get("Content-Type", "")},
            ) as answer:
                body, status = await answer.read(), answer.status
        finally:
            self.forwarding -= 1
        if sending and mode == "hold-after":
            self.held += 1
            await self.release.wait()
        return web.Response(body=body, status=status, content_type="application/json")


@pytest.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = await start_emulator()
    for chat in MEMBERS:
        emulator.add_persona(chat, "Đảng viên", started=True)
    yield emulator
    await emulator.stop()


@pytest.fixture
async def gate(emu: Emulator) -> AsyncIterator[Gate]:
    proxy = Gate(emu.base_url)
    await proxy.start()
    yield proxy
    await proxy.stop()


async def start_worker(
    engine: AsyncEngine, api_url: str, tmp_path: Path, name: str
) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CHIBO_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "CHIBO_TELEGRAM_API_URL": api_url,
        "CHIBO_BOT_TOKEN": TOKEN,
        "CHIBO_LOG_LEVEL": "WARNING",
        # The worker's clock reads what the test's does: the rows' moments are due on it.
        "CHIBO_CLOCK_START": CLOCK.now().isoformat(),
    }
    with (tmp_path / f"{name}.log").open("wb") as log:  # the child keeps its own copy
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "delivery.process",
            "--worker-id", name, "--rate", "0", "--concurrency", str(CONCURRENCY),
            "--batch", "10", "--lease", "3", "--idle", "0.1",
            cwd=tmp_path, env=env, stdout=log, stderr=log,
        )  # fmt: skip


async def sent_chats(db: async_sessionmaker[AsyncSession]) -> set[int]:
    async with db() as session:
        query = select(OutboxMessage.chat_id).where(OutboxMessage.status == OutboxStatus.SENT)
        return set((await session.scalars(query)).all())


async def kill_mid_broadcast(
    emu: Emulator, gate: Gate, db: async_sessionmaker[AsyncSession], engine: AsyncEngine,
    tmp_path: Path, mode: str,
) -> set[int]:  # fmt: skip
    """Run a worker, close the gate in ``mode``, SIGKILL the worker; the chats in the window."""
    await fill(db, reminders(MEMBERS))
    worker = await start_worker(engine, gate.url, tmp_path, "first")

    async def some_sent() -> bool:
        return emu.stats()["sent_total"] >= 20

    await wait_until(some_sent)
    gate.mode = mode

    async def settled() -> bool:
        # Nothing on its way to Telegram; every counted message is recorded or held.
        recorded = await count_status(db, OutboxStatus.SENT)
        held_after = gate.held if mode == "hold-after" else 0
        return (
            gate.held >= 1
            and gate.forwarding == 0
            and recorded + held_after == emu.stats()["sent_total"]
        )

    await wait_until(settled)
    worker.send_signal(signal.SIGKILL)
    assert await worker.wait() == -signal.SIGKILL
    counted = {chat for chat in MEMBERS if emu.sent_count(chat) > 0}
    in_window = counted - await sent_chats(db)
    assert len(counted) < len(MEMBERS)  # it really died mid-broadcast
    gate.mode = "open"
    gate.release.set()
    return in_window


async def finish(
    emu: Emulator, gate: Gate, db: async_sessionmaker[AsyncSession], engine: AsyncEngine,
    tmp_path: Path,
) -> None:  # fmt: skip
    worker = await start_worker(engine, gate.url, tmp_path, "second")

    async def all_sent() -> bool:
        return await count_status(db, OutboxStatus.SENT) == len(MEMBERS)

    await wait_until(all_sent)
    worker.send_signal(signal.SIGTERM)
    assert await worker.wait() == 0


async def test_sigkill_outside_the_window_every_member_gets_exactly_one(
    emu: Emulator, gate: Gate, sqlite_engine: AsyncEngine, tmp_path: Path
) -> None:
    db = create_session_factory(sqlite_engine)
    in_window = await kill_mid_broadcast(emu, gate, db, sqlite_engine, tmp_path, "hold-before")
    assert in_window == set()
    await finish(emu, gate, db, sqlite_engine, tmp_path)
    assert {chat: emu.sent_count(chat) for chat in MEMBERS} == dict.fromkeys(MEMBERS, 1)


async def test_sigkill_inside_the_window_repeats_only_the_messages_in_flight(
    emu: Emulator, gate: Gate, sqlite_engine: AsyncEngine, tmp_path: Path
) -> None:
    db = create_session_factory(sqlite_engine)
    in_window = await kill_mid_broadcast(emu, gate, db, sqlite_engine, tmp_path, "hold-after")
    assert 1 <= len(in_window) <= CONCURRENCY
    await finish(emu, gate, db, sqlite_engine, tmp_path)
    expected = {chat: 2 if chat in in_window else 1 for chat in MEMBERS}
    assert {chat: emu.sent_count(chat) for chat in MEMBERS} == expected
