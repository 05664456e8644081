"""Three delivery workers, each with its own engine, share one PostgreSQL outbox."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from delivery.senders import TelegramSender
from delivery.worker import DeliveryPolicy, DeliveryWorker
from emulator import Emulator
from storage.db import create_engine, create_session_factory
from storage.models import OutboxMessage, OutboxStatus
from tests.conftest import make_engine, postgres_url
from tests.scheduler.emulated import (
    CLOCK,
    TOKEN,
    count_status,
    fill,
    reminders,
    start_emulator,
    wait_until,
)

ROWS = 3000
WORKERS = 3


async def test_three_workers_send_every_row_exactly_once(tmp_path: Path) -> None:
    setup = await make_engine("postgresql", tmp_path)
    setup_db = create_session_factory(setup)
    emu: Emulator = await start_emulator()
    chats = list(range(100_000, 100_000 + ROWS))
    for chat in chats:
        emu.add_persona(chat, "Đảng viên", started=True)
    await fill(setup_db, reminders(chats))
    engines = [create_engine(postgres_url()) for _ in range(WORKERS)]
    senders = [TelegramSender(TOKEN, emu.base_url, overall_per_second=0) for _ in range(WORKERS)]
    stop = asyncio.Event()
    try:
        for sender in senders:
            await sender.start()
        workers = [
            DeliveryWorker(
                create_session_factory(engine),
                sender,
                f"w{index}",
                DeliveryPolicy(
                    batch_size=50, concurrency=4, idle_seconds=0.05, progress_every=1000
                ),
                clock=CLOCK,
            )
            for index, (engine, sender) in enumerate(zip(engines, senders, strict=True))
        ]

        async def drained() -> bool:
            return await count_status(setup_db, OutboxStatus.SENT) == ROWS

        async def stop_when_drained() -> None:
            await wait_until(drained, poll=0.1)
            stop.set()

        await asyncio.gather(*(w.run(stop) for w in workers), stop_when_drained())
        assert {chat: emu.sent_count(chat) for chat in chats} == dict.fromkeys(chats, 1)
        assert emu.stats()["sent_total"] == ROWS
        async with setup_db() as session:
            by_worker = Counter(
                dict(
                    (
                        await session.execute(
                            select(OutboxMessage.claimed_by, func.count()).group_by(
                                OutboxMessage.claimed_by
                            )
                        )
                    ).all()
                )
            )
        # Every worker took part, and every row was claimed once (attempts stayed 1).
        assert set(by_worker) == {f"w{i}" for i in range(WORKERS)}
        assert sum(by_worker.values()) == ROWS
        async with setup_db() as session:
            assert await session.scalar(select(func.max(OutboxMessage.attempts))) == 1
    finally:
        stop.set()
        for sender in senders:
            await sender.close()
        for engine in engines:
            await engine.dispose()
        await setup.dispose()
        await emu.stop()
