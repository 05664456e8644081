"""Each outbox row goes out on the channel its member reads: Telegram or Zalo.

Jobs and use cases write rows addressed to a member; the channel is decided here, at
send time, from the member's choice (``domain.linking.delivery_channel``), so a member
who switches to Zalo gets the reminders already queued there too, and each row still
goes out once, on one channel. The channel used is recorded on the row.

Zalo carries no files: a row's ``document`` becomes a one-time link to the bot's own
HTTP endpoint (``bot/zalo/web.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import select, update

from delivery.outbox import SessionFactory
from delivery.senders import PIECES_SENT, Rejected, Sender, SendError
from domain.clock import Clock
from domain.downloads import issue_download
from domain.reach import delivery_channel
from domain.vocabulary import Channel
from locales import t
from storage.models import Member, OutboxMessage

# A download token in, the link a member opens out.
DownloadUrl = Callable[[str], str]


class ZaloSending(Protocol):
    """``Sender`` for a channel whose chat ids are text (Zalo): the same errors."""

    async def send(
        self, chat_id: str, payload: Mapping[str, Any], *, file_link: str | None = None
    ) -> None: ...

    async def start(self) -> None: ...

    async def close(self) -> None: ...


@runtime_checkable
class RowSender(Protocol):
    """A sender that needs the whole row (its member), not only a chat id."""

    async def send_row(self, row: OutboxMessage) -> None: ...


class ChannelRouter:
    def __init__(
        self,
        db: SessionFactory,
        telegram: Sender,
        zalo: ZaloSending | None = None,
        *,
        download_url: DownloadUrl | None = None,
        clock: Clock,
    ) -> None:
        self.db = db
        self.telegram = telegram
        self.zalo = zalo
        self.download_url = download_url
        self.clock = clock

    async def start(self) -> None:
        await self.telegram.start()
        if self.zalo is not None:
            await self.zalo.start()

    async def close(self) -> None:
        await self.telegram.close()
        if self.zalo is not None:
            await self.zalo.close()

    async def send(self, chat_id: int, payload: Mapping[str, Any]) -> None:
        await self.telegram.send(chat_id, payload)

    async def send_row(self, row: OutboxMessage) -> None:
        if row.member_id is None:
            await self._to_telegram(row, row.chat_id)
            return
        async with self.db() as session:
            member = (
                await session.execute(
                    select(Member.telegram_id, Member.zalo_user_id, Member.reminder_channel).where(
                        Member.id == row.member_id
                    )
                )
            ).first()
        if member is None:
            await self._to_telegram(row, row.chat_id)
            return
        channel = delivery_channel(member.reminder_channel, member.telegram_id, member.zalo_user_id)
        # A row written for a member names no chat: their Telegram chat, found now.
        chat_id = row.chat_id or member.telegram_id
        zalo_wanted = channel is Channel.ZALO and (self.zalo is not None or not chat_id)
        if zalo_wanted and member.zalo_user_id is not None:
            await self._to_zalo(row, member.zalo_user_id)
        else:
            await self._to_telegram(row, chat_id)

    async def _to_telegram(self, row: OutboxMessage, chat_id: int | None) -> None:
        if not chat_id:
            raise Rejected("no chat for this member on any channel")
        await self._record_channel(row, Channel.TELEGRAM)
        await self.telegram.send(chat_id, row.payload)

    async def _to_zalo(self, row: OutboxMessage, zalo_user_id: str) -> None:
        if self.zalo is None:
            raise Rejected("the member reads Zalo and this worker has no Zalo sender")
        await self._record_channel(row, Channel.ZALO)
        document = row.payload.get("document")
        link = None
        if document and self.download_url is not None and row.member_id is not None:
            async with self.db() as session, session.begin():
                token = await issue_download(session, row.member_id, document, self.clock.now())
            filename = str(document.get("filename", ""))
            link = t("zalo-file-link", filename=filename, url=self.download_url(token))
        try:
            await self.zalo.send(zalo_user_id, row.payload, file_link=link)
        except SendError as exc:
            if exc.pieces_sent > int(row.payload.get(PIECES_SENT, 0) or 0):
                await self._record_pieces(row, exc.pieces_sent)
            raise

    async def _record_pieces(self, row: OutboxMessage, sent: int) -> None:
        """Remember the pieces that went out, so that the retry sends only the rest."""
        row.payload = {**row.payload, PIECES_SENT: sent}
        async with self.db() as session, session.begin():
            await session.execute(
                update(OutboxMessage).where(OutboxMessage.id == row.id).values(payload=row.payload)
            )

    async def _record_channel(self, row: OutboxMessage, channel: Channel) -> None:
        if row.channel == channel.value:
            return
        async with self.db() as session, session.begin():
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row.id)
                .values(channel=channel.value)
            )
        row.channel = channel.value
