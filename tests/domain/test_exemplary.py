"""«Gương điển hình, việc làm tiêu biểu»: the done items a cell's leaders choose, and only those."""

from __future__ import annotations

import io

import pytest
from docx import Document
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import NotFound, PermissionDenied
from domain.files import ExportFormat
from domain.oversight import toggle_exemplary, view_cell_month
from domain.summaries import ItemStatus
from exports.files import export_month
from storage.models import AuditEntry
from tests.exports.world import MONTH, NOW, YEAR, build_world

MODEL = "- Đồng chí Nguyễn Văn An: Học tập chuyên đề năm: Dọn 4 buổi sáng Chủ nhật"


async def _report_texts(session: AsyncSession, world) -> list[str]:
    file = await export_month(
        session, world.secretary_a, world.cell_a, YEAR, MONTH, ExportFormat.DOCX, now=NOW
    )
    return [p.text for p in Document(io.BytesIO(file.content)).paragraphs]


async def test_the_secretary_chooses_a_done_item_and_only_it_is_a_model(
    session: AsyncSession,
) -> None:
    world = await build_world(session)
    summary = await view_cell_month(session, world.secretary_a, world.cell_a, YEAR, MONTH)
    done = [line for line in summary.items if line.status is ItemStatus.DONE]
    assert len(done) == 2 and all(line.note and not line.exemplary for line in done)
    # Done items with notes are not models until chosen.
    assert MODEL not in await _report_texts(session, world)

    assert await toggle_exemplary(
        session, world.deputy_a, world.cell_a, YEAR, MONTH, done[0].item_id
    )
    summary = await view_cell_month(session, world.secretary_a, world.cell_a, YEAR, MONTH)
    chosen = {line.item_id for line in summary.items if line.exemplary}
    assert chosen == {done[0].item_id}
    texts = await _report_texts(session, world)
    assert MODEL in texts
    assert not any("Tuyến phố không rác" in text for text in texts)

    # Pressed again: out of the models.
    assert not await toggle_exemplary(
        session, world.secretary_a, world.cell_a, YEAR, MONTH, done[0].item_id
    )
    assert MODEL not in await _report_texts(session, world)
    actions = (await session.scalars(select(AuditEntry.action))).all()
    assert actions.count("report.exemplary") == 2


async def test_only_done_items_of_the_cells_month_and_only_its_leaders(
    session: AsyncSession,
) -> None:
    world = await build_world(session)
    summary = await view_cell_month(session, world.secretary_a, world.cell_a, YEAR, MONTH)
    in_progress = next(line for line in summary.items if line.status is ItemStatus.IN_PROGRESS)
    done = next(line for line in summary.items if line.status is ItemStatus.DONE)
    with pytest.raises(NotFound):
        await toggle_exemplary(
            session, world.secretary_a, world.cell_a, YEAR, MONTH, in_progress.item_id
        )
    with pytest.raises(NotFound):  # another month: the item was not done in it
        await toggle_exemplary(session, world.secretary_a, world.cell_a, YEAR, 2, done.item_id)
    for outsider in (world.member_a, world.secretary_b):
        with pytest.raises(PermissionDenied):
            await toggle_exemplary(session, outsider, world.cell_a, YEAR, MONTH, done.item_id)
