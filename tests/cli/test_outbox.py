"""``chibo outbox status`` and ``chibo outbox retry-failed`` on the operator's database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage, OutboxStatus
from storage.outbox import enqueue

from .conftest import Invoke

pytestmark = pytest.mark.moments


def _filled_at(now: datetime) -> Callable[[AsyncSession], Awaitable[None]]:
    async def fill(session: AsyncSession) -> None:
        await _fill(session, now)

    return fill


QUOTA = "zalo 429: Quota exceeded"


async def _fill(session: AsyncSession, now: datetime) -> None:
    statuses = [OutboxStatus.PENDING] * 3 + [OutboxStatus.FAILED] * 2 + [OutboxStatus.DROPPED]
    for number, status in enumerate(statuses):
        await enqueue(
            session,
            key=f"k{number}",
            kind="report-reminder" if number != 4 else "digest",
            chat_id=100 + number,
            payload={"text": "x"},
            now=now,
            status=status,
            reason=QUOTA if status is OutboxStatus.FAILED else None,
        )
    await session.commit()


async def _statuses(session: AsyncSession) -> dict[str, OutboxStatus]:
    rows = await session.execute(select(OutboxMessage.idempotency_key, OutboxMessage.status))
    return {key: status for key, status in rows.all()}


def test_status_counts_each_state(chibo: Invoke, db, moment: datetime) -> None:
    empty = chibo("outbox", "status")
    assert empty.exit_code == 0, empty.output
    assert "Đang chờ: 0" in empty.output and "không có" in empty.output
    db(_filled_at(moment))
    result = chibo("outbox", "status", "--minutes", "10")
    assert result.exit_code == 0, result.output
    assert "Đang chờ: 3" in result.output
    assert "Gửi lỗi: 2" in result.output and "Đã bỏ: 1" in result.output
    assert "10 phút" in result.output and "không có" not in result.output
    # The operator reads why the failed rows failed.
    assert f"2 tin: {QUOTA}" in result.output
    assert "Lý do gửi lỗi" not in empty.output


def test_retry_failed_puts_failed_rows_back_by_kind_then_all(
    chibo: Invoke, db, moment: datetime
) -> None:
    assert chibo("outbox", "retry-failed").exit_code == 0  # creates the database
    db(_filled_at(moment))
    first = chibo("outbox", "retry-failed", "--kind", "digest")
    assert first.exit_code == 0, first.output
    assert "Đã đưa 1 tin" in first.output
    statuses = db(_statuses)
    assert statuses["k4"] is OutboxStatus.PENDING and statuses["k3"] is OutboxStatus.FAILED
    rest = chibo("outbox", "retry-failed")
    assert "Đã đưa 1 tin" in rest.output
    assert OutboxStatus.FAILED not in db(_statuses).values()


def test_bad_window_is_refused_in_one_line(chibo: Invoke) -> None:
    result = chibo("outbox", "status", "--minutes", "0")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
