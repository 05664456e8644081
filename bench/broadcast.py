"""Benchmark 2: a broadcast through the outbox and a delivery worker process to the stand-in.

The stand-in enforces Telegram's flood control (30 messages/s overall and 1 message/s per
chat) and answers a seeded 1 % of ``sendMessage`` calls with 429. The worker is the real
``python -m delivery.process`` with its limiter set to the allowed rate and its lease as
shipped. The second run SIGKILLs the worker when half the messages are out and starts a
fresh one at once: the dead worker's rows come back when their lease, no longer renewed,
runs out. Everything is counted on the stand-in, per chat: lost (0 received), duplicated
(> 1), and the seconds from the kill to the last chat reached.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bench.databases import fresh_database
from bench.results import Result, Target, ratio
from delivery.outbox import NewMessage, enqueue_many
from delivery.worker import DeliveryPolicy
from domain.clock import RunningClock
from emulator import Emulator, EmulatorConfig, Faults, RateLimits
from storage.db import create_session_factory

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:BENCH-chibo-broadcast-" + "0" * 16
FIRST_CHAT = 5_000_000
POLL_SECONDS = 0.05
TARGET_RATE_SHARE = 0.95


@dataclass(frozen=True)
class BroadcastSizes:
    reminders: int
    global_rate: float = 30.0
    chat_rate: float = 1.0
    share_429: float = 0.01
    concurrency: int = 16
    batch: int = 100
    # None: the worker's own (30 s, renewed while it lives).
    lease_seconds: float | None = None
    workers: int = 1


FULL = BroadcastSizes(reminders=10_000)
QUICK = BroadcastSizes(reminders=1_500)


@dataclass(frozen=True)
class BroadcastRun:
    sent: int
    seconds: float
    lost: int
    duplicated: int
    injected_429: int
    flood_429: int
    # From the SIGKILL to the last chat reached; None without a kill.
    after_kill: float | None = None

    def rate(self) -> float:
        return (self.sent - 1) / self.seconds if self.seconds > 0 else 0.0


def emulator_config(sizes: BroadcastSizes) -> EmulatorConfig:
    return EmulatorConfig(
        token=TOKEN,
        limits=RateLimits(global_rate=sizes.global_rate, chat_rate=sizes.chat_rate),
        faults=Faults(share_429=sizes.share_429, methods=["sendMessage"], seed=7),
    )


# The reminders fall due at MOMENT; the workers' clocks start on CLOCK, which runs on from it.
MOMENT = datetime(2027, 3, 9, 2, 0, tzinfo=UTC)
CLOCK = RunningClock(MOMENT)


def chats(sizes: BroadcastSizes) -> list[int]:
    return list(range(FIRST_CHAT, FIRST_CHAT + sizes.reminders))


async def fill_outbox(engine: AsyncEngine, chat_ids: list[int]) -> None:
    now = MOMENT
    messages = [
        NewMessage(
            key=f"bench-reminder:{chat}",
            kind="meeting-eve",
            chat_id=chat,
            member_id=None,
            payload={"text": f"Nhắc đồng chí <b>{chat}</b> họp chi bộ", "parse_mode": "HTML"},
            not_before=now,
        )
        for chat in chat_ids
    ]
    async with create_session_factory(engine)() as session, session.begin():
        await enqueue_many(session, messages)


async def start_workers(
    engine: AsyncEngine, api_url: str, sizes: BroadcastSizes, name: str, logs: Path
) -> list[asyncio.subprocess.Process]:
    return [
        await start_worker(engine, api_url, sizes, f"{name}-{n}", logs)
        for n in range(1, sizes.workers + 1)
    ]


async def start_worker(
    engine: AsyncEngine, api_url: str, sizes: BroadcastSizes, name: str, logs: Path
) -> asyncio.subprocess.Process:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CHIBO_")},
        "PYTHONPATH": str(ROOT),
        "CHIBO_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "CHIBO_TELEGRAM_API_URL": api_url,
        "CHIBO_BOT_TOKEN": TOKEN,
        "CHIBO_LOG_LEVEL": "WARNING",
        # Every worker lives on one running clock, whatever the machine's says.
        "CHIBO_CLOCK_START": CLOCK.now().isoformat(),
    }
    with (logs / f"{name}.log").open("wb") as log:  # the child keeps its own copy
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "delivery.process",
            "--worker-id", name, "--rate", str(sizes.global_rate),
            "--concurrency", str(sizes.concurrency), "--batch", str(sizes.batch),
            *(["--lease", str(sizes.lease_seconds)] if sizes.lease_seconds else []),
            "--idle", "0.1",
            cwd=ROOT, env=env, stdout=log, stderr=log,
        )  # fmt: skip


class SentWatch:
    """Polls the stand-in's counters: when the first chat and the last one got its message."""

    def __init__(self, emulator: Emulator, expected: int) -> None:
        self.emulator = emulator
        self.expected = expected
        self.first_at: float | None = None
        self.last_at: float | None = None
        self.killed_at: float | None = None

    def sent(self) -> int:
        """Chats that have their message; a second copy does not count for a missing one."""
        return sum(1 for count in self.emulator.world.stats.sent_per_chat.values() if count > 0)

    async def until(self, count: int) -> None:
        while True:
            sent = self.sent()
            now = time.monotonic()
            if sent > 0 and self.first_at is None:
                self.first_at = now
            if sent >= count:
                if sent >= self.expected:
                    self.last_at = now
                return
            await asyncio.sleep(POLL_SECONDS)


async def stop_workers(workers: list[asyncio.subprocess.Process], sig: int) -> None:
    for worker in workers:
        if worker.returncode is None:
            worker.send_signal(sig)
    for worker in workers:
        await worker.wait()


async def _drive(
    watch: SentWatch,
    workers: list[asyncio.subprocess.Process],
    engine: AsyncEngine,
    emulator: Emulator,
    sizes: BroadcastSizes,
    logs: Path,
    kill_midway: bool,
) -> list[asyncio.subprocess.Process]:
    """Wait for every message (killing one worker halfway); the workers still running."""
    if kill_midway:
        await watch.until(watch.expected // 2)
        # One worker dies; the others (if any) go on, and a fresh one takes its place.
        watch.killed_at = time.monotonic()
        await stop_workers(workers[:1], signal.SIGKILL)
        replacement = await start_worker(engine, emulator.base_url, sizes, "second", logs)
        workers = [*workers[1:], replacement]
    await watch.until(watch.expected)
    # Anything sent twice arrives after the last first copy: give it a moment.
    await asyncio.sleep(1.0)
    return workers


async def broadcast(
    engine: AsyncEngine, sizes: BroadcastSizes, logs: Path, *, kill_midway: bool
) -> BroadcastRun:
    chat_ids = chats(sizes)
    async with Emulator(emulator_config(sizes)) as emulator:
        for chat in chat_ids:
            emulator.add_persona(chat, "Đảng viên", started=True)
        await fill_outbox(engine, chat_ids)
        watch = SentWatch(emulator, len(chat_ids))
        workers = await start_workers(engine, emulator.base_url, sizes, "first", logs)
        try:
            # Generous: a tenth of the allowed rate, plus start-up and a lost lease.
            lease = sizes.lease_seconds or DeliveryPolicy().lease_seconds
            async with asyncio.timeout(60 + lease + 10 * len(chat_ids) / sizes.global_rate):
                workers = await _drive(watch, workers, engine, emulator, sizes, logs, kill_midway)
        finally:
            await stop_workers(workers, signal.SIGTERM)
        stats = emulator.world.stats
        received = [stats.sent_per_chat[chat] for chat in chat_ids]
        assert watch.first_at is not None and watch.last_at is not None
        return BroadcastRun(
            sent=len(chat_ids),
            seconds=watch.last_at - watch.first_at,
            lost=sum(1 for n in received if n == 0),
            duplicated=sum(n - 1 for n in received if n > 1),
            injected_429=stats.injected_429,
            flood_429=stats.flood_429,
            after_kill=watch.last_at - watch.killed_at if watch.killed_at else None,
        )


# (label, backend, changes to the sizes): one worker as shipped on either database.
VARIANTS: tuple[tuple[str, str, dict[str, int]], ...] = (
    ("SQLite, 1 worker", "sqlite", {}),
    ("PostgreSQL, 1 worker", "postgresql", {}),
)
# The kill: the rest is sent within a lease and a few seconds; only the messages in flight
# at the kill may arrive twice.
AFTER_KILL_TARGET = 35.0


async def run(quick: bool, workdir: Path) -> Result:
    base = QUICK if quick else FULL
    sizes = base
    result = Result(
        title="2. Broadcast",
        setup=(
            f"{sizes.reminders:,} reminders, one per member chat, enqueued in the outbox; "
            f"`python -m delivery.process` worker (--rate {sizes.global_rate:g} "
            f"--concurrency {sizes.concurrency} --batch {sizes.batch}, its lease as shipped: "
            f"{DeliveryPolicy().lease_seconds:g} s renewed while it lives) against the "
            f"stand-in enforcing {sizes.global_rate:g} msg/s overall and "
            f"{sizes.chat_rate:g} msg/s per chat, with {sizes.share_429:.0%} of sendMessage "
            "calls answered 429 (retry after 1 s, seed 7). Rate = messages ÷ time from the "
            "first to the last chat reached on the stand-in; lost and duplicated are counted "
            "per chat on the stand-in; after the kill = seconds from the SIGKILL (a fresh "
            "worker started at once) to the last chat reached."
        ),
        header=(
            "run",
            "achieved msg/s",
            "÷ allowed",
            "lost",
            "duplicated",
            "429 injected",
            "429 flood",
            "after the kill, s",
        ),
    )
    for name, backend, changes in VARIANTS:
        sizes = replace(base, **changes)
        for kill in (False, True):
            label = f"{name}, one worker SIGKILLed midway" if kill else name
            async with fresh_database(backend, "broadcast", workdir) as engine:
                outcome = await broadcast(engine, sizes, workdir, kill_midway=kill)
            share = outcome.rate() / sizes.global_rate
            after = "" if outcome.after_kill is None else f"{outcome.after_kill:.1f}"
            result.add_row(label, f"{outcome.rate():.1f}", ratio(share), str(outcome.lost),
                           str(outcome.duplicated), str(outcome.injected_429),
                           str(outcome.flood_429), after)  # fmt: skip
            result.figures[f"{label}: rate share"] = share
            result.figures[f"{label}: lost"] = outcome.lost
            result.figures[f"{label}: duplicated"] = outcome.duplicated
            result.targets.append(Target(f"{label}: lost", outcome.lost, 1, False))
            if outcome.after_kill is None:
                result.targets.append(
                    Target(f"{label}: rate ÷ allowed", share, TARGET_RATE_SHARE, True)
                )
                result.targets.append(Target(f"{label}: duplicated", outcome.duplicated, 1, False))
            else:
                result.figures[f"{label}: seconds after the kill"] = outcome.after_kill
                result.targets.append(
                    Target(f"{label}: seconds after the kill", outcome.after_kill,
                           AFTER_KILL_TARGET, False)
                )  # fmt: skip
                result.targets.append(
                    Target(f"{label}: duplicated ≤ in flight", outcome.duplicated,
                           sizes.concurrency + 1, False)
                )  # fmt: skip
    return result
