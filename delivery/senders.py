"""Senders: how an outbox payload reaches a chat, behind one small protocol.

The delivery worker only knows ``Sender.send(chat_id, payload)`` and the four typed
errors below, so a text-only Zalo sender can be added without touching it.

Payload format (JSON in ``outbox.payload``), extensible by adding keys:

- ``message`` and ``args``: what to say, rendered for each channel at send time
  (``delivery/render.py``); rows written before it carry ``text`` and ``parse_mode``;
- ``reply_markup``: Bot API JSON, e.g. ``{"inline_keyboard": [[{"text": …, "url": …}]]}``;
- ``document``: ``{"export": <renderer name>, "filename": …, …renderer arguments}``: a file
  rendered at send time by the renderer registered under that name and sent after the
  text. Unknown renderers are skipped with a log line (the text still goes out).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from typing import Any, Protocol

from telegram import InlineKeyboardMarkup, InputFile, LinkPreviewOptions
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from delivery import render

log = logging.getLogger("chibo.delivery")

# PTB's announced future: time periods as timedelta. Opting in silences its warning on every 429.
os.environ.setdefault("PTB_TIMEDELTA", "true")

# A document renderer: the payload's ``document`` dict in, (file name, bytes) out.
DocumentRenderer = Callable[[Mapping[str, Any]], Awaitable[tuple[str, bytes]]]


# Payload key: how many pieces of a message split for a channel already went out, so that
# a retry sends only the rest.
PIECES_SENT = "pieces_sent"


class SendError(Exception):
    """Delivery did not happen; ``reason`` is kept in ``outbox.last_error``.

    ``pieces_sent``: of a message split in pieces, how many went out before the error.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.pieces_sent = 0


class RetryLater(SendError):
    """Flood control: the platform names how long to wait."""

    def __init__(self, reason: str, retry_after: float) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class TransientError(SendError):
    """Network trouble or a server error: try again later."""


class Unreachable(SendError):
    """The person blocked the bot or deleted the account: stop writing to them."""


class Rejected(SendError):
    """The platform refused this message for good (bad request)."""


class QuotaExhausted(Rejected):
    """The channel's quota is used up (Zalo's 429 "Quota exceeded" after the sender's
    retries with backoff): the row fails with this reason, since a quota does not come back
    in seconds, and the worker tells the cell's secretary once a day."""


class Sender(Protocol):
    async def send(self, chat_id: int, payload: Mapping[str, Any]) -> None:
        """Deliver or raise one of the ``SendError`` subclasses."""
        ...

    async def start(self) -> None: ...

    async def close(self) -> None: ...


def retry_after_seconds(exc: RetryAfter) -> float:
    period = exc.retry_after
    return period.total_seconds() if isinstance(period, timedelta) else float(period)


class TelegramSender:
    """python-telegram-bot's ``ExtBot`` with ``AIORateLimiter`` (Telegram's flood limits);
    a 429 is answered per row, never by pausing every chat."""

    def __init__(
        self,
        token: str,
        api_url: str,
        *,
        flood_retries: int = 0,
        overall_per_second: float = 30,
        group_per_minute: float = 20,
        connections: int = 8,
        renderers: Mapping[str, DocumentRenderer] | None = None,
    ) -> None:
        api_url = api_url.rstrip("/")
        self.renderers = dict(renderers or {})
        self.bot: ExtBot[Any] = ExtBot(
            token,
            base_url=f"{api_url}/bot",
            base_file_url=f"{api_url}/file/bot",
            request=HTTPXRequest(connection_pool_size=connections),
            # A flood wait retried inside the limiter holds every other send; with no retries
            # there the 429 reaches the worker, which puts back just that row until
            # ``retry_after`` has passed.
            rate_limiter=AIORateLimiter(
                overall_max_rate=overall_per_second,
                group_max_rate=group_per_minute,
                max_retries=flood_retries,
            ),
        )

    async def start(self) -> None:
        await self.bot.initialize()

    async def close(self) -> None:
        await self.bot.shutdown()

    async def send(self, chat_id: int, payload: Mapping[str, Any]) -> None:
        try:
            await self._send(chat_id, payload)
        except RetryAfter as exc:
            raise RetryLater(str(exc), retry_after_seconds(exc)) from exc
        except Forbidden as exc:
            raise Unreachable(exc.message) from exc
        except (BadRequest, ChatMigrated) as exc:  # BadRequest is a NetworkError: first
            raise Rejected(exc.message) from exc
        except InvalidToken as exc:
            raise TransientError(f"invalid token: {exc.message}") from exc
        except (NetworkError, TelegramError) as exc:
            raise TransientError(exc.message) from exc

    async def _send(self, chat_id: int, payload: Mapping[str, Any]) -> None:
        markup = payload.get("reply_markup")
        text, parse_mode = render.telegram(payload)
        await self.bot.send_message(
            chat_id,
            text,
            parse_mode=parse_mode,
            reply_markup=InlineKeyboardMarkup.de_json(markup, self.bot) if markup else None,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
        document = payload.get("document")
        if document:
            await self._send_document(chat_id, document)

    async def _send_document(self, chat_id: int, document: Mapping[str, Any]) -> None:
        renderer = self.renderers.get(str(document.get("export")))
        if renderer is None:
            log.info("no renderer for document %r yet: sent the text only", document.get("export"))
            return
        filename, content = await renderer(document)
        await self.bot.send_document(chat_id, InputFile(content, filename=filename))
