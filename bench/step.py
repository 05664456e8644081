"""Benchmark 1: one conversation step through aiogram-dialog's ``BotClient``.

Ours: in the monthly report, press a status button for a plan item: the outer
middleware finds the member, the handler opens the report, the domain rule sets the
item's status, the row is written, and the note window is rendered from the database.
Baseline, in the same run: a bare aiogram-dialog window whose button switches to
another window, with no database at all. Each measured click is followed by an
unmeasured one that brings the dialog back, so every measured click does the same work.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import time as clock_time
from pathlib import Path

from aiogram import Bot, Dispatcher, Router
from aiogram.filters import CommandStart
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import BaseStorage
from aiogram.types import Message
from aiogram_dialog import Dialog, DialogManager, ShowMode, StartMode, Window, setup_dialogs
from aiogram_dialog.api.entities import NewMessage, OldMessage
from aiogram_dialog.test_tools import BotClient, MockMessageManager
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from aiogram_dialog.test_tools.memory_storage import JsonMemoryStorage
from aiogram_dialog.widgets.kbd import SwitchTo
from aiogram_dialog.widgets.text import Const
from sqlalchemy import event, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.databases import fresh_database
from bench.results import Result, Target, Timing, ms, ratio, timed
from bot.dispatcher import build_dispatcher
from domain import plans
from domain.clock import FixedClock
from domain.permissions import Actor
from domain.vocabulary import ItemStatus, MemberStatus, Role, ShiftRule
from locales import t
from storage.db import create_session_factory
from storage.fsm import SqlStorage
from storage.models import Cell, ItemProgress, Member, PlanSection, YearConfig

# 10 March 2026 in Hà Nội: the cell meets on the 5th, so the open report is April's.
NOW = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
YEAR = 2026
# One member per variant: each starts from a report with no answer yet.
MEMBERS_TG = {"state in memory": 424242, "state in SQL": 424243}
SECRETARY_TG = 424250
ITEMS = ("Học tập chuyên đề năm", "Số hóa hồ sơ lưu trữ", "Tham gia vệ sinh khu phố")
TARGET = 0.5  # our step at least half as fast as the database floor of the same run
FLOOR = "database floor (SELECT member, UPDATE one row, COMMIT)"
PLAN_STEP = "plan step (move an item up), state in SQL"
SECRETARY_STEP = "secretary's month (the month before), state in SQL"
MAX_STATEMENTS = 6

Click = Callable[[], Awaitable[None]]


@dataclass
class StatementCounter:
    """SQL statements the engine ran, to tell how many one step costs."""

    total: int = 0

    def attach(self, engine: AsyncEngine) -> None:
        @event.listens_for(engine.sync_engine, "before_cursor_execute")
        def _count(*_: object) -> None:
            self.total += 1


@dataclass(frozen=True)
class StepTiming:
    timing: Timing
    statements_per_step: float


@dataclass(frozen=True)
class StepSizes:
    warmup: int
    steps: int


FULL = StepSizes(warmup=50, steps=500)
QUICK = StepSizes(warmup=20, steps=200)


class BareSG(StatesGroup):
    first = State()
    second = State()


class EditingMessageManager(MockMessageManager):
    """``MockMessageManager`` numbering as Telegram does: a text window shown over the last
    text window is an edit of that message and keeps its id (aiogram-dialog's own
    ``MessageManager`` edits then), so the dialog's stack does not change on every click."""

    async def show_message(
        self, bot: Bot, new_message: NewMessage, old_message: OldMessage | None
    ) -> OldMessage:
        edit = old_message is not None and new_message.show_mode in (ShowMode.AUTO, ShowMode.EDIT)
        if edit and old_message and not new_message.media and not old_message.media_id:
            self.last_message_id = old_message.message_id - 1
        return await super().show_message(bot, new_message, old_message)  # type: ignore[no-any-return]


def bare_dispatcher(messages: MockMessageManager) -> Dispatcher:
    """The smallest aiogram-dialog bot: two windows, one button each way."""
    router = Router()

    @router.message(CommandStart())
    async def start(_: Message, dialog_manager: DialogManager) -> None:
        await dialog_manager.start(BareSG.first, mode=StartMode.RESET_STACK)

    dialog = Dialog(
        Window(Const("Một"), SwitchTo(Const("Sang"), id="go", state=BareSG.second),
               state=BareSG.first),
        Window(Const("Hai"), SwitchTo(Const("Về"), id="back", state=BareSG.first),
               state=BareSG.second),
    )  # fmt: skip
    dp = Dispatcher(storage=JsonMemoryStorage())
    dp.include_routers(router, dialog)
    setup_dialogs(dp, message_manager=messages)
    return dp


def locator(caption: str) -> InlineButtonTextLocator:
    return InlineButtonTextLocator(f"^{re.escape(caption)}$")


async def measure(measured: Click, back: Click, sizes: StepSizes) -> Timing:
    for _ in range(sizes.warmup):
        await measured()
        await back()
    return await timed(measured, sizes.steps, back)


async def bare_click(sizes: StepSizes) -> Timing:
    messages = EditingMessageManager()  # type: ignore[no-untyped-call]
    client = BotClient(bare_dispatcher(messages), user_id=1, chat_id=1)
    await client.send("/start")

    async def go() -> None:
        await client.click(messages.last_message(), locator("Sang"))

    async def back() -> None:
        await client.click(messages.last_message(), locator("Về"))

    return await measure(go, back, sizes)


async def seed_members_with_plans(db: async_sessionmaker[AsyncSession]) -> None:
    """A cell meeting on the 5th, its members, each with a draft plan of three items for 2026."""
    async with db() as session, session.begin():
        cell = Cell(name="Chi bộ đo tốc độ", meeting_day=5, meeting_time=clock_time(14, 0),
                    shift_rule=ShiftRule.NONE)  # fmt: skip
        session.add(cell)
        await session.flush()
        members = [
            Member(full_name=f"Nguyễn Văn Đo {n}", telegram_id=telegram_id, cell_id=cell.id,
                   role=Role.MEMBER, status=MemberStatus.ACTIVE)
            for n, telegram_id in enumerate(MEMBERS_TG.values(), 1)
        ]  # fmt: skip
        secretary = Member(full_name="Trần Thị Bí Thư", telegram_id=SECRETARY_TG, cell_id=cell.id,
                           role=Role.SECRETARY, status=MemberStatus.ACTIVE)  # fmt: skip
        members.append(secretary)
        config = YearConfig(year=YEAR, theme="Chuyên đề năm")
        session.add_all([*members, config])
        await session.flush()
        section = PlanSection(year_config_id=config.id, position=1, title="Việc làm cụ thể")
        session.add(section)
        await session.flush()
        for member in members:
            for text in ITEMS:
                await plans.add_item(session, Actor.of(member), YEAR, section.id, text, NOW)


async def counted_clicks(
    client: BotClient,
    messages: MockMessageManager,
    presses: tuple[str, str],
    sizes: StepSizes,
    counter: StatementCounter,
    *also: str,
) -> StepTiming:
    """Press the first caption (measured, its statements counted), then the second (back);
    with ``also``, the measured press takes turns with those captions."""
    back_button = locator(presses[1])
    forth = [locator(caption) for caption in (presses[0], *also)]
    clicks = statements = 0

    async def press() -> None:
        nonlocal clicks, statements
        before = counter.total
        await client.click(messages.last_message(), forth[clicks % len(forth)])
        clicks += 1
        statements += counter.total - before

    async def back() -> None:
        await client.click(messages.last_message(), back_button)

    timing = await measure(press, back, sizes)
    return StepTiming(timing, statements / clicks)


def chat(
    db: async_sessionmaker[AsyncSession], storage: BaseStorage, telegram_id: int
) -> tuple[BotClient, MockMessageManager]:
    messages = EditingMessageManager()  # type: ignore[no-untyped-call]
    dp = build_dispatcher(db, storage=storage, clock=FixedClock(NOW), message_manager=messages)
    return BotClient(dp, user_id=telegram_id, chat_id=telegram_id), messages


async def report_step(
    db: async_sessionmaker[AsyncSession],
    storage: BaseStorage,
    member_tg: int,
    sizes: StepSizes,
    counter: StatementCounter,
) -> StepTiming:
    """Press a status for the first plan item (measured), then go back to the item; the
    statuses alternate, so that every press really changes the row."""
    client, messages = chat(db, storage, member_tg)
    await client.send("/start")
    await client.click(messages.last_message(), locator(t("menu-report")))
    if ITEMS[0] not in (messages.last_message().text or ""):
        raise RuntimeError(
            f"the report did not open on the first item: {messages.last_message().text}"
        )
    presses = (t("report-status-done-button"), t("button-back"))
    going = t("report-status-in-progress-button")
    return await counted_clicks(client, messages, presses, sizes, counter, going)


async def plan_step(
    db: async_sessionmaker[AsyncSession], sizes: StepSizes, counter: StatementCounter
) -> StepTiming:
    """In the plan, move the second item up (measured), then down again."""
    client, messages = chat(db, SqlStorage(db), MEMBERS_TG["state in SQL"])
    await client.send("/start")
    await client.click(messages.last_message(), locator(t("menu-plan")))
    await client.click(messages.last_message(), InlineButtonTextLocator(r"1\. .*"))
    await client.click(messages.last_message(), InlineButtonTextLocator(r"✏️ 2\. .*"))
    if ITEMS[1] not in (messages.last_message().text or ""):
        raise RuntimeError(f"the plan did not open the item: {messages.last_message().text}")
    presses = (t("plan-up-button"), t("plan-down-button"))
    return await counted_clicks(client, messages, presses, sizes, counter)


async def secretary_step(
    db: async_sessionmaker[AsyncSession], sizes: StepSizes, counter: StatementCounter
) -> StepTiming:
    """In the secretary's month, go to the month before (measured), then back."""
    client, messages = chat(db, SqlStorage(db), SECRETARY_TG)
    await client.send("/start")
    await client.click(messages.last_message(), locator(t("sec-menu")))
    presses = (t("sec-prev-month"), t("sec-next-month"))
    return await counted_clicks(client, messages, presses, sizes, counter)


async def database_floor(
    db: async_sessionmaker[AsyncSession], sizes: StepSizes, counter: StatementCounter
) -> StepTiming:
    """The least any such step must do: find the member, update one row, commit."""
    async with db() as session:
        item_id = await session.scalar(select(ItemProgress.id).limit(1))
    if item_id is None:
        raise RuntimeError("the report step wrote no item progress")
    presses = statements = 0

    async def write() -> None:
        nonlocal presses, statements
        presses += 1
        before = counter.total
        status = (ItemStatus.DONE, ItemStatus.IN_PROGRESS)[presses % 2]
        async with db() as session, session.begin():
            await session.scalar(
                select(Member.id).where(Member.telegram_id == MEMBERS_TG["state in memory"])
            )
            await session.execute(
                update(ItemProgress).where(ItemProgress.id == item_id).values(status=status)
            )
        statements += counter.total - before

    async def nothing() -> None:
        return None

    timing = await measure(write, nothing, sizes)
    return StepTiming(timing, statements / presses)


async def report_steps(engine: AsyncEngine, sizes: StepSizes) -> dict[str, StepTiming]:
    """Our report step with dialog state in memory (as with Redis) and in the SQL state
    storage, a plan step and a secretary's step (state in SQL), and the database floor."""
    db = create_session_factory(engine)
    counter = StatementCounter()
    counter.attach(engine)
    await seed_members_with_plans(db)
    storages: dict[str, BaseStorage] = {
        "state in memory": JsonMemoryStorage(),
        "state in SQL": SqlStorage(db),
    }
    timings = {
        variant: await report_step(db, storage, MEMBERS_TG[variant], sizes, counter)
        for variant, storage in storages.items()
    }
    timings[PLAN_STEP] = await plan_step(db, sizes, counter)
    timings[SECRETARY_STEP] = await secretary_step(db, sizes, counter)
    timings[FLOOR] = await database_floor(db, sizes, counter)
    return timings


async def run(quick: bool, workdir: Path) -> Result:
    sizes = QUICK if quick else FULL
    result = Result(
        title="1. Conversation step",
        setup=(
            f"{sizes.steps} measured clicks per variant after {sizes.warmup} warm-up clicks, "
            "through aiogram-dialog's `BotClient` and a `MockMessageManager` that keeps the "
            "message id on an edit, as Telegram does (no network). Report step: press a "
            "status button on a plan item of the monthly report (middleware finds the member "
            "→ `reports.set_item_status` on the view kept in dialog data → commit → note "
            "window). Plan step: move the second item of the plan up. Secretary's month: "
            "show the month before. Bare: a two-window aiogram-dialog with one `SwitchTo` "
            "button, state in `JsonMemoryStorage`, no database. Floor: the same backend's "
            "SELECT member, UPDATE one row, COMMIT."
        ),
        header=("variant", "steps/s", "p50", "p95", "SQL statements/step", "ratio to bare",
                "ratio to floor"),
    )  # fmt: skip
    bare = await bare_click(sizes)
    result.add_row("bare aiogram-dialog click", f"{bare.per_second:.0f}", ms(bare.p50),
                   ms(bare.p95), "0", "1", "")  # fmt: skip
    result.figures["bare_per_second"] = bare.per_second
    for backend in ("sqlite", "postgresql"):
        async with fresh_database(backend, "step", workdir) as engine:
            timings = await report_steps(engine, sizes)
        floor = timings[FLOOR].timing.per_second
        for variant, step in timings.items():
            share = step.timing.per_second / bare.per_second
            of_floor = step.timing.per_second / floor
            label = f"{backend}: {variant}"
            if variant in MEMBERS_TG:
                label = f"{backend}: report step, {variant}"
            result.add_row(label, f"{step.timing.per_second:.0f}", ms(step.timing.p50),
                           ms(step.timing.p95), f"{step.statements_per_step:.1f}",
                           ratio(share), ratio(of_floor))  # fmt: skip
            result.figures[f"{backend}: {variant}"] = share
            result.figures[f"{backend}: {variant}: of floor"] = of_floor
            result.figures[f"{backend}: {variant}: statements"] = step.statements_per_step
            if variant != FLOOR:
                result.targets.append(Target(f"{label}: steps/s ÷ floor", of_floor, TARGET, True))
                result.targets.append(Target(f"{label}: SQL statements", step.statements_per_step,
                                             MAX_STATEMENTS + 1, False, "≤ 6"))  # fmt: skip
    return result
