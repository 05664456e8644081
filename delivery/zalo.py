"""Outbound to Zalo: split into 2000-character pieces, own rate limit, 429 handled.

``ZaloSender`` speaks the delivery worker's ``Sender`` protocol (``delivery/senders.py``):
the worker sees the same four typed errors whichever channel a row went through.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any

from aiolimiter import AsyncLimiter

from delivery.render import split_message, zalo
from delivery.senders import (
    PIECES_SENT,
    QuotaExhausted,
    Rejected,
    SendError,
    TransientError,
)
from delivery.zalo_api import ZaloApi, ZaloApiError

log = logging.getLogger("chibo.zalo")

# Zalo publishes no figures; these keep well under what a bot is allowed.
OVERALL_PER_SECOND = 20
QUOTA_RETRIES = 3
QUOTA_BACKOFF_SECONDS = 1.0


class PiecesFailed(Exception):
    """Sending piece number ``sent`` (from 0) failed with ``error``; the ones before went out."""

    def __init__(self, sent: int, error: ZaloApiError) -> None:
        super().__init__(f"{sent} piece(s) sent, then {error}")
        self.sent = sent
        self.error = error


class ZaloTexter:
    """Sends text to one Zalo chat: pieces in order, each retried on 429 a few times."""

    def __init__(
        self,
        api: ZaloApi,
        *,
        per_second: float = OVERALL_PER_SECOND,
        quota_retries: int = QUOTA_RETRIES,
        quota_backoff: float = QUOTA_BACKOFF_SECONDS,
    ) -> None:
        self.api = api
        self.limiter = AsyncLimiter(per_second, 1)
        self.quota_retries = quota_retries
        self.quota_backoff = quota_backoff

    async def send_text(self, chat_id: str, text: str, *, skip: int = 0) -> int:
        """Send ``text`` (split when long), leaving out the first ``skip`` pieces, which
        went out before; the number of messages it takes in all.

        A piece that fails raises ``PiecesFailed`` saying how many went out before it."""
        pieces = split_message(text)
        for index, piece in enumerate(pieces):
            if index < skip:
                continue
            try:
                await self._send_piece(chat_id, piece)
            except ZaloApiError as exc:
                raise PiecesFailed(index, exc) from exc
        return len(pieces)

    async def _send_piece(self, chat_id: str, piece: str) -> None:
        for attempt in range(self.quota_retries + 1):
            async with self.limiter:
                try:
                    await self.api.send_message(chat_id, piece)
                    return
                except ZaloApiError as exc:
                    if exc.code != 429 or attempt == self.quota_retries:
                        raise
            log.warning("zalo quota exceeded; waiting before retry %s", attempt + 1)
            await asyncio.sleep(self.quota_backoff * 2**attempt)


class ZaloSender:
    """The delivery worker's sender for Zalo rows: ``chat_id`` is the Zalo user id."""

    def __init__(self, api: ZaloApi, *, texter: ZaloTexter | None = None) -> None:
        self.api = api
        self.texter = texter or ZaloTexter(api)

    async def start(self) -> None:
        await self.api.get_me()

    async def close(self) -> None:
        await self.api.close()

    async def send(
        self, chat_id: int | str, payload: Mapping[str, Any], *, file_link: str | None = None
    ) -> None:
        text = zalo(payload, file_link=file_link)
        try:
            await self.texter.send_text(
                str(chat_id), text, skip=int(payload.get(PIECES_SENT, 0) or 0)
            )
        except PiecesFailed as failed:
            error = _send_error(failed.error)
            error.pieces_sent = failed.sent
            raise error from failed.error


def _send_error(exc: ZaloApiError) -> SendError:
    """Zalo's error codes as the delivery worker's errors. Zalo's table names 403
    "Internal server error": a transient fault like a 5xx, not a member who blocked the
    bot (Zalo gives no such code), so it is retried and nobody is marked unreachable."""
    reason = f"zalo {exc.code}: {exc.description}"
    if exc.code == 429:
        return QuotaExhausted(reason)
    if exc.code == 400:
        return Rejected(reason)
    return TransientError(reason)
