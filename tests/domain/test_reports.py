"""The monthly report: which months are open, drafts kept in the database, ownership."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain import plans, reports
from domain.errors import DomainError, NotFound
from domain.vocabulary import ItemStatus, ReportStatus
from tests.dialogs.seed import NOW, Seeded, seed

Db = async_sessionmaker[AsyncSession]
# 6 March 2026, 09:00 in Hà Nội: the day after March's meeting, inside its grace period.
AFTER_MARCH_MEETING = datetime(2026, 3, 6, 2, 0, tzinfo=UTC)


@pytest.fixture
async def cell(session_factory: Db) -> Seeded:
    return await seed(session_factory)


async def _plan(db: Db, cell: Seeded) -> list[int]:
    async with db() as session, session.begin():
        first = await plans.add_item(
            session, cell.an, 2026, cell.section_ids[0], "Đọc chuyên đề năm", NOW
        )
        second = await plans.add_item(
            session, cell.an, 2026, cell.section_ids[2], "Số hóa hồ sơ lưu trữ", NOW
        )
    return [first.id, second.id]


async def test_the_month_of_the_next_meeting_is_open_and_later_months_refused(
    session_factory: Db, cell: Seeded
) -> None:
    async with session_factory() as session, session.begin():
        assert await reports.current_month(session, cell.an, NOW) == (2026, 4)
        assert await reports.open_months(session, cell.an, NOW) == [(2026, 4)]
        with pytest.raises(DomainError) as future:
            await reports.open_report(session, cell.an, 2026, 5, NOW)
        with pytest.raises(DomainError) as closed:
            await reports.open_report(session, cell.an, 2026, 3, NOW)
    assert future.value.msg_id == "error-report-future-month"
    assert closed.value.msg_id == "error-report-closed"
    assert closed.value.args_["date"] == "08/03/2026"


async def test_a_past_month_stays_open_for_the_grace_period(
    session_factory: Db, cell: Seeded
) -> None:
    async with session_factory() as session, session.begin():
        months = await reports.open_months(session, cell.an, AFTER_MARCH_MEETING)
        march = await reports.open_report(session, cell.an, 2026, 3, AFTER_MARCH_MEETING)
        shorter = reports.report_deadline(
            session, cell.an, 2026, 3, AFTER_MARCH_MEETING, grace=timedelta(hours=1)
        )
        with pytest.raises(DomainError):
            await shorter
    assert months == [(2026, 4), (2026, 3)]
    # 5 March 14:00 in Hà Nội is 07:00 UTC; three days of grace.
    assert march.editable_until == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)


async def test_every_step_is_kept_as_a_draft_and_resumes(session_factory: Db, cell: Seeded) -> None:
    items = await _plan(session_factory, cell)
    async with session_factory() as session, session.begin():
        report = await reports.open_report(session, cell.an, 2026, 4, NOW)
        await reports.set_item_status(session, cell.an, report.id, items[0], ItemStatus.DONE, NOW)
        await reports.set_item_note(
            session, cell.an, report.id, items[0], " Đã đọc <xong> & ghi chép ", NOW
        )
    async with session_factory() as session, session.begin():
        again = await reports.open_report(session, cell.an, 2026, 4, NOW)
    assert again.id == report.id and again.status is ReportStatus.DRAFT
    assert again.first_unanswered() == 1
    assert again.items[0].status is ItemStatus.DONE
    assert again.items[0].note == "Đã đọc <xong> & ghi chép"


async def test_submit_needs_every_item_then_stays_editable_inside_the_window(
    session_factory: Db, cell: Seeded
) -> None:
    items = await _plan(session_factory, cell)
    async with session_factory() as session, session.begin():
        report = await reports.open_report(session, cell.an, 2026, 4, NOW)
        await reports.set_item_status(session, cell.an, report.id, items[0], ItemStatus.DONE, NOW)
    async with session_factory() as session:
        with pytest.raises(DomainError) as missing:
            await reports.submit_report(session, cell.an, report.id, NOW)
    assert missing.value.msg_id == "error-report-items-missing"
    assert missing.value.args_["count"] == 1
    async with session_factory() as session, session.begin():
        await reports.set_item_status(
            session, cell.an, report.id, items[1], ItemStatus.IN_PROGRESS, NOW
        )
        sent = await reports.submit_report(session, cell.an, report.id, NOW)
    later = NOW + timedelta(days=5)
    async with session_factory() as session, session.begin():
        edited = await reports.set_difficulties(
            session, cell.an, report.id, "Thiếu máy quét", later
        )
    assert sent.status is ReportStatus.SUBMITTED and sent.submitted_at == NOW
    assert edited.status is ReportStatus.SUBMITTED and edited.submitted_at == NOW
    assert edited.difficulties == "Thiếu máy quét"
    after_window = datetime(2026, 4, 9, 0, 0, tzinfo=UTC)
    async with session_factory() as session:
        with pytest.raises(DomainError) as closed:
            await reports.set_proposals(session, cell.an, report.id, "Quá hạn", after_window)
    assert closed.value.msg_id == "error-report-closed"


async def test_a_free_report_without_a_plan(session_factory: Db, cell: Seeded) -> None:
    async with session_factory() as session, session.begin():
        report = await reports.open_report(session, cell.binh, 2026, 4, NOW)
        with pytest.raises(DomainError) as empty:
            await reports.submit_report(session, cell.binh, report.id, NOW)
        await reports.add_free_item(session, cell.binh, report.id, "Dọn vệ sinh khu phố", NOW)
        sent = await reports.submit_report(session, cell.binh, report.id, NOW)
    assert empty.value.msg_id == "error-report-empty"
    assert sent.items == () and [f.text for f in sent.free_items] == ["Dọn vệ sinh khu phố"]


async def test_a_member_cannot_read_or_change_another_members_report(
    session_factory: Db, cell: Seeded
) -> None:
    items = await _plan(session_factory, cell)
    async with session_factory() as session, session.begin():
        an_report = await reports.open_report(session, cell.an, 2026, 4, NOW)
        await reports.add_free_item(session, cell.an, an_report.id, "Việc riêng của An", NOW)
        binh_report = await reports.open_report(session, cell.binh, 2026, 4, NOW)
    free_id = (await _read(session_factory, cell)).free_items[0].id
    async with session_factory() as session:
        attempts = [
            reports.set_item_status(
                session, cell.binh, an_report.id, items[0], ItemStatus.DONE, NOW
            ),
            reports.set_difficulties(session, cell.binh, an_report.id, "Bình ghi đè", NOW),
            reports.submit_report(session, cell.binh, an_report.id, NOW),
            reports.delete_free_item(session, cell.binh, an_report.id, free_id, NOW),
            # Binh's own report, with An's plan item or An's free item: still refused.
            reports.set_item_status(
                session, cell.binh, binh_report.id, items[0], ItemStatus.DONE, NOW
            ),
            reports.delete_free_item(session, cell.binh, binh_report.id, free_id, NOW),
        ]
        for attempt in attempts:
            with pytest.raises(NotFound):
                await attempt
        assert await reports.read_report(session, cell.binh, 2026, 4) is not None
        assert (await reports.read_report(session, cell.binh, 2026, 4)).free_items == ()  # type: ignore[union-attr]
    unchanged = await _read(session_factory, cell)
    assert unchanged.difficulties == "" and unchanged.status is ReportStatus.DRAFT
    assert [line.status for line in unchanged.items] == [None, None]
    assert [f.text for f in unchanged.free_items] == ["Việc riêng của An"]


async def _read(db: Db, cell: Seeded) -> reports.Report:
    async with db() as session:
        report = await reports.read_report(session, cell.an, 2026, 4)
    assert report is not None
    return report
