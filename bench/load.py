"""Benchmark 5: simulated members through the stand-in against the real ``chibo run``.

Every simulated member is a member of the first demo cell, seeded with an acknowledged plan
of ``items`` items. They arrive spread over ``ramp`` seconds; each opens the monthly report
(``/start report``), presses a status for every item, skips the notes, answers
difficulties and proposals, submits, then reads the history until the time is up, pausing
``think`` seconds (± half) between two actions like a person. Latency runs from the moment
an action is sent to the moment the bot's answer shows in the chat. Afterwards the
database is read: every status the bot acknowledged and every report it confirmed must be
stored.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.databases import drop_postgres, recreate_postgres
from bench.processes import free_port, running, wait_until
from bench.results import Result, Timing, ms, percentile
from domain import years
from domain.clock import DEFAULT_TZ
from domain.demo import seed_demo
from domain.members import insert_member
from domain.vocabulary import ItemStatus, PartyStatus, PlanStatus, ReportStatus, Role
from emulator.client import UserClient
from locales import t
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade
from storage.models import Cell, FreeItem, ItemProgress, Member, PlanItem, ProgressReport, YearPlan

FIRST_TELEGRAM_ID = 8_800_000
ROOT = Path(__file__).resolve().parents[1]
CHIBO = Path(sys.executable).with_name("chibo")
TOKEN = "123456789:BENCH-chibo-load-000000000000000000"
READY_SECONDS = 90.0
STATUSES = (
    ("report-status-done-button", ItemStatus.DONE),
    ("report-status-in-progress-button", ItemStatus.IN_PROGRESS),
    ("report-status-not-started-button", ItemStatus.NOT_STARTED),
)
JSON = dict[str, Any]


class TimeUp(Exception):
    """The run's time is over: the member starts no further action."""


@dataclass(frozen=True)
class LoadSizes:
    users: int = 200
    # Seconds during which members start new actions; an action under way is finished.
    duration: float = 180.0
    items: int = 2
    # A person reads the window before the next tap: 1.5 to 4.5 s.
    think: float = 3.0
    ramp: float = 20.0
    # An answer slower than this counts as an error (the person gives up).
    answer_timeout: float = 300.0
    seed: int = 8
    # Each member also types one deed outside the plan: a replayed message would store it twice.
    free_item: bool = False


FULL = LoadSizes(duration=240.0, items=1, ramp=60.0)
ALONE_SECONDS = 30.0
QUICK = LoadSizes(duration=60.0, items=1)


@dataclass
class MemberRun:
    telegram_id: int
    pressed: dict[int, ItemStatus] = field(default_factory=dict)
    submitted: bool = False
    free_added: bool = False
    history_reads: int = 0
    answers: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class LoadOutcome:
    sizes: LoadSizes
    seconds: float
    latencies: list[float]
    members: list[MemberRun]
    bot_api_errors: dict[str, int]
    missing: list[str]
    # Why the stand-in refused calls (of its last 10,000), commonest first.
    refusals: list[tuple[str, int]] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        found = [f"{m.telegram_id}: {e}" for m in self.members for e in m.errors]
        found += [f"Bot API {code}: {n}" for code, n in self.bot_api_errors.items()]
        return found + self.missing

    @property
    def submitted(self) -> int:
        return sum(m.submitted for m in self.members)

    @property
    def statuses_pressed(self) -> int:
        return sum(len(m.pressed) for m in self.members)


# --------------------------------------------------------------------------- seeding


async def seed_members(
    db: async_sessionmaker[AsyncSession], count: int, items: int, now: datetime
) -> list[int]:
    """``count`` active members of the first cell, each with an acknowledged plan for this
    year and the next (a December meeting may already ask for January's report)."""
    telegram_ids = list(range(FIRST_TELEGRAM_ID, FIRST_TELEGRAM_ID + count))
    async with db() as session, session.begin():
        cell_id = await session.scalar(select(func.min(Cell.id)))
        if cell_id is None:
            raise RuntimeError("no cell to seed members into: run chibo once in local mode")
        plan_years = (now.year, now.year + 1)
        configs = {}
        for year in plan_years:
            config_id = await years.config_for_new_plan(session, year, cell_id, now, None)
            configs[year] = (config_id, (await years.stored_setup(session, config_id)).sections)
        for number, telegram_id in enumerate(telegram_ids, 1):
            member = await insert_member(
                session,
                cell_id=cell_id,
                full_name=f"Đảng viên thử tải {number:03d}",
                party_status=PartyStatus.OFFICIAL,
                role=Role.MEMBER,
                phone=None,
                now=now - timedelta(days=800),
                telegram_id=telegram_id,
            )
            for year in plan_years:
                session.add(_plan(member, cell_id, year, *configs[year], items, now))
    return telegram_ids


def _plan(
    member: Member,
    cell_id: int,
    year: int,
    config_id: int,
    sections: Sequence[Any],
    items: int,
    now: datetime,
) -> YearPlan:
    return YearPlan(
        member_id=member.id,
        cell_id=cell_id,
        year=year,
        year_config_id=config_id,
        status=PlanStatus.ACKNOWLEDGED,
        submitted_at=now - timedelta(days=30),
        reviewed_at=now - timedelta(days=29),
        items=[
            PlanItem(
                section_id=sections[position % len(sections)].id,
                position=position + 1,
                text=f"Việc thử tải số {position + 1}",
            )
            for position in range(items)
        ],
    )


# --------------------------------------------------------------------------- one member


class Phone:
    """One simulated member: act, then wait until the bot's latest message says something."""

    def __init__(
        self,
        users: UserClient,
        run: MemberRun,
        sizes: LoadSizes,
        rng: random.Random,
        deadline: float = float("inf"),
    ) -> None:
        self.users = users
        self.run = run
        self.sizes = sizes
        self.rng = rng
        self.deadline = deadline
        self.window: JSON = {}
        self.latencies: list[float] = []

    async def _answer(self, started: float, expected: str) -> JSON:
        chat = self.run.telegram_id

        since = self.window.get("message_id", 0)
        found: list[JSON] = []

        def shown(view: JSON) -> bool:
            # The window edited in place, or a newer message from the bot.
            found[:] = [
                m
                for m in view["messages"]
                if m["from_bot"] and m["message_id"] >= since and expected in m["text"]
            ]
            return bool(found)

        await self.users.wait_for(chat, shown, within=self.sizes.answer_timeout)
        self.latencies.append(time.monotonic() - started)
        self.run.answers += 1
        self.window = found[-1]
        return self.window

    async def think(self) -> None:
        await asyncio.sleep(self.sizes.think * self.rng.uniform(0.5, 1.5))
        if time.monotonic() >= self.deadline:
            raise TimeUp()

    async def send(self, text: str, expected: str) -> JSON:
        await self.think()
        started = time.monotonic()
        await self.users.send(self.run.telegram_id, text)
        return await self._answer(started, expected)

    async def press(self, caption: str, expected: str) -> JSON:
        await self.think()
        started = time.monotonic()
        await self.users.press(
            self.run.telegram_id, self.window["message_id"], text=caption, wait=0
        )
        return await self._answer(started, expected)


async def report_month(phone: Phone, items: int) -> None:
    """The monthly report, item by item, then submitted."""
    await phone.send("/start report", f"Việc 1/{items}")
    for number in range(1, items + 1):
        caption_id, status = STATUSES[(phone.run.telegram_id + number) % len(STATUSES)]
        await phone.press(t(caption_id), f"Việc {number}/{items} › Ghi chú")
        phone.run.pressed[number] = status
        following = f"Việc {number + 1}/{items}" if number < items else "Việc làm khác"
        await phone.press(t("report-skip-note"), following)
    if phone.sizes.free_item:
        await phone.send(f"Việc làm thêm của {phone.run.telegram_id}", t("report-free-added"))
        phone.run.free_added = True
    await phone.press(t("report-continue"), "Khó khăn")
    await phone.press(t("report-none-button"), "Kiến nghị")
    await phone.press(t("report-none-button"), "Xem trước")
    await phone.press(t("report-submit-button"), t("report-submitted-notice"))
    phone.run.submitted = True


async def read_history(phone: Phone) -> None:
    await phone.send("/menu", "Đồng chí cần làm gì")
    await phone.press(t("menu-history"), "Lịch sử báo cáo")
    phone.run.history_reads += 1


async def member_session(phone: Phone) -> None:
    """The report, then the history again and again, until the time is up."""
    try:
        await report_month(phone, phone.sizes.items)
        while True:
            await read_history(phone)
    except TimeUp:
        pass
    except Exception as error:  # every failure is counted, none stops the others
        phone.run.errors.append(f"{type(error).__name__}: {str(error)[:300]}")


# --------------------------------------------------------------------------- the run


async def drive(
    base_url: str, database_url: str, telegram_ids: list[int], sizes: LoadSizes
) -> LoadOutcome:
    """Let the seeded members loose on a running bot, then check the database."""
    engine = create_engine(database_url)
    db = create_session_factory(engine)
    rng = random.Random(sizes.seed)
    connector = aiohttp.TCPConnector(limit=0)
    http = aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=None))
    try:
        users = UserClient(base_url, session=http)
        for telegram_id in telegram_ids:
            await users.create_persona("Thử tải", user_id=telegram_id, started=True)
        before = (await users.stats())["errors_per_code"]
        runs = [MemberRun(telegram_id) for telegram_id in telegram_ids]
        started = time.monotonic()
        deadline = started + sizes.duration
        phones = [Phone(users, run, sizes, random.Random(rng.random()), deadline) for run in runs]
        await asyncio.gather(*(_arrive(phone, rng.uniform(0, sizes.ramp)) for phone in phones))
        seconds = time.monotonic() - started
        after = (await users.stats())["errors_per_code"]
        api_errors = {code: n - before.get(code, 0) for code, n in after.items()}
        log = await users.log(limit=10_000)
        refusals = Counter(entry["description"] for entry in log if not entry["ok"])
        missing = await missing_from_database(db, runs)
    finally:
        await http.close()
        await engine.dispose()
    latencies = [value for phone in phones for value in phone.latencies]
    errors = {k: v for k, v in api_errors.items() if v}
    return LoadOutcome(sizes, seconds, latencies, runs, errors, missing, refusals.most_common())


async def _arrive(phone: Phone, delay: float) -> None:
    await asyncio.sleep(delay)
    await member_session(phone)


async def missing_from_database(
    db: async_sessionmaker[AsyncSession], runs: list[MemberRun]
) -> list[str]:
    """What the bot acknowledged but the database does not hold."""
    missing: list[str] = []
    async with db() as session:
        for run in runs:
            if not run.pressed:
                continue
            member_id = await session.scalar(
                select(Member.id).where(Member.telegram_id == run.telegram_id)
            )
            report = await session.scalar(
                select(ProgressReport)
                .where(ProgressReport.member_id == member_id)
                .order_by(ProgressReport.updated_at.desc())
                .limit(1)
            )
            if report is None:
                missing.append(f"{run.telegram_id}: no report")
                continue
            if run.submitted and report.status is not ReportStatus.SUBMITTED:
                missing.append(f"{run.telegram_id}: report confirmed but {report.status}")
            rows = await session.execute(
                select(PlanItem.position, ItemProgress.status)
                .join(ItemProgress, ItemProgress.plan_item_id == PlanItem.id)
                .where(ItemProgress.report_id == report.id)
            )
            stored = {position: status for position, status in rows}
            if any(stored.get(n) is not s for n, s in run.pressed.items()):
                missing.append(f"{run.telegram_id}: statuses {stored} != {run.pressed}")
            free = await session.scalar(
                select(func.count(FreeItem.id)).where(FreeItem.report_id == report.id)
            )
            if free != int(run.free_added):
                missing.append(f"{run.telegram_id}: {free} free items, {int(run.free_added)} sent")
        submitted = await session.scalar(
            select(func.count(ProgressReport.id))
            .join(Member, Member.id == ProgressReport.member_id)
            .where(Member.telegram_id.in_([run.telegram_id for run in runs]))
            .where(ProgressReport.status == ReportStatus.SUBMITTED)
        )
    confirmed = sum(run.submitted for run in runs)
    if submitted != confirmed:
        missing.append(f"{submitted} reports submitted in the database, {confirmed} confirmed")
    return missing


# --------------------------------------------------------------------------- the processes


async def prepare_database(database_url: str, sizes: LoadSizes, now: datetime) -> list[int]:
    """Migrations, the demo committee (cells, plan sections, meetings), then the members."""
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        db = create_session_factory(engine)
        await seed_demo(db, today=now.astimezone(DEFAULT_TZ).date())
        return await seed_members(db, sizes.users, sizes.items, now)
    finally:
        await engine.dispose()


@asynccontextmanager
async def standin(workdir: Path) -> AsyncIterator[str]:
    """The Telegram stand-in in a process of its own, so that its work and the simulated
    phones' polling are not charged to the bot; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "emulator", "--port", str(port), "--token", TOKEN,
               "--log-level", "WARNING"]  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    env = {"PYTHONUNBUFFERED": "1"}
    async with running(command, workdir / "standin.log", env, ROOT) as process:
        await wait_until(process, f"{base_url}/_emulator/bot", lambda bot: True, READY_SECONDS)
        yield base_url


def chibo_settings(database_url: str, api_url: str, clock_start: datetime | None) -> dict[str, str]:
    """The settings of a ``chibo run`` part against the stand-in at ``api_url``."""
    env = {
        "PYTHONUNBUFFERED": "1",
        "CHIBO_DATABASE_URL": database_url,
        "CHIBO_BOT_TOKEN": TOKEN,
        "CHIBO_TELEGRAM_API_URL": api_url,
        "CHIBO_LOG_LEVEL": "WARNING",
    }
    if clock_start is not None:
        env["CHIBO_CLOCK_START"] = clock_start.isoformat()
    return env


@asynccontextmanager
async def chibo_bot(
    workdir: Path, database_url: str, api_url: str, clock_start: datetime | None
) -> AsyncIterator[None]:
    """``chibo run --only bot`` with a token, against the stand-in at ``api_url``; its clock
    starts at ``clock_start`` when given (the stand-in is on 127.0.0.1, so that is allowed)."""
    env = chibo_settings(database_url, api_url, clock_start)
    command = [str(CHIBO), "run", "--only", "bot"]
    async with running(command, workdir / "chibo.log", env, ROOT) as process:
        url = f"{api_url}/_emulator/bot"
        await wait_until(process, url, lambda bot: bool(bot.get("commands")), READY_SECONDS)
        yield


async def measure(
    workdir: Path, database_url: str, sizes: LoadSizes, at: datetime | None = None
) -> LoadOutcome:
    """The whole run: database, stand-in, bot, members; the processes stopped afterwards.

    ``at`` sets the moment the run happens (tests); a benchmark runs at the machine's time.
    """
    telegram_ids = await prepare_database(database_url, sizes, at or datetime.now(UTC))
    async with (
        standin(workdir) as api_url,
        chibo_bot(workdir, database_url, api_url, at),
    ):
        return await drive(api_url, database_url, telegram_ids, sizes)


# --------------------------------------------------------------------------- as a benchmark


async def run(quick: bool, workdir: Path) -> Result:
    sizes = QUICK if quick else FULL
    alone = replace(sizes, users=1, duration=ALONE_SECONDS, ramp=0.0)
    outcomes = []
    for name, wanted in (("load_alone", alone), ("load", sizes)):
        url = (await recreate_postgres(name)).render_as_string(hide_password=False)
        try:
            outcomes.append(await measure(workdir, url, wanted))
        finally:
            await drop_postgres(name)
    return result(outcomes)


def result(outcomes: list[LoadOutcome]) -> Result:
    sizes = outcomes[-1].sizes
    report = Result(
        title="5. Load: simulated members through the stand-in",
        setup=(
            "`chibo run --only bot` with a token against the Telegram stand-in in a process "
            "of its own (so that the phones' polling is not charged to the bot), PostgreSQL, "
            "dialog state in SQL, `CHIBO_BOT_CONCURRENCY` at its default. Members of one "
            f"cell with a plan of {sizes.items} item(s) arrive over {sizes.ramp:.0f} s and act "
            f"for {sizes.duration:.0f} s, thinking {sizes.think:g} s (± half) between two "
            "actions: `/start report`, a status and «Bỏ qua» per item, «Tiếp tục», "
            "difficulties, proposals, submit; then `/menu` → history until the time is up. "
            "An action under way at the end is still awaited. Latency: from sending an "
            "action to its answer showing in the chat. The first row is one member alone."
        ),
        header=(
            "members",
            "actions",
            "actions/s",
            "p50",
            "p95",
            "p99",
            "max",
            "reports submitted",
            "errors",
        ),
    )
    for outcome in outcomes:
        timing = Timing.of(outcome.latencies)
        report.add_row(
            str(outcome.sizes.users),
            str(timing.count),
            f"{timing.count / outcome.seconds:.1f}",
            ms(timing.p50),
            ms(timing.p95),
            ms(percentile(outcome.latencies, 0.99)),
            ms(max(outcome.latencies, default=float("nan"))),
            f"{outcome.submitted}/{outcome.sizes.users}",
            str(len(outcome.errors)),
        )
        report.notes.append(
            f"{outcome.sizes.users} member(s), database afterwards: "
            f"{outcome.statuses_pressed} acknowledged statuses and {outcome.submitted} "
            f"confirmed reports checked, {len(outcome.missing)} missing; "
            f"{outcome.seconds:.0f} s from the first arrival to the last answer"
        )
        report.notes += outcome.errors[:10]
    loaded = outcomes[-1]
    report.figures.update(
        p50=percentile(loaded.latencies, 0.5),
        p95=percentile(loaded.latencies, 0.95),
        errors=len(loaded.errors),
    )
    return report
