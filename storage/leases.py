"""Roles one process holds at a time: the holder renews its lease, another process takes
the role only after the lease has run out (the holder stopped or died)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ProcessLease
from storage.upsert import insert_for


async def hold(
    session: AsyncSession, name: str, holder: str, now: datetime, seconds: float
) -> bool:
    """Take or renew the lease on ``name`` for ``holder``; False while another holds it."""
    until = now + timedelta(seconds=seconds)
    statement = (
        insert_for(session)(ProcessLease)
        .values(name=name, holder=holder, until=until)
        .on_conflict_do_update(
            index_elements=[ProcessLease.name],
            set_={"holder": holder, "until": until},
            where=or_(ProcessLease.holder == holder, ProcessLease.until < now),
        )
        .returning(ProcessLease.name)
    )
    return (await session.execute(statement)).scalar() is not None


async def release(session: AsyncSession, name: str, holder: str) -> None:
    await session.execute(
        delete(ProcessLease).where(ProcessLease.name == name, ProcessLease.holder == holder)
    )
