"""The Zalo part of ``chibo run``: updates in (polling or webhook), answers out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from conversations.zalo.conversation import Conversation
from delivery.zalo import ZaloTexter
from delivery.zalo_api import POLL_TIMEOUT, ZaloApi, ZaloApiError

log = logging.getLogger("chibo.zalo")

# After a failed getUpdates (network, 5xx): wait, doubling up to the cap.
POLL_BACKOFF_START = 1.0
POLL_BACKOFF_CAP = 30.0


class ZaloBot:
    def __init__(self, api: ZaloApi, conversation: Conversation, texter: ZaloTexter) -> None:
        self.api = api
        self.conversation = conversation
        self.texter = texter

    async def dispatch(self, update: dict[str, Any]) -> int:
        """Handle one update and send the answers; the number of messages sent."""
        chat_id, replies = await self.conversation.handle(update)
        sent = 0
        for reply in replies:
            assert chat_id is not None
            try:
                sent += await self.texter.send_text(chat_id, reply)
            except ZaloApiError as exc:
                # The answer is lost, the step is kept: the member sees it on their next message.
                log.warning("zalo answer to a member not delivered: %s", exc)
                break
        return sent

    async def poll(self, stop: asyncio.Event, wait: int = POLL_TIMEOUT) -> None:
        """getUpdates until ``stop``: one update at a time, 408 meaning nothing new."""
        await self.api.delete_webhook()
        backoff = POLL_BACKOFF_START
        while not stop.is_set():
            try:
                update = await self.api.get_update(wait)
            except ZaloApiError as exc:
                log.warning("zalo getUpdates failed: %s; retry in %ss", exc, backoff)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), backoff)
                backoff = min(backoff * 2, POLL_BACKOFF_CAP)
                continue
            backoff = POLL_BACKOFF_START
            if update is None:
                continue
            try:
                await self.dispatch(update)
            except Exception:
                log.exception("zalo update not handled")
