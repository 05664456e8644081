"""The text conversation on Zalo: numbered menus, short commands, one question at a time.

One incoming message is one ``Turn``: in one transaction the message id is recorded (a
replay is answered once), the person's state is read, the domain use cases run, the new
state is written. A rule that says no rolls back only its own step (a savepoint), so the
member reads why and is asked again. Replies are plain text.

Through the webhook an update is first stored (``store``) and handled later
(``receive(update, stored=True)``): the turn then marks the stored update handled instead
of recording its id.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from conversations.zalo import flows, leaders, member
from conversations.zalo.text import command_key
from conversations.zalo.turn import Incoming, Turn
from delivery.render import plain
from domain.clock import Clock
from domain.errors import DomainError
from domain.invites import check_invite, looks_like_code
from domain.joining import join_cell
from domain.linking import is_link_code, link_zalo, wrote_on_zalo
from domain.permissions import Actor, actor_for_zalo
from domain.vocabulary import MemberStatus
from locales import t
from storage.inbound import ReplayGuard, claim, unhandled
from storage.zalo import load_state, save_state

TEXT_EVENT = "message.text.received"
# A group chat's state: whether it was told that chibo works in private chats only.
GROUP_TOLD = "told-private-only"

COMMANDS = {
    "kehoach": "plan",
    "baocao": "report",
    "lich": "schedule",
    "nhacnho": "channel",
    "huongdan": "help",
    "tonghop": "summary",
    "menu": "menu",
    "start": "menu",
    "huy": "cancel",
    "lichsu": "history",
    "thamdu": "attend",
    "dulieu": "mydata",
    "chuabaocao": "missing",
    "nhac": "nudge",
    "duyetkehoach": "plans",
    "xinthamgia": "joins",
    "xemchibo": "webview",
}
# "xin vắng bận công tác": a notice of absence for the next meeting, with its reason.
ABSENCE_PREFIX = "xinvang"
MENU_NUMBERS = {"1": "plan", "2": "report", "3": "schedule", "4": "channel", "5": "help"}
LEADER_NUMBERS = {"6": "summary"}


@dataclass(frozen=True)
class Received:
    """What one update came to: the chat to answer, the answers, and ``fresh`` False for
    an update handled before (the platform serves updates again) or one not for chibo."""

    chat_id: str | None
    replies: list[str]
    fresh: bool


class Conversation:
    def __init__(
        self,
        db: async_sessionmaker[AsyncSession],
        *,
        clock: Clock,
        download_url: Callable[[str], str] | None = None,
        webview_url: Callable[[str], str] | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.download_url = download_url
        self.webview_url = webview_url
        # A chat's lock lives while a turn of that chat holds or awaits it.
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self._replays = ReplayGuard()

    async def handle(self, update: dict[str, Any]) -> tuple[str | None, list[str]]:
        """The chat to answer and the answers; no answers for a replay or a bot's message."""
        received = await self.receive(update)
        return received.chat_id, received.replies

    async def store(self, update: dict[str, Any]) -> bool:
        """Keep an update to handle later; False for one stored before or not for chibo."""
        incoming = Incoming.of(update)
        if incoming is None:
            return False
        async with self.db() as session, session.begin():
            now = self.clock.now()
            return await self._replays.first_time(session, incoming.message_id, now, update)

    async def pending(self) -> list[dict[str, Any]]:
        """The updates stored and not handled yet (a stopped process left them), in order."""
        async with self.db() as session:
            return await unhandled(session)

    async def set_aside(self, update: dict[str, Any]) -> None:
        """Mark a stored update handled without its effects (its turn failed), so no later
        process tries it again."""
        incoming = Incoming.of(update)
        if incoming is not None:
            async with self.db() as session, session.begin():
                await claim(session, incoming.message_id, self.clock.now())

    async def receive(self, update: dict[str, Any], *, stored: bool = False) -> Received:
        """Handle one update: where to answer, the answers, and whether it was new."""
        incoming = Incoming.of(update)
        if incoming is None:
            return Received(None, [], fresh=False)
        # One chat's messages one at a time, in order: its state is read, then written.
        lock = self._locks.get(incoming.chat_id)
        if lock is None:
            lock = self._locks[incoming.chat_id] = asyncio.Lock()
        async with lock:
            replies = await self._handle(incoming, stored)
        if replies is None:
            return Received(incoming.chat_id, [], fresh=False)
        return Received(incoming.chat_id, replies, fresh=True)

    async def _handle(self, incoming: Incoming, stored: bool) -> list[str] | None:
        """The answers, or None when the message was handled before (a replay)."""
        now = self.clock.now()
        async with self.db() as session, session.begin():
            key = incoming.message_id
            if stored:
                fresh = await claim(session, key, now)
            else:
                fresh = await self._replays.first_time(session, key, now)
            if not fresh:
                return None
            if incoming.in_group:
                return await _group(session, incoming.chat_id)
            state = await load_state(session, incoming.user_id)
            turn = Turn(
                session, incoming, state, now, self.clock.tz, self.download_url, self.webview_url
            )
            await run(turn)
            await save_state(session, incoming.user_id, turn.state)
        return [plain(reply) for reply in turn.replies if reply.strip()]


async def _group(session: AsyncSession, chat_id: str) -> list[str]:
    """A group chat: told once that chibo works in private chats; nothing else happens."""
    state = await load_state(session, chat_id)
    if state.get(GROUP_TOLD):
        return []
    await save_state(session, chat_id, {GROUP_TOLD: True})
    return [plain(t("zalo-private-only"))]


async def run(turn: Turn) -> None:
    """Route one message: cancel, a stranger's invite or link code, or a member's step."""
    # Whoever writes can be written to again, whatever they wrote.
    await wrote_on_zalo(turn.session, turn.incoming.user_id)
    if turn.incoming.event != TEXT_EVENT or not turn.text:
        turn.say("zalo-text-only")
        return
    turn.actor = await actor_for_zalo(turn.session, turn.incoming.user_id)
    command = COMMANDS.get(command_key(turn.text))
    if command == "cancel":
        turn.state.clear()
        turn.say("zalo-cancelled")
        if turn.actor is not None and turn.actor.active:
            await flows.menu(turn)
        return
    if turn.actor is None or not turn.actor.active:
        await _guarded(turn, lambda: _stranger(turn))
        return
    await _guarded(turn, lambda: _member(turn, command))


async def _guarded(turn: Turn, step: Callable[[], Any]) -> None:
    """Run a step; a rule that says no undoes the step only, and the member is told why."""
    try:
        async with turn.session.begin_nested():
            await step()
    except DomainError as error:
        turn.say(error.msg_id, **error.args_)
        try:
            async with turn.session.begin_nested():
                await (leaders.ask_again if leaders.owns(turn) else member.ask_again)(turn)
        except DomainError:
            turn.state.clear()


async def _stranger(turn: Turn) -> None:
    """A person who is not (or no longer) an active member."""
    if turn.state.get("step") == "join-name":
        await _join(turn, turn.text)
        return
    if looks_like_code(turn.text):
        if await is_link_code(turn.session, turn.text):
            member = await link_zalo(turn.session, turn.text, turn.incoming.user_id, turn.now)
            turn.state.clear()
            turn.say("zalo-linked", name=member.full_name)
            turn.actor = Actor.of(member)
            await flows.menu(turn)
            return
        invite = await check_invite(turn.session, turn.text, turn.now)
        turn.state.clear()
        turn.state.update(step="join-name", code=invite.code, cell=invite.cell_name)
        turn.say("zalo-join-cell", cell=invite.cell_name, name=turn.suggested_name())
        if invite.needs_approval:
            turn.say("zalo-join-approval")
        turn.say("zalo-about-bot")  # before they give their name, what this is
        return
    if turn.actor is not None and turn.actor.status is MemberStatus.PENDING:
        turn.say("zalo-pending")
    elif turn.actor is not None:
        turn.say("zalo-inactive")
    else:
        turn.say("zalo-welcome")


async def _join(turn: Turn, answer: str) -> None:
    name = turn.suggested_name() if answer == "1" else answer
    code = str(turn.state.get("code", ""))
    result = await join_cell(
        turn.session, code, None, name, turn.now, zalo_user_id=turn.incoming.user_id
    )
    turn.state.clear()
    if result.pending:
        turn.say("zalo-join-pending", cell=result.cell_name)
        return
    turn.say("zalo-joined", name=result.full_name, cell=result.cell_name)
    turn.actor = await actor_for_zalo(turn.session, turn.incoming.user_id)
    await flows.menu(turn)


async def _member(turn: Turn, command: str | None) -> None:
    """An active member: a menu number or command starts a flow, anything else answers it."""
    if command is None and command_key(turn.text).startswith(ABSENCE_PREFIX):
        turn.state.clear()
        await flows.absence(turn, _after(turn.text, ABSENCE_PREFIX))
        return
    if await leaders.route(turn, command):
        return
    if command is None and await member.typed(turn):
        return
    if command is None and not turn.state.get("step"):
        numbers = dict(MENU_NUMBERS)
        if turn.leads_cell:
            numbers.update(LEADER_NUMBERS)
        command = numbers.get(turn.text.strip())
        if command is None:
            # One short hint; the menu is one word away.
            turn.say("zalo-not-understood", text=turn.text[:50])
            return
    if command is not None:
        turn.state.clear()
        await member.start(turn, command)
        return
    await member.answer(turn)


def _after(text: str, key: str) -> str:
    """What follows the words that read as ``key`` ("Xin vắng" for "xinvang")."""
    words = text.split()
    for count in range(1, len(words) + 1):
        if command_key(" ".join(words[:count])) == key:
            return " ".join(words[count:])
    return ""
