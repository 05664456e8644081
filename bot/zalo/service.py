"""The Zalo part of ``chibo run``: updates in (polling or webhook), answers out.

Polling handles each update as it comes. The webhook only stores an update (``accept``)
and answers; ``drain`` handles the stored ones, those a stopped process left first, each
in a task of its own (one chat's updates still one at a time, in order).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from conversations.zalo.conversation import Conversation
from delivery.zalo import ZaloTexter
from delivery.zalo_api import POLL_TIMEOUT, ZaloApi, ZaloApiError

log = logging.getLogger("chibo.zalo")

# After a failed getUpdates (network, 5xx): wait, doubling up to the cap.
POLL_BACKOFF_START = 1.0
POLL_BACKOFF_CAP = 30.0
# After getUpdates served an update already handled (live bots see them served again):
# wait this long before the next poll, so the loop never spins against such a server.
REPLAY_FLOOR = 1.0

# Waits ``seconds`` or until ``stop`` is set, whichever comes first.
Pause = Callable[[asyncio.Event, float], Awaitable[None]]


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


class ZaloBot:
    def __init__(
        self,
        api: ZaloApi,
        conversation: Conversation,
        texter: ZaloTexter,
        *,
        replay_floor: float = REPLAY_FLOOR,
        pause: Pause = _pause,
    ) -> None:
        self.api = api
        self.conversation = conversation
        self.texter = texter
        self.replay_floor = replay_floor
        self.pause = pause
        # Stored updates to handle, in the order they came; ``join`` waits for them.
        self.inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def _dispatch(self, update: dict[str, Any], stored: bool = False) -> tuple[bool, int]:
        """(whether the update was new, the number of messages sent)."""
        received = await self.conversation.receive(update, stored=stored)
        chat_id, replies = received.chat_id, received.replies
        sent = 0
        for reply in replies:
            assert chat_id is not None
            try:
                sent += await self.texter.send_text(chat_id, reply)
            except ZaloApiError as exc:
                # The answer is lost, the step is kept: the member sees it on their next message.
                log.warning("zalo answer to a member not delivered: %s", exc)
                break
        return received.fresh, sent

    async def accept(self, update: dict[str, Any]) -> None:
        """Store an update from the webhook, to be handled by ``drain``; once only."""
        if await self.conversation.store(update):
            self.inbox.put_nowait(update)

    async def take_pending(self) -> int:
        """Queue the updates a stopped process stored and did not handle; how many."""
        pending = await self.conversation.pending()
        for update in pending:
            self.inbox.put_nowait(update)
        return len(pending)

    async def drain(self) -> None:
        """Handle stored updates until cancelled; the turns under way are finished first."""
        running: set[asyncio.Task[None]] = set()
        try:
            while True:
                task = asyncio.create_task(self._handle_stored(await self.inbox.get()))
                running.add(task)
                task.add_done_callback(running.discard)
        finally:
            await asyncio.gather(*running, return_exceptions=True)

    async def _handle_stored(self, update: dict[str, Any]) -> None:
        try:
            await self._dispatch(update, stored=True)
        except Exception:
            log.exception("zalo update not handled; set aside")
            await self.conversation.set_aside(update)
        finally:
            self.inbox.task_done()

    async def poll(self, stop: asyncio.Event, wait: int = POLL_TIMEOUT) -> None:
        """getUpdates until ``stop``: one update at a time, 408 meaning nothing new."""
        await self.api.delete_webhook()
        backoff = POLL_BACKOFF_START
        while not stop.is_set():
            try:
                update = await self.api.get_update(wait)
            except ZaloApiError as exc:
                log.warning("zalo getUpdates failed: %s; retry in %ss", exc, backoff)
                await self.pause(stop, backoff)
                backoff = min(backoff * 2, POLL_BACKOFF_CAP)
                continue
            backoff = POLL_BACKOFF_START
            if update is None:
                continue
            try:
                fresh, _ = await self._dispatch(update)
            except Exception:
                log.exception("zalo update not handled")
                fresh = False
            if not fresh:
                await self.pause(stop, self.replay_floor)
