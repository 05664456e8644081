"""Benchmark 6: the load of ``bench/load.py`` on a province's layout, on loopback.

Two ``chibo run --only bot --webhook`` workers behind a round-robin forwarder (standing for
the reverse proxy of ``docs/deploy.md``), one PostgreSQL, dialog state in Redis with
aiogram-dialog's event isolation, two schedulers (the second started by mistake: it must
stand by) and two delivery workers. The forwarder also delivers every ``replay_every``-th
update to the other worker at the same moment, as Telegram does when an answer is late:
the shared replay guard must drop the copy, so no typed deed is stored twice. Compared
with one worker alone in the same run, on the same database layout.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from aiohttp import web
from sqlalchemy import select

from bench.databases import drop_postgres, recreate_postgres
from bench.load import (
    QUICK,
    ROOT,
    LoadOutcome,
    LoadSizes,
    chibo_settings,
    drive,
    prepare_database,
    standin,
)
from bench.processes import free_port, running
from bench.results import Result, Target, Timing, ms
from bot.app import WEBHOOK_PATH
from emulator.client import UserClient
from scheduler.jobs import LEASE_NAME
from storage.db import create_engine, create_session_factory
from storage.models import Member, ProcessLease

CHIBO = Path(sys.executable).with_name("chibo")
SECRET = "bench-scale-webhook-secret"
READY_SECONDS = 90.0
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
FULL_SCALE = LoadSizes(users=200, duration=120.0, items=1, think=1.5, ramp=30.0, free_item=True)
QUICK_SCALE = replace(QUICK, users=60, duration=40.0, ramp=10.0, think=1.5, free_item=True)


class Forwarder:
    """Round-robin over the workers' webhooks; every ``replay_every``-th update also goes
    to the next worker at the same moment (0: never). Answers with the first worker's reply."""

    def __init__(self, replay_every: int) -> None:
        self.targets: list[str] = []
        self.replay_every = replay_every
        self.forwarded = 0
        self.replayed = 0
        self.failures: list[str] = []
        self.per_target: Counter[str] = Counter()
        self._turn = itertools.count()
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None

    async def start(self, port: int) -> None:
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120))
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_post(WEBHOOK_PATH, self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._http is not None:
            await self._http.close()

    async def _post(self, target: str, body: bytes, secret: str) -> tuple[int, bytes]:
        assert self._http is not None
        headers = {SECRET_HEADER: secret, "Content-Type": "application/json"}
        self.per_target[target] += 1
        try:
            async with self._http.post(target, data=body, headers=headers) as resp:
                if resp.status != 200:
                    self.failures.append(f"{target}: HTTP {resp.status}")
                return resp.status, await resp.read()
        except aiohttp.ClientError as error:
            self.failures.append(f"{target}: {error!r}")
            return 502, b""

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.read()
        secret = request.headers.get(SECRET_HEADER, "")
        turn = next(self._turn)
        first = self.targets[turn % len(self.targets)]
        calls = [self._post(first, body, secret)]
        if self.replay_every and turn % self.replay_every == 0:
            calls.append(self._post(self.targets[(turn + 1) % len(self.targets)], body, secret))
            self.replayed += 1
        self.forwarded += 1
        (status, answer), *_ = await asyncio.gather(*calls)
        return web.Response(status=status, body=answer, content_type="application/json")


@dataclass(frozen=True)
class Layout:
    workers: int
    redis_url: str | None
    replay_every: int = 0
    schedulers: int = 0
    deliveries: int = 0


async def _listening(port: int, seconds: float) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while asyncio.get_running_loop().time() < deadline:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.2)
    raise RuntimeError(f"nothing listening on port {port} after {seconds}s")


@asynccontextmanager
async def cluster(
    workdir: Path, database_url: str, api_url: str, clock_start: datetime | None, layout: Layout
) -> AsyncIterator[Forwarder]:
    """The processes of ``layout`` against the stand-in at ``api_url``, behind a forwarder."""
    base = chibo_settings(database_url, api_url, clock_start)
    if layout.redis_url:
        base["CHIBO_REDIS_URL"] = layout.redis_url
    forwarder = Forwarder(layout.replay_every)
    hook_port = free_port()
    async with AsyncExitStack() as stack:
        await forwarder.start(hook_port)
        stack.push_async_callback(forwarder.stop)
        ports = [free_port() for _ in range(layout.workers)]
        forwarder.targets = [f"http://127.0.0.1:{port}{WEBHOOK_PATH}" for port in ports]
        for number, port in enumerate(ports):
            env = base | {
                "CHIBO_WEBHOOK_URL": f"http://127.0.0.1:{hook_port}",
                "CHIBO_WEBHOOK_SECRET": SECRET,
                "CHIBO_WEBHOOK_PORT": str(port),
            }
            command = [str(CHIBO), "run", "--only", "bot", "--webhook"]
            log = workdir / f"bot{number}.log"
            await stack.enter_async_context(running(command, log, env, ROOT))
            await _listening(port, READY_SECONDS)
        for part, count in (("scheduler", layout.schedulers), ("delivery", layout.deliveries)):
            for number in range(count):
                command = [str(CHIBO), "run", "--only", part]
                log = workdir / f"{part}{number}.log"
                await stack.enter_async_context(running(command, log, base, ROOT))
        if layout.schedulers:
            await _lease_taken(database_url)
        yield forwarder


async def _wait_for_webhook(api_url: str) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(int(READY_SECONDS / 0.2)):
            async with http.get(f"{api_url}/_emulator/bot") as resp:
                if (await resp.json()).get("commands"):
                    return
            await asyncio.sleep(0.2)
    raise RuntimeError("the workers never registered their commands")


@dataclass
class ScaleOutcome:
    load: LoadOutcome
    layout: Layout
    forwarded: int
    replayed: int
    per_worker: list[int]
    forward_failures: list[str]
    lease_holders: list[str]
    tracebacks: list[str]

    @property
    def errors(self) -> list[str]:
        return self.load.errors + self.forward_failures + self.tracebacks


def _with_traceback(workdir: Path) -> list[str]:
    logs = sorted(workdir.glob("*.log"))
    return [log.name for log in logs if "Traceback" in log.read_text(errors="replace")]


async def lease_holders(database_url: str) -> list[str]:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            rows = await session.scalars(
                select(ProcessLease.holder).where(ProcessLease.name == LEASE_NAME)
            )
            return list(rows)
    finally:
        await engine.dispose()


async def _lease_taken(database_url: str) -> None:
    """Until a scheduler has ticked once and holds the lease."""
    for _ in range(int(READY_SECONDS / 0.5)):
        if await lease_holders(database_url):
            return
        await asyncio.sleep(0.5)
    raise RuntimeError(f"no scheduler took the lease in {READY_SECONDS}s")


async def _personas_for_the_rest(api_url: str, database_url: str, seeded: list[int]) -> None:
    """The demo's members in the stand-in too, so reminders to them are delivered."""
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            ids = await session.scalars(select(Member.telegram_id).where(
                Member.telegram_id.is_not(None), Member.telegram_id.not_in(seeded)))  # fmt: skip
            others = [telegram_id for telegram_id in ids if telegram_id is not None]
    finally:
        await engine.dispose()
    users = UserClient(api_url)
    try:
        for telegram_id in others:
            await users.create_persona("Đảng viên mẫu", user_id=telegram_id, started=True)
    finally:
        await users.close()


async def measure(
    workdir: Path, database_url: str, sizes: LoadSizes, layout: Layout, at: datetime | None
) -> ScaleOutcome:
    """One run of ``sizes`` members on ``layout``; the processes stopped afterwards."""
    telegram_ids = await prepare_database(database_url, sizes, at or datetime.now(UTC))
    async with standin(workdir) as api_url:
        await _personas_for_the_rest(api_url, database_url, telegram_ids)
        async with cluster(workdir, database_url, api_url, at, layout) as forwarder:
            await _wait_for_webhook(api_url)
            outcome = await drive(api_url, database_url, telegram_ids, sizes)
            holders = await lease_holders(database_url)
    tracebacks = await asyncio.to_thread(_with_traceback, workdir)
    return ScaleOutcome(
        outcome, layout, forwarder.forwarded, forwarder.replayed,
        [forwarder.per_target[target] for target in forwarder.targets], forwarder.failures,
        holders, tracebacks,
    )  # fmt: skip


@asynccontextmanager
async def redis_server(workdir: Path) -> AsyncIterator[str]:
    """A throwaway Redis on loopback (Debian's ``redis-server``), nothing saved to disk."""
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--dir", str(workdir)]  # fmt: skip
    async with running(command, workdir / "redis.log", {}, ROOT):
        await _listening(port, READY_SECONDS)
        yield f"redis://127.0.0.1:{port}/0"


# --------------------------------------------------------------------------- as a benchmark


async def run(quick: bool, workdir: Path) -> Result:
    sizes = QUICK_SCALE if quick else FULL_SCALE
    layouts = [
        Layout(workers=1, redis_url=None),
        Layout(workers=2, redis_url=None),
        Layout(workers=2, redis_url=None, replay_every=10, schedulers=2, deliveries=2),
    ]
    outcomes = []
    async with redis_server(workdir) as redis_url:
        for number, layout in enumerate(layouts):
            layout = replace(layout, redis_url=redis_url)
            name = f"scale_{number}"
            url = (await recreate_postgres(name)).render_as_string(hide_password=False)
            rundir = workdir / name
            rundir.mkdir(exist_ok=True)
            try:
                outcomes.append(await measure(rundir, url, sizes, layout, None))
            finally:
                await drop_postgres(name)
    return result(outcomes)


def result(outcomes: list[ScaleOutcome]) -> Result:
    sizes = outcomes[-1].load.sizes
    report = Result(
        title="6. Scale-out: two webhook workers behind a forwarder",
        setup=(
            "The members of benchmark 5 (each also types one deed outside the plan) against "
            "`chibo run --only bot --webhook` workers behind a round-robin forwarder on "
            "loopback, PostgreSQL, dialog state in Redis with aiogram-dialog's event isolation; "
            "members think half as long as in benchmark 5 (0.75–2.25 s: above Telegram's "
            "one message a second per chat). "
            "The third row adds two schedulers (one stands by on the lease), two delivery "
            "workers, and the forwarder delivers every 10th update to both workers at once "
            f"(a replay). {sizes.users} members, {sizes.duration:.0f} s, ramp {sizes.ramp:.0f} s, "
            f"think {sizes.think:g} s. Afterwards the database is read: every acknowledged "
            "status, report and typed deed must be stored, each deed once."
        ),
        header=(
            "workers",
            "actions",
            "actions/s",
            "p50",
            "p95",
            "replays",
            "errors",
            "lost or doubled",
        ),
    )
    rates = []
    for outcome in outcomes:
        timing = Timing.of(outcome.load.latencies)
        rate = timing.count / outcome.load.seconds
        rates.append(rate)
        report.add_row(
            str(outcome.layout.workers), str(timing.count), f"{rate:.1f}", ms(timing.p50),
            ms(timing.p95), str(outcome.replayed), str(len(outcome.errors)),
            str(len(outcome.load.missing)),
        )  # fmt: skip
        report.notes += outcome.errors[:10]
        report.notes += [f"refused {n}×: {why}" for why, n in outcome.load.refusals[:3]]
    report.targets.append(
        Target("actions/s, 2 workers ÷ 1", rates[1] / rates[0], 1.7, at_least=True)
    )
    report.targets.append(
        Target("errors, missing or doubled writes", len(outcomes[-1].errors), 1, at_least=False)
    )
    return report
