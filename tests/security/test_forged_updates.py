"""Updates nobody's phone would send, fed to the real dispatcher: made-up callback data,
other people's ids in real buttons, over-long data, the same update twice, group and
channel chats, messages without a sender. Each is refused without an exception reaching
aiogram and without showing anything of another member."""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from aiogram import Dispatcher, Router
from aiogram.methods import (
    AnswerCallbackQuery,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.types import CallbackQuery, Chat, InlineKeyboardButton, Message, Update
from aiogram_dialog import Dialog
from aiogram_dialog.test_tools import BotClient, MockMessageManager
from aiogram_dialog.test_tools.bot_client import FakeBot
from aiogram_dialog.test_tools.memory_storage import JsonMemoryStorage
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.dispatcher import build_dispatcher
from bot.middlewares import ReplayedUpdateFilter
from domain import plans
from domain.clock import FixedClock
from domain.vocabulary import MemberStatus, Role
from locales import t
from storage.db import create_session_factory
from storage.models import Cell, Meeting, Member, PlanItem
from tests.dialogs.seed import AN_TG, BINH_TG, NOW, SECRETARY_TG, Seeded, seed

Db = async_sessionmaker[AsyncSession]
GROUP_ID, CHANNEL_ID = -1001234567890, -1009876543210
OTHER_SECRETARY_TG = 9101
# What must never reach anyone but Bình and her cell's leaders.
SECRET = "Việc riêng của Bình"
OTHER_CELL = "Chi bộ Trường Trung cấp Nghề tỉnh"
OTHER_PLACE = "Phòng họp tầng 3, Trường Trung cấp Nghề tỉnh"


class RecordingBot(FakeBot):
    """Answers callback queries and sends messages, and remembers what it said."""

    def __init__(self) -> None:
        self.calls: list[TelegramMethod[Any]] = []

    async def __call__(
        self, method: TelegramMethod[Any], request_timeout: int | None = None
    ) -> Any:
        self.calls.append(method)
        if isinstance(method, AnswerCallbackQuery):
            return True
        if isinstance(method, SendDocument | SendPhoto):
            return None  # a leader's own cell's export
        if isinstance(method, SendMessage):
            return Message(
                message_id=len(self.calls),
                date=datetime.fromtimestamp(1234567890),
                chat=Chat(id=int(method.chat_id), type="private"),
                text=method.text,
            )
        raise RuntimeError(f"unexpected call {type(method).__name__}")

    def said(self) -> str:
        return "\n".join(str(getattr(call, "text", None) or "") for call in self.calls)


class Phone:
    """One person's chat with the real dispatcher, with raw updates at hand."""

    def __init__(
        self,
        db: Db,
        user_id: int,
        *,
        chat_id: int | None = None,
        chat_type: str = "private",
        shared_replay: bool = False,
    ) -> None:
        self.messages = MockMessageManager()
        self.bot = RecordingBot()
        self.dp = build_dispatcher(
            db,
            storage=JsonMemoryStorage(),
            clock=FixedClock(NOW),
            message_manager=self.messages,
            shared_replay=shared_replay,
        )
        self.client = BotClient(
            self.dp,
            user_id=user_id,
            chat_id=chat_id or user_id,
            chat_type=chat_type,
            bot=self.bot,
        )

    @property
    def text(self) -> str:
        try:
            return self.messages.last_message().text or ""
        except (IndexError, AssertionError):
            return ""

    def answered(self) -> list[str]:
        """Callback queries answered, by the bot directly or through aiogram-dialog."""
        direct = [c.callback_query_id for c in self.bot.calls if isinstance(c, AnswerCallbackQuery)]
        return sorted(set(direct) | self.messages.answered_callbacks)

    def everything_shown(self) -> str:
        shown = [m.text or "" for m in self.messages.sent_messages]
        return "\n".join(shown) + "\n" + self.bot.said()

    async def send(self, text: str) -> str:
        await self.client.send(text)
        return self.text

    async def feed(self, update: Update) -> Any:
        return await self.dp.feed_update(self.bot, update)

    def callback(self, data: str, message: Message | None = None) -> Update:
        self.client.last_update_id += 1
        return Update(
            update_id=self.client.last_update_id,
            callback_query=CallbackQuery(
                id=f"forged-{self.client.last_update_id}",
                data=data,
                chat_instance="--",
                from_user=self.client.user,
                message=message or self.messages.last_message(),
            ),
        )

    async def press_data(self, data: str) -> str:
        await self.feed(self.callback(data))
        return self.text

    def buttons(self) -> list[InlineKeyboardButton]:
        markup = self.messages.last_message().reply_markup
        if markup is None:
            return []
        return [b for row in markup.inline_keyboard for b in row]  # type: ignore[union-attr]

    def data_of(self, pattern: str) -> str:
        for button in self.buttons():
            if re.fullmatch(pattern, button.text) and button.callback_data:
                return button.callback_data
        raise AssertionError(f"no button {pattern!r} in {[b.text for b in self.buttons()]}")


@pytest.fixture
async def db(sqlite_engine: AsyncEngine) -> Db:
    return create_session_factory(sqlite_engine)


@pytest.fixture
async def cell(db: Db) -> Seeded:
    seeded = await seed(db)
    async with db() as session, session.begin():
        await plans.add_item(session, seeded.binh, 2026, seeded.section_ids[0], SECRET, NOW)
        other = Cell(name=OTHER_CELL, meeting_day=5)
        session.add(other)
        await session.flush()
        session.add(
            Member(
                full_name="Đỗ Văn Phúc",
                telegram_id=OTHER_SECRETARY_TG,
                cell_id=other.id,
                role=Role.SECRETARY,
                status=MemberStatus.ACTIVE,
            )
        )
    return seeded


@pytest.fixture(autouse=True)
def no_errors_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Nothing reaches aiogram's error log, nor any other error or warning."""
    caplog.set_level(logging.WARNING)
    yield
    bad = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not bad, [f"{r.name}: {r.getMessage()}" for r in bad]


def _not_leaked(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text
        assert "Lê Thị Bình" not in text


# Made-up callback data ----------------------------------------------------------------

# Data no widget of the open window carries: plain strings, the reminder buttons' own
# shapes with impossible values, aiogram-dialog's separator with nothing around it.
MADE_UP = [
    "",
    "x",
    "🙂",
    "\x00\x1d\x1d",
    "\x1d",
    "0\x1dsec:1",
    "menu",
    "report:9999-99",
    "report:0000-00",
    "absence:999999999999",
    "plan:0000",
    "a" * 64,
]


async def _plan_items(db: Db, member_id: int) -> list[str]:
    async with db() as session:
        rows = await session.scalars(
            select(PlanItem.text)
            .join(PlanItem.plan)
            .where(PlanItem.plan.has(member_id=member_id))
            .order_by(PlanItem.id)
        )
        return list(rows)


async def test_made_up_callback_data_is_answered_and_changes_nothing(db: Db, cell: Seeded) -> None:
    for data in MADE_UP:
        an = Phone(db, AN_TG)
        # Before any window exists, then with the main menu open.
        first = an.callback(data, _old_message(AN_TG))
        await an.feed(first)
        await an.send("/start")
        second = an.callback(data)
        await an.feed(second)
        assert an.answered() == sorted(
            [first.callback_query.id, second.callback_query.id]  # type: ignore[union-attr]
        ), data
        _not_leaked(an.everything_shown())
        # The chat still works.
        assert t("menu-plan") in [b.text for b in (await _restart(an))]
    assert await _plan_items(db, cell.binh.member_id) == [SECRET]


def _old_message(chat_id: int) -> Message:
    return Message(
        message_id=1,
        date=datetime.fromtimestamp(1234567890),
        chat=Chat(id=chat_id, type="private"),
        text="Tin nhắn cũ",
    )


async def _restart(phone: Phone) -> list[InlineKeyboardButton]:
    await phone.send("/start")
    return phone.buttons()


async def _open_plan(an: Phone) -> None:
    await an.send("/start")
    await an.press_data(an.data_of(re.escape(t("menu-plan"))))


# The reminder buttons' shapes, with values no reminder carries, pressed by a cell's secretary.
LEADER_MADE_UP = [
    "summary:1:0000-13",
    "summary:1:2026-00",
    "summary:999999999999:2026-03",
    "summary:1:9999-12",
    "review-plans:999999999999",
    "report:2026-13",
    "absence:0",
]


async def test_made_up_reminder_buttons_of_a_secretary(db: Db, cell: Seeded) -> None:
    secretary = Phone(db, SECRETARY_TG)
    await secretary.send("/start")
    for data in LEADER_MADE_UP:
        update = secretary.callback(data)
        await secretary.feed(update)
        assert update.callback_query.id in secretary.answered(), data  # type: ignore[union-attr]
    assert t("menu-plan") in [b.text for b in (await _restart(secretary))]


async def test_a_deep_link_to_another_cells_meeting(db: Db, cell: Seeded) -> None:
    async with db() as session, session.begin():
        other_cell = await session.scalar(select(Cell.id).where(Cell.name == OTHER_CELL))
        meeting = Meeting(
            cell_id=other_cell,
            year=2026,
            month=4,
            rule_starts_at=NOW + timedelta(days=30),
            starts_at=NOW + timedelta(days=30),
            place=OTHER_PLACE,
            topic=OTHER_PLACE,
        )
        session.add(meeting)
        await session.flush()
        meeting_id = meeting.id
    an = Phone(db, AN_TG)
    # "absent-0" names no meeting: the window opens on the member's own next meeting.
    for text in (f"/start absent-{meeting_id}", "/start absent-999999999999", "/start absent-0"):
        await an.send(text)
    await an.send("/start")
    await an.feed(an.callback(f"absence:{meeting_id}"))
    shown = an.everything_shown()
    assert shown.count(t("error-absence-meeting-not-found")) == 3
    assert OTHER_PLACE not in shown
    _not_leaked(shown)


NOT_IDS = ["zzz", "-1", "0", "1.5", "١٢", "9" * 19, "9" * 40, " 4", "4 ", ""]


async def test_a_real_widget_with_an_item_no_button_has(db: Db, cell: Seeded) -> None:
    an = Phone(db, AN_TG)
    await _open_plan(an)
    real = an.data_of(r"1\. .*")
    before = an.text
    for item in NOT_IDS:
        await an.press_data(real.rsplit(":", 1)[0] + ":" + item)
        assert an.text == before, item  # the overview, unchanged
    _not_leaked(an.everything_shown())
    await an.press_data(real)
    assert "Phần 1/3" in an.text


async def test_another_members_item_in_a_real_button(db: Db, cell: Seeded) -> None:
    async with db() as session:
        theirs = await session.scalar(select(PlanItem.id).where(PlanItem.text == SECRET))
    an = Phone(db, AN_TG)
    await _open_plan(an)
    await an.press_data(an.data_of(r"1\. .*"))
    await an.send("Đọc báo Nhân Dân mỗi sáng")
    own = an.data_of(r"✏️ 1\. .*")
    text = await an.press_data(re.sub(r"\d+$", str(theirs), own))
    assert t("error-plan-item-not-found") in text
    _not_leaked(an.everything_shown())
    assert await _plan_items(db, cell.binh.member_id) == [SECRET]


async def test_another_cells_plan_in_the_review_window(db: Db, cell: Seeded) -> None:
    async with db() as session:
        plan_id = await session.scalar(select(PlanItem.plan_id).where(PlanItem.text == SECRET))
    other = Phone(db, OTHER_SECRETARY_TG)
    await other.send("/start")
    await other.press_data(other.data_of(re.escape(t("sec-menu"))))
    await other.press_data(other.data_of(re.escape(t("sec-open-plans"))))
    intent = other.data_of(".*").split("\x1d")[0]
    text = await other.press_data(f"{intent}\x1dp:{plan_id}")
    assert t("error-permission-denied") in text
    for forged in ("sec-plan-acknowledge", "ack", "ret"):
        await other.press_data(f"{intent}\x1d{forged}")
    _not_leaked(other.everything_shown())


# Over-long data ---------------------------------------------------------------------


OVER_LONG = [65, 300, 4096]


async def test_over_long_callback_data_is_dropped(db: Db, cell: Seeded) -> None:
    an = Phone(db, AN_TG)
    await _open_plan(an)
    real = an.data_of(r"1\. .*")
    before = len(an.messages.sent_messages)
    for size in OVER_LONG:
        update = an.callback(real + "9" * (size - len(real.encode())))
        assert len(update.callback_query.data.encode()) == size  # type: ignore[union-attr]
        await an.feed(update)
    assert len(an.messages.sent_messages) == before
    assert [type(c) for c in an.bot.calls] == [AnswerCallbackQuery] * len(OVER_LONG)
    assert {c.text for c in an.bot.calls} == {None}  # type: ignore[attr-defined]


# Replayed updates ---------------------------------------------------------------------


async def test_a_replayed_message_adds_the_item_once(db: Db, cell: Seeded) -> None:
    an = Phone(db, AN_TG)
    await _open_plan(an)
    await an.press_data(an.data_of(r"1\. .*"))
    an.client.last_update_id += 1
    update = Update(
        update_id=an.client.last_update_id,
        message=an.client._new_message("Đọc báo Nhân Dân mỗi sáng", None),
    )
    await an.feed(update)
    await an.feed(update)
    await an.feed(update.model_copy())
    assert await _plan_items(db, cell.an.member_id) == ["Đọc báo Nhân Dân mỗi sáng"]


async def test_a_replayed_button_acts_once(db: Db, cell: Seeded) -> None:
    async with db() as session, session.begin():
        await plans.add_item(session, cell.an, 2026, cell.section_ids[0], "Đọc sách", NOW)
    an = Phone(db, AN_TG)
    await _open_plan(an)
    submit = an.callback(an.data_of(re.escape(t("plan-submit-button"))))
    await an.feed(submit)
    assert t("plan-status-submitted") in an.text
    shown = len(an.messages.sent_messages)
    await an.feed(submit)
    assert len(an.messages.sent_messages) == shown
    assert t("error-plan-already-submitted") not in an.everything_shown()


async def test_the_replay_memory_is_bounded_in_size_and_age() -> None:
    seen: list[int] = []
    now = [0.0]

    async def handler(event: Any, data: dict[str, Any]) -> None:
        seen.append(event.update_id)

    replay = ReplayedUpdateFilter(remember=3, keep=60, clock=lambda: now[0])
    for update_id in (1, 2, 1, 3, 4, 5, 1, 5):
        await replay(handler, Update(update_id=update_id), {})
    assert seen == [1, 2, 3, 4, 5, 1]
    assert len(replay) == 3
    now[0] = 61.0  # past ``keep``, every id is new again
    await replay(handler, Update(update_id=5), {})
    assert seen[-1] == 5 and len(replay) == 1


async def test_a_replay_reaching_another_webhook_worker_is_dropped(db: Db, cell: Seeded) -> None:
    """Two webhook workers behind a balancer share the database and the dialog state;
    Telegram's second delivery of an update may reach the other one."""
    an = Phone(db, AN_TG, shared_replay=True)
    await _open_plan(an)
    await an.press_data(an.data_of(r"1\. .*"))
    other = build_dispatcher(
        db,
        storage=an.dp.storage,
        clock=FixedClock(NOW),
        message_manager=an.messages,
        shared_replay=True,
    )
    an.client.last_update_id += 1
    update = Update(
        update_id=an.client.last_update_id,
        message=an.client._new_message("Học Di chúc của Bác", None),
    )
    await an.feed(update)
    await other.feed_update(an.bot, update.model_copy())
    assert await _plan_items(db, cell.an.member_id) == ["Học Di chúc của Bác"]
    # A new update reaches the other worker and is handled there.
    an.client.last_update_id += 1
    fresh = Update(
        update_id=an.client.last_update_id,
        message=an.client._new_message("Viết thu hoạch", None),
    )
    await other.feed_update(an.bot, fresh)
    assert await _plan_items(db, cell.an.member_id) == ["Học Di chúc của Bác", "Viết thu hoạch"]


# Group, supergroup and channel chats -----------------------------------------------------


GROUP_COMMANDS = ["/start", "/menu", "/start@chibo_bot", "/report"]
GROUP_CHATTER = ["Việc riêng của Bình", "ABCD2345", "Xin chào các đồng chí"]


async def test_a_command_in_a_group_gets_one_line_and_no_window(db: Db, cell: Seeded) -> None:
    for chat_type in ("group", "supergroup"):
        secretary = Phone(db, SECRETARY_TG, chat_id=GROUP_ID, chat_type=chat_type)
        for text in GROUP_COMMANDS:
            await secretary.send(text)
        sent = [c for c in secretary.bot.calls if isinstance(c, SendMessage)]
        assert [(c.chat_id, c.text) for c in sent] == [(GROUP_ID, t("private-chat-only"))] * len(
            GROUP_COMMANDS
        )
        assert len(secretary.bot.calls) == len(sent)
        assert secretary.messages.sent_messages == []


async def test_chatter_in_a_group_gets_no_answer(db: Db, cell: Seeded) -> None:
    stranger = Phone(db, 5555, chat_id=GROUP_ID, chat_type="supergroup")
    binh = Phone(db, BINH_TG, chat_id=GROUP_ID, chat_type="group")
    for text in GROUP_CHATTER:
        await stranger.send(text)
        await binh.send(text)
    assert stranger.bot.calls == binh.bot.calls == []
    assert stranger.messages.sent_messages == binh.messages.sent_messages == []


async def test_a_button_pressed_in_a_group_opens_nothing(db: Db, cell: Seeded) -> None:
    an = Phone(db, AN_TG)
    await _open_plan(an)
    real = an.data_of(r"1\. .*")
    group = Phone(db, AN_TG, chat_id=GROUP_ID, chat_type="group")
    group_message = Message(
        message_id=7,
        date=datetime.fromtimestamp(1234567890),
        chat=Chat(id=GROUP_ID, type="group"),
        text="Nhắc báo cáo tháng",
    )
    for data in (real, "report:2026-04", "plan:2026", "absence:1"):
        await group.feed(group.callback(data, group_message))
    assert group.messages.sent_messages == []
    answers = [c for c in group.bot.calls if isinstance(c, AnswerCallbackQuery)]
    assert [(a.text, a.show_alert) for a in answers] == [(t("private-chat-only"), True)] * 4
    assert len(group.bot.calls) == 4


async def test_channel_posts_are_ignored(db: Db, cell: Seeded) -> None:
    channel = Chat(id=CHANNEL_ID, type="channel", title="Tin chi bộ")
    phone = Phone(db, SECRETARY_TG)
    for n, text in enumerate(("/start", "ABCD2345", "Thông báo"), start=100):
        post = Message(
            message_id=n,
            date=datetime.fromtimestamp(1234567890),
            chat=channel,
            sender_chat=channel,
            text=text,
        )
        await phone.feed(Update(update_id=n, channel_post=post))
        await phone.feed(Update(update_id=n + 10, edited_channel_post=post))
    assert phone.bot.calls == [] and phone.messages.sent_messages == []


# Messages without a sender --------------------------------------------------------------


SENDERLESS = ["/start", "/menu", "ABCD2345", "Đọc báo"]


async def test_a_private_message_without_a_sender_is_dropped(db: Db, cell: Seeded) -> None:
    phone = Phone(db, AN_TG)
    for n, text in enumerate(SENDERLESS):
        message = Message(
            message_id=n,
            date=datetime.fromtimestamp(1234567890),
            chat=Chat(id=AN_TG, type="private"),
            text=text,
        )
        await phone.feed(Update(update_id=2 * n, message=message))
        await phone.feed(Update(update_id=2 * n + 1, edited_message=message))
    assert phone.bot.calls == [] and phone.messages.sent_messages == []


# Every widget of the dialog, shown or hidden -----------------------------------------------


def _dialog_widget_ids(dp: Dispatcher) -> list[set[str]]:
    """The widget ids of each dialog, over all its windows: a window acts on a click of any
    of its widgets, also one its ``when`` hides."""
    found: list[set[str]] = []

    def collect(widget: object, ids: set[str]) -> None:
        widget_id = getattr(widget, "widget_id", None)
        if widget_id:
            ids.add(widget_id)
        for child in getattr(widget, "buttons", ()) or ():
            collect(child, ids)

    def walk(router: Router) -> None:
        if isinstance(router, Dialog):
            ids: set[str] = set()
            for window in router.windows.values():
                collect(getattr(window, "keyboard", None), ids)
            found.append(ids)
        for sub in router.sub_routers:
            walk(sub)

    walk(dp)
    return found


async def _press_everything(phone: Phone, steps: int, others: tuple[int, ...]) -> int:
    """Walk the windows through real buttons (seeded choice); in each, press every widget
    of its dialog with no item and with other people's ids. Returns the presses made."""
    rng = random.Random(8)
    dialogs = _dialog_widget_ids(phone.dp)
    pressed = 0
    for _ in range(steps):
        real = [
            b.callback_data
            for b in phone.buttons()
            if b.callback_data and "\x1d" in b.callback_data
        ]
        if not real:
            await phone.send("/start")
            continue
        intent = real[0].split("\x1d")[0]
        shown = {data.split("\x1d")[1].split(":")[0] for data in real}
        widgets = next((ids for ids in dialogs if shown <= ids), set())
        assert widgets, shown
        for widget in sorted(widgets):
            for suffix in ("", *(f":{other}" for other in others)):
                await phone.feed(phone.callback(f"{intent}\x1d{widget}{suffix}"))
                pressed += 1
        await phone.send("/start")
        real = [b.callback_data for b in phone.buttons() if b.callback_data]
        await phone.press_data(rng.choice(real))
    return pressed


async def test_every_widget_pressed_by_hand_by_a_member(db: Db, cell: Seeded) -> None:
    async with db() as session:
        item = await session.scalar(select(PlanItem.id).where(PlanItem.text == SECRET))
    assert item is not None
    an = Phone(db, AN_TG)
    await an.send("/start")
    pressed = await _press_everything(an, 3, (item,))
    assert pressed > 60
    print(f"{pressed} hand-made presses")
    _not_leaked(an.everything_shown())
    assert await _plan_items(db, cell.binh.member_id) == [SECRET]


async def test_every_widget_pressed_by_hand_by_another_cells_secretary(
    db: Db, cell: Seeded
) -> None:
    async with db() as session:
        plan = await session.scalar(select(PlanItem.plan_id).where(PlanItem.text == SECRET))
    other = Phone(db, OTHER_SECRETARY_TG)
    await other.send("/start")
    await other.press_data(other.data_of(re.escape(t("sec-menu"))))
    pressed = await _press_everything(other, 3, (plan or 0,))
    assert pressed > 60
    print(f"{pressed} hand-made presses")
    _not_leaked(other.everything_shown())
    assert "Nguyễn Văn An" not in other.everything_shown()
    assert await _plan_items(db, cell.binh.member_id) == [SECRET]
