"""The secretary's digest carries the month's docx, rendered when the message is sent."""

from __future__ import annotations

import io

from docx import Document
from sqlalchemy.ext.asyncio import AsyncEngine

from delivery.outbox import NewMessage
from delivery.runtime import DIGEST_EXPORT, document_renderers
from delivery.senders import TelegramSender
from delivery.worker import DeliveryPolicy, DeliveryWorker
from domain.clock import FixedClock
from emulator.client import UserClient
from storage.db import create_session_factory
from tests.exports.world import MONTH, NOW, YEAR, build_world
from tests.scheduler.emulated import TOKEN, fill, start_emulator


async def test_the_digest_arrives_with_the_month_report(sqlite_engine: AsyncEngine) -> None:
    db = create_session_factory(sqlite_engine)
    async with db() as session, session.begin():
        world = await build_world(session)
    emulator = await start_emulator()
    emulator.add_persona(1001, "Bí thư", started=True)
    filename = f"bao-cao-{YEAR}-{MONTH:02d}.docx"
    document = {"export": DIGEST_EXPORT, "cell_id": world.cell_a, "year": YEAR,
                "month": MONTH, "filename": filename}  # fmt: skip
    await fill(db, [NewMessage("digest:1", "digest", 1001, None,
                               {"text": "Tóm tắt", "document": document}, NOW)])  # fmt: skip
    sender = TelegramSender(
        TOKEN,
        emulator.base_url,
        overall_per_second=0,
        renderers=document_renderers(db, FixedClock(NOW)),
    )
    await sender.start()
    try:
        worker = DeliveryWorker(db, sender, "w1", DeliveryPolicy(), clock=FixedClock(NOW))
        assert await worker.drain_once() == 1
        messages = emulator.chat(1001)["messages"]
        assert [m["kind"] for m in messages] == ["text", "document"]
        sent = messages[1]["document"]
        assert sent["file_name"] == filename
        async with UserClient(emulator.base_url) as users:
            content = await users.download(sent["file_id"])
    finally:
        await sender.close()
        await emulator.stop()
    report = Document(io.BytesIO(content))
    paragraphs = "\n".join(p.text for p in report.paragraphs)
    assert "BÁO CÁO" in paragraphs
    assert f"phong cách Hồ Chí Minh tháng {MONTH:02d}/{YEAR}" in paragraphs
    assert "Tổ chức tọa đàm" in paragraphs  # a proposal from the month's reports
