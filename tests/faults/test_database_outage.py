"""PostgreSQL goes away while a member is half-way through the monthly report.

The real ``chibo run`` process runs on a PostgreSQL server of the test's own (never the
shared test cluster), which the test stops and starts again. While it is down, a pressed
button gets a "try again" alert and typed text a "try again" message; once it is back the
same process, not restarted, carries on from the draft saved before, and the report
ends exactly as an uninterrupted one.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bench.load import LoadSizes, MemberRun, Phone, seed_members
from domain.clock import RunningClock
from domain.vocabulary import ItemStatus, ReportStatus
from locales import t
from storage.db import create_engine, create_session_factory
from storage.models import ItemProgress, Member, PlanItem, ProgressReport
from tests.e2e.conftest import ChiboProcess, free_port
from tests.faults.pgserver import ThrowawayPostgres

NOTE = "Đã nộp bài thu hoạch"
PACE = LoadSizes(think=0.6, answer_timeout=30)
HANDLED = re.compile(r"Update id=\d+ is (not )?handled")


async def until_handled(chibo: ChiboProcess, updates: int) -> None:
    """Until the bot has finished ``updates`` updates: a window is shown before its dialog
    state is saved, and the server must not stop in between."""
    async with asyncio.timeout(30):
        # The log is written by the other process: nothing here to await but time.
        while len(HANDLED.findall(chibo.output())) < updates:  # noqa: ASYNC110
            await asyncio.sleep(0.1)


@pytest.fixture
def postgres() -> Iterator[ThrowawayPostgres]:
    server = ThrowawayPostgres.create(free_port())
    server.start()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture
async def chibo_on_postgres(
    postgres: ThrowawayPostgres, tmp_path: Path, clock: RunningClock
) -> AsyncIterator[ChiboProcess]:
    process = ChiboProcess(
        workdir=tmp_path, database_url=postgres.url, port=free_port(), clock=clock
    )
    await process.start()
    try:
        yield process
    finally:
        await process.stop()


async def _stored_report(database_url: str, telegram_id: int) -> tuple[Any, ...]:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            member_id = await session.scalar(
                select(Member.id).where(Member.telegram_id == telegram_id)
            )
            reports = list(
                await session.scalars(
                    select(ProgressReport).where(ProgressReport.member_id == member_id)
                )
            )
            assert len(reports) == 1
            rows = await session.execute(
                select(ItemProgress.status, ItemProgress.note)
                .join(PlanItem, PlanItem.id == ItemProgress.plan_item_id)
                .where(ItemProgress.report_id == reports[0].id)
                .order_by(PlanItem.position)
            )
            return reports[0].status, [tuple(row) for row in rows]
    finally:
        await engine.dispose()


async def test_member_survives_postgresql_going_away_mid_report(
    postgres: ThrowawayPostgres, chibo_on_postgres: ChiboProcess
) -> None:
    chibo = chibo_on_postgres
    assert chibo.users is not None and chibo.process is not None
    pid = chibo.process.pid
    engine = create_engine(postgres.url)
    try:
        [telegram_id] = await seed_members(create_session_factory(engine), 1, 3, chibo.now())
    finally:
        await engine.dispose()
    await chibo.users.create_persona("Lan", user_id=telegram_id, started=True)
    phone = Phone(chibo.users, MemberRun(telegram_id), PACE, random.Random(1))

    await phone.send("/start report", "Việc 1/3")
    await phone.press(t("report-status-done-button"), "Việc 1/3 › Ghi chú")
    await phone.send(NOTE, "Việc 2/3")
    window = await phone.press(t("report-status-in-progress-button"), "Việc 2/3 › Ghi chú")
    await until_handled(chibo, 4)

    postgres.stop()
    pressed = await chibo.users.press(
        telegram_id, window["message_id"], text=t("report-skip-note"), wait=20
    )
    assert pressed["answer"] is not None
    assert (pressed["answer"]["text"], pressed["answer"]["show_alert"]) == (
        t("database-busy"),
        True,
    )
    sent = await chibo.users.send(telegram_id, "Ghi chú gõ lúc mất kết nối")
    busy = await chibo.users.wait_for_message(
        telegram_id, t("database-busy"), after=sent, within=20
    )
    assert busy["text"] == t("database-busy")

    postgres.start()
    await phone.press(t("report-skip-note"), "Việc 3/3")
    await phone.press(t("report-status-not-started-button"), "Việc 3/3 › Ghi chú")
    await phone.press(t("report-skip-note"), "Việc làm khác")
    await phone.press(t("report-continue"), "Khó khăn")
    await phone.press(t("report-none-button"), "Kiến nghị")
    await phone.press(t("report-none-button"), "Xem trước")
    await phone.press(t("report-submit-button"), t("report-submitted-notice"))

    assert chibo.process is not None and chibo.process.poll() is None
    assert chibo.process.pid == pid
    assert await _stored_report(postgres.url, telegram_id) == (
        ReportStatus.SUBMITTED,
        [
            (ItemStatus.DONE, NOTE),
            (ItemStatus.IN_PROGRESS, ""),
            (ItemStatus.NOT_STARTED, ""),
        ],
    )
    output = chibo.output()
    assert "Traceback" not in output
    assert "database unavailable" in output
