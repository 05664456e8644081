"""The delivery worker: drains the outbox through a ``Sender``.

Outcome of one send, and what the row becomes:

- delivered → ``SENT``, committed in its own transaction right after the API answered;
- flood control (``RetryLater``, a 429 for this row) → ``PENDING`` with
  ``not_before = now + retry_after``, not counted as an attempt;
- network error or 5xx (``TransientError``) → ``PENDING`` with exponential backoff, and
  ``FAILED`` with ``last_error`` once ``max_attempts`` is reached;
- the member blocked the bot (``Unreachable``) → ``FAILED``, ``members.reachable = false``
  and one outbox row that tells the cell's secretary;
- Zalo's quota still exhausted after the sender's retries (``QuotaExhausted``) → ``FAILED``
  with the reason, and one notice a day to the cell's secretary;
- any other refusal (``Rejected``) → ``FAILED`` with the reason.

Delivery is at-least-once, and the duplicate window is as small as it can be.
Telegram's ``sendMessage`` has no idempotency key, so no system can be exactly-once
against it: if the process dies (SIGKILL, power) after Telegram accepted a message and
before ``SENT`` is committed, the row's lease runs out and the message is sent again.
That window is one HTTP round trip plus one commit, for at most ``concurrency`` rows
in flight per worker; a crash anywhere else loses nothing and repeats nothing, because
each row is marked ``SENT`` the moment its own send returns (never a batch at the end).
``tests/scheduler/test_delivery_process.py`` kills a worker both outside and inside
that window and counts what the Telegram stand-in received.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update

from delivery import outbox
from delivery.channels import RowSender
from delivery.outbox import SessionFactory
from delivery.senders import (
    QuotaExhausted,
    Rejected,
    RetryLater,
    Sender,
    SendError,
    TransientError,
    Unreachable,
)
from domain.clock import Clock
from domain.reach import outbox_payload
from domain.vocabulary import MemberStatus, Role
from storage.db import is_database_unavailable
from storage.models import Member, OutboxMessage

log = logging.getLogger("chibo.delivery")

KIND_MEMBER_UNREACHABLE = "member-unreachable"
KIND_ZALO_QUOTA = "zalo-quota-exhausted"


@dataclass(frozen=True)
class DeliveryPolicy:
    batch_size: int = 50
    # Renewed every third of it while the worker lives; a dead worker's rows are taken by
    # another this long after its last heartbeat.
    lease_seconds: float = 30
    # A row whose lease ends sooner than this is given back instead of sent.
    lease_margin_seconds: float = 10
    max_attempts: int = 5
    backoff_base_seconds: float = 5
    backoff_cap_seconds: float = 600
    concurrency: int = 4
    idle_seconds: float = 1.0
    progress_every: int = 100
    mark_sent_tries: int = 5


@dataclass
class Progress:
    started: float = field(default_factory=time.monotonic)
    sent: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def done(self) -> int:
        return self.sent + self.retried + self.failed

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.sent / elapsed if elapsed > 0 else 0.0


class DeliveryWorker:
    def __init__(
        self,
        session_factory: SessionFactory,
        sender: Sender,
        worker_id: str,
        policy: DeliveryPolicy | None = None,
        *,
        clock: Clock,
    ) -> None:
        self.db = session_factory
        self.sender = sender
        self.worker_id = worker_id
        self.policy = policy or DeliveryPolicy()
        self.clock = clock
        self.progress = Progress()
        self._logged_at = 0
        self._lease_until: datetime | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set; sends in flight finish, unstarted rows go back."""
        log.info("delivery worker %s started", self.worker_id)
        while not stop.is_set():
            try:
                delivered = await self.drain_once(stop)
            except Exception as error:
                # The database may be restarting: wait and try again, never die silently.
                if is_database_unavailable(error):
                    log.warning(
                        "delivery worker %s: database unavailable: %r", self.worker_id, error
                    )
                else:
                    log.exception("delivery worker %s: claim failed", self.worker_id)
                delivered = 0
            if delivered == 0:
                await self._log_progress(final=True)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.policy.idle_seconds)
        log.info("delivery worker %s stopped", self.worker_id)

    async def drain_once(self, stop: asyncio.Event | None = None) -> int:
        """Claim one batch and deliver it; the number of rows handled."""
        rows = await outbox.claim(
            self.db,
            self.worker_id,
            self.policy.batch_size,
            self.policy.lease_seconds,
            self.clock.now(),
        )
        if not rows:
            return 0
        self._lease_until = min(row.lease_until for row in rows if row.lease_until is not None)
        gate = asyncio.Semaphore(self.policy.concurrency)
        skipped: list[int] = []

        async def one(row: OutboxMessage) -> None:
            async with gate:
                if (stop is not None and stop.is_set()) or not self._lease_left():
                    skipped.append(row.id)
                    return
                await self.deliver(row)

        heartbeat = asyncio.create_task(self._heartbeat())
        try:
            await asyncio.gather(*(one(row) for row in rows))
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat
        await outbox.release(self.db, skipped, self.worker_id)
        return len(rows) - len(skipped)

    async def _heartbeat(self) -> None:
        """While a batch is out, its lease is renewed every third of it; a renewal that
        fails (the database is restarting) is tried again at the next beat."""
        lease = timedelta(seconds=self.policy.lease_seconds)
        while True:
            await asyncio.sleep(self.policy.lease_seconds / 3)
            until = self.clock.now() + lease
            try:
                await outbox.renew(self.db, self.worker_id, until)
            except Exception as error:
                log.warning("delivery worker %s: lease not renewed: %r", self.worker_id, error)
                continue
            self._lease_until = until

    def _lease_left(self) -> bool:
        assert self._lease_until is not None
        margin = timedelta(seconds=self.policy.lease_margin_seconds)
        return self.clock.now() < self._lease_until - margin

    async def deliver(self, row: OutboxMessage) -> None:
        try:
            await self._send(row)
        except RetryLater as exc:
            await self._flood_wait(row, exc)
        except TransientError as exc:
            await self._transient(row, exc)
        except Unreachable as exc:
            await self._unreachable(row, exc)
        except QuotaExhausted as exc:
            await self._quota_exhausted(row, exc)
        except SendError as exc:
            await self._fail(row, exc.reason)
        except Exception as exc:
            log.exception("outbox row %s: unexpected error", row.id)
            await self._fail(row, f"{type(exc).__name__}: {exc}")
        else:
            await self._sent(row)
        await self._log_progress()

    async def _send(self, row: OutboxMessage) -> None:
        # A router over channels (``delivery.channels``) picks the channel from the row.
        if isinstance(self.sender, RowSender):
            await self.sender.send_row(row)
        elif row.chat_id is None:
            raise Rejected("no chat on the row and no channel router to find one")
        else:
            await self.sender.send(row.chat_id, row.payload)

    async def _sent(self, row: OutboxMessage) -> None:
        for attempt in range(1, self.policy.mark_sent_tries + 1):
            try:
                await outbox.mark_sent(self.db, row.id, self.clock.now())
                break
            except Exception:
                # Not recording a delivered message means sending it again: insist.
                log.exception("outbox row %s sent but not recorded (try %s)", row.id, attempt)
                await asyncio.sleep(0.2 * attempt)
        self.progress.sent += 1

    async def _flood_wait(self, row: OutboxMessage, exc: RetryLater) -> None:
        not_before = self.clock.now() + timedelta(seconds=exc.retry_after)
        log.warning("outbox row %s: flood control, retry after %ss", row.id, exc.retry_after)
        await outbox.mark_retry(
            self.db, row.id, self.worker_id, not_before, exc.reason, count_attempt=False
        )
        self.progress.retried += 1

    async def _transient(self, row: OutboxMessage, exc: TransientError) -> None:
        if row.attempts >= self.policy.max_attempts:
            log.error("outbox row %s failed after %s attempts: %s", row.id, row.attempts, exc)
            await self._fail(row, exc.reason)
            return
        delay = outbox.backoff(
            row.attempts, self.policy.backoff_base_seconds, self.policy.backoff_cap_seconds
        )
        log.warning("outbox row %s: %s; retry in %ss", row.id, exc.reason, delay.total_seconds())
        await outbox.mark_retry(
            self.db, row.id, self.worker_id, self.clock.now() + delay, exc.reason
        )
        self.progress.retried += 1

    async def _fail(self, row: OutboxMessage, reason: str) -> None:
        log.warning("outbox row %s (%s) failed: %s", row.id, row.kind, reason)
        await outbox.mark_failed(self.db, row.id, self.worker_id, reason)
        self.progress.failed += 1

    async def _unreachable(self, row: OutboxMessage, exc: Unreachable) -> None:
        log.warning("outbox row %s: chat %s unreachable: %s", row.id, row.chat_id, exc.reason)
        async with self.db() as session, session.begin():
            await session.execute(outbox.fail_statement(row.id, self.worker_id, exc.reason))
            if row.member_id is not None:
                await tell_secretary_unreachable(session, row.member_id, row.id, self.clock.now())
        self.progress.failed += 1

    async def _quota_exhausted(self, row: OutboxMessage, exc: QuotaExhausted) -> None:
        log.error("outbox row %s failed: zalo quota exhausted: %s", row.id, exc.reason)
        now = self.clock.now()
        async with self.db() as session, session.begin():
            await session.execute(outbox.fail_statement(row.id, self.worker_id, exc.reason))
            if row.member_id is not None:
                await tell_secretary_quota(session, row.member_id, now.astimezone(self.clock.tz))
        self.progress.failed += 1

    async def _log_progress(self, *, final: bool = False) -> None:
        """Every ``progress_every`` rows, and when the queue runs dry: counts and rate."""
        done = self.progress.done
        due = done - self._logged_at >= self.policy.progress_every
        if done == self._logged_at or not (final or due):
            return
        self._logged_at = done
        try:
            async with self.db() as session:
                left = await outbox.remaining(session)
        except Exception:
            left = -1
        log.info(
            "delivery %s%s: sent %s, retried %s, failed %s, remaining %s, %.1f msg/s",
            self.worker_id,
            " (queue empty)" if final else "",
            self.progress.sent,
            self.progress.retried,
            self.progress.failed,
            left,
            self.progress.rate(),
        )


async def tell_secretary_unreachable(
    session: Any, member_id: int, row_id: int, now: datetime
) -> int:
    """Mark the member unreachable; on that change, write a notice to the cell's leaders.

    Only the switch from reachable to unreachable writes, so a member with many queued
    messages causes one notice. Returns the number of notices written.
    """
    switched = (
        await session.execute(
            update(Member)
            .where(Member.id == member_id, Member.reachable.is_(True))
            .values(reachable=False)
            .returning(Member.full_name, Member.cell_id)
        )
    ).first()
    if switched is None or switched.cell_id is None:
        return 0
    leaders = await _leaders_to_tell(session, switched.cell_id, member_id)
    written = 0
    for leader_id, chat_id in leaders:
        written += await outbox.enqueue(
            session,
            key=f"{KIND_MEMBER_UNREACHABLE}:{member_id}:{row_id}:{leader_id}",
            kind=KIND_MEMBER_UNREACHABLE,
            chat_id=chat_id,
            member_id=leader_id,
            payload=outbox_payload("sched-member-unreachable", name=switched.full_name),
            now=now,
        )
    return written


async def tell_secretary_quota(session: Any, member_id: int, now: datetime) -> int:
    """Write the notice that Zalo's quota is exhausted to the leaders of the cell of the
    member whose message failed: once a day per cell (the key holds the local date), so
    a queue of failed rows, or a notice that itself fails, writes no more. The number
    of notices written."""
    cell_id = await session.scalar(select(Member.cell_id).where(Member.id == member_id))
    if cell_id is None:
        return 0
    written = 0
    for leader_id, chat_id in await _leaders_to_tell(session, cell_id, None):
        written += await outbox.enqueue(
            session,
            key=f"{KIND_ZALO_QUOTA}:{cell_id}:{now.date().isoformat()}:{leader_id}",
            kind=KIND_ZALO_QUOTA,
            chat_id=chat_id,
            member_id=leader_id,
            payload=outbox_payload("zalo-quota-exhausted"),
            now=now,
        )
    return written


async def _leaders_to_tell(
    session: Any, cell_id: int, member_id: int | None
) -> list[tuple[int, int | None]]:
    query = select(Member.id, Member.telegram_id, Member.role).where(
        Member.cell_id == cell_id,
        Member.role.in_((Role.SECRETARY, Role.DEPUTY)),
        Member.status == MemberStatus.ACTIVE,
        Member.reachable.is_(True),
        or_(Member.telegram_id.is_not(None), Member.zalo_user_id.is_not(None)),
    )
    if member_id is not None:  # the member the notice is about is not told of it
        query = query.where(Member.id != member_id)
    rows = (await session.execute(query)).all()
    # The secretary is told; deputies only when the cell has no secretary to tell.
    secretaries = [(r.id, r.telegram_id) for r in rows if r.role == Role.SECRETARY]
    return secretaries or [(r.id, r.telegram_id) for r in rows]
