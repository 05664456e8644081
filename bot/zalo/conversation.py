"""The text conversation on Zalo: numbered menus, short commands, one question at a time.

One incoming message is one ``Turn``: in one transaction the message id is recorded (a
replay is answered once), the person's state is read, the domain use cases run, the new
state is written. A rule that says no rolls back only its own step (a savepoint), so the
member reads why and is asked again. Replies are plain text.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.zalo import flows
from bot.zalo.text import command_key
from delivery.render import plain
from domain.clock import Clock
from domain.errors import DomainError
from domain.invites import check_invite, looks_like_code
from domain.joining import join_cell
from domain.linking import is_link_code, link_zalo
from domain.permissions import Actor, actor_for_zalo
from domain.text import normalize
from domain.vocabulary import MemberStatus
from locales import t
from storage.zalo import first_time_seen, forget_old_messages, load_state, save_state

TEXT_EVENT = "message.text.received"
# Old handled ids are swept every this many messages, not on every one.
SWEEP_EVERY = 500

COMMANDS = {
    "kehoach": "plan",
    "baocao": "report",
    "lich": "schedule",
    "nhacnho": "channel",
    "huongdan": "help",
    "tonghop": "summary",
    "menu": "menu",
    "huy": "cancel",
}
MENU_NUMBERS = {"1": "plan", "2": "report", "3": "schedule", "4": "channel", "5": "help"}
LEADER_NUMBERS = {"6": "summary"}


@dataclass(frozen=True)
class Incoming:
    """One message from a Zalo user, as the platform sent it."""

    user_id: str
    display_name: str
    message_id: str
    event: str
    text: str

    @classmethod
    def of(cls, update: dict[str, Any]) -> Incoming | None:
        message = update.get("message") or {}
        sender = message.get("from") or {}
        if not sender.get("id") or sender.get("is_bot") or not message.get("message_id"):
            return None
        return cls(
            user_id=str(sender["id"]),
            display_name=str(sender.get("display_name") or ""),
            message_id=str(message["message_id"]),
            event=str(update.get("event_name") or ""),
            text=str(message.get("text") or ""),
        )


class Conversation:
    def __init__(
        self,
        db: async_sessionmaker[AsyncSession],
        *,
        clock: Clock,
        download_url: Callable[[str], str] | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.download_url = download_url
        self._locks: dict[str, asyncio.Lock] = {}
        self._handled = 0

    async def handle(self, update: dict[str, Any]) -> tuple[str | None, list[str]]:
        """The chat to answer and the answers; no answers for a replay or a bot's message."""
        incoming = Incoming.of(update)
        if incoming is None:
            return None, []
        # One person's messages one at a time: their state is read, then written.
        lock = self._locks.setdefault(incoming.user_id, asyncio.Lock())
        async with lock:
            replies = await self._handle(incoming)
        if not lock.locked():
            self._locks.pop(incoming.user_id, None)
        return incoming.user_id, replies

    async def _handle(self, incoming: Incoming) -> list[str]:
        now = self.clock.now()
        async with self.db() as session, session.begin():
            if not await first_time_seen(session, incoming.message_id, now):
                return []
            state = await load_state(session, incoming.user_id)
            turn = Turn(session, incoming, state, now, self.download_url)
            await turn.run()
            await save_state(session, incoming.user_id, turn.state)
            self._handled += 1
            if self._handled % SWEEP_EVERY == 0:
                await forget_old_messages(session, now)
        return [plain(reply) for reply in turn.replies if reply.strip()]


class Turn:
    """What one message does; ``replies`` collects the answers in order."""

    def __init__(
        self,
        session: AsyncSession,
        incoming: Incoming,
        state: dict[str, Any],
        now: datetime,
        download_url: Callable[[str], str] | None,
    ) -> None:
        self.session = session
        self.incoming = incoming
        self.state = state
        self.now = now
        self.download_url = download_url
        self.text = normalize(incoming.text)
        self.replies: list[str] = []
        self.actor: Actor | None = None

    def say(self, msg_id: str, **args: Any) -> None:
        self.replies.append(t(msg_id, **args))

    async def run(self) -> None:
        if self.incoming.event != TEXT_EVENT or not self.text:
            self.say("zalo-text-only")
            return
        self.actor = await actor_for_zalo(self.session, self.incoming.user_id)
        command = COMMANDS.get(command_key(self.text))
        if command == "cancel":
            self.state.clear()
            self.say("zalo-cancelled")
            if self.actor is not None and self.actor.active:
                await flows.menu(self)
            return
        if self.actor is None or not self.actor.active:
            await self.guarded(self.stranger)
            return
        await self.guarded(lambda: self.member(command))

    async def guarded(self, step: Callable[[], Any]) -> None:
        """Run a step; a rule that says no undoes the step only, and the member is told why."""
        try:
            async with self.session.begin_nested():
                await step()
        except DomainError as error:
            self.replies.append(t(error.msg_id, **error.args_))
            try:
                async with self.session.begin_nested():
                    await flows.ask_again(self)
            except DomainError:
                self.state.clear()

    # A person who is not (or no longer) an active member ---------------------------------

    async def stranger(self) -> None:
        if self.state.get("step") == "join-name":
            await self.join(self.text)
            return
        if looks_like_code(self.text):
            if await is_link_code(self.session, self.text):
                member = await link_zalo(self.session, self.text, self.incoming.user_id, self.now)
                self.state.clear()
                self.say("zalo-linked", name=member.full_name)
                self.actor = Actor.of(member)
                await flows.menu(self)
                return
            invite = await check_invite(self.session, self.text, self.now)
            self.state.clear()
            self.state.update(step="join-name", code=invite.code, cell=invite.cell_name)
            self.say("zalo-join-cell", cell=invite.cell_name, name=self.suggested_name())
            if invite.needs_approval:
                self.say("zalo-join-approval")
            return
        if self.actor is not None and self.actor.status is MemberStatus.PENDING:
            self.say("zalo-pending")
        elif self.actor is not None:
            self.say("zalo-inactive")
        else:
            self.say("zalo-welcome")

    def suggested_name(self) -> str:
        return normalize(self.incoming.display_name) or "-"

    async def join(self, answer: str) -> None:
        name = self.suggested_name() if answer == "1" else answer
        code = str(self.state.get("code", ""))
        result = await join_cell(
            self.session, code, None, name, self.now, zalo_user_id=self.incoming.user_id
        )
        self.state.clear()
        if result.pending:
            self.say("zalo-join-pending", cell=result.cell_name)
            return
        self.say("zalo-joined", name=result.full_name, cell=result.cell_name)
        self.actor = await actor_for_zalo(self.session, self.incoming.user_id)
        await flows.menu(self)

    # An active member ----------------------------------------------------------------------

    async def member(self, command: str | None) -> None:
        if command is None and not self.state.get("step"):
            numbers = dict(MENU_NUMBERS)
            if self.leads_cell:
                numbers.update(LEADER_NUMBERS)
            command = numbers.get(self.text.strip())
            if command is None:
                self.say("zalo-not-understood", text=self.text[:50])
                await flows.menu(self)
                return
        if command is not None:
            self.state.clear()
            await flows.start(self, command)
            return
        await flows.answer(self)

    @property
    def leads_cell(self) -> bool:
        return self.actor is not None and self.actor.leads_cell

    @property
    def member_actor(self) -> Actor:
        assert self.actor is not None
        return self.actor
