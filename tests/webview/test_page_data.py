"""One load of the web view reads a fixed number of statements, and its grid agrees with
the SQL summaries of the chat."""

from __future__ import annotations

from collections import Counter
from typing import Any

from aiohttp.test_utils import TestClient
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from domain.demo import DemoSeedResult
from domain.reports import reporting_month
from domain.summaries import cell_year_series, committee_month_rollup
from domain.vocabulary import ReportStatus
from storage.grid import ABSENT, LATE, ON_TIME
from storage.models import AbsenceNotice, Meeting, Member, ProgressReport
from tests.storage.test_aggregation import add_reporting_members, counting
from tests.webview.conftest import COMMITTEE, MEMBER_1, NOW, SECRETARY_1, launch


async def load(
    client: TestClient[Any, Any], engine: AsyncEngine, who: int = SECRETARY_1
) -> tuple[int, dict[str, Any]]:
    with counting(engine) as statements:
        response = await client.get("/webview/api/view", headers={"X-Init-Data": launch(who)})
        assert response.status == 200
        body = await response.json()
    return statements.count, body


def month_counts(body: dict[str, Any]) -> dict[int, Counter[str]]:
    counts: dict[int, Counter[str]] = {}
    for member in body["members"]:
        for month, cell in member["months"].items():
            counts.setdefault(int(month), Counter())[cell["state"]] += 1
    return counts


async def test_one_load_is_at_most_ten_statements_whatever_the_cell_size(
    client: TestClient[Any, Any],
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    small, before = await load(client, engine)
    await add_reporting_members(
        session_factory, cell_id=1, count=40, year=NOW.year, months=range(1, 11)
    )
    large, after = await load(client, engine)
    assert len(after["members"]) == len(before["members"]) + 40
    assert small == large <= 10


async def test_the_grid_counts_are_the_year_series(
    client: TestClient[Any, Any], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, body = await load_plain(client)
    async with session_factory() as session:
        year, month = await reporting_month(session, 1, NOW)
        series = await cell_year_series(session, 1, year, through_month=month)
    assert (body["year"], body["month"]) == (year, month)
    counts = month_counts(body)
    assert [sum(counts[f.month].values()) for f in series] == [f.members_total for f in series]
    assert [counts[f.month][ON_TIME] for f in series] == [f.reported_on_time for f in series]
    assert [counts[f.month][ON_TIME] + counts[f.month][LATE] for f in series] == [
        f.reported for f in series
    ]
    assert sum(f.reported for f in series) > 0


async def test_a_notice_of_absence_without_a_report_shows_as_absent(
    client: TestClient[Any, Any], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session, session.begin():
        meeting = await session.scalar(
            select(Meeting).where(
                Meeting.cell_id == 1, Meeting.year == NOW.year, Meeting.month == 10
            )
        )
        assert meeting is not None and not meeting.cancelled
        member = await session.scalar(
            select(Member).where(Member.cell_id == 1).order_by(Member.id.desc()).limit(1)
        )
        assert member is not None
        # They report nothing for October and sent a notice of absence for its meeting.
        await session.execute(
            delete(ProgressReport).where(
                ProgressReport.member_id == member.id,
                ProgressReport.year == NOW.year,
                ProgressReport.month == 10,
            )
        )
        session.add(AbsenceNotice(meeting_id=meeting.id, member_id=member.id, reason="Ốm"))
    _, body = await load_plain(client)
    months = next(m["months"] for m in body["members"] if m["name"] == member.full_name)
    assert months["10"]["state"] == ABSENT
    assert months["10"]["done"] == 0
    assert list(month_counts(body)[10].elements()).count(ABSENT) == 1


async def load_plain(client: TestClient[Any, Any]) -> tuple[int, dict[str, Any]]:
    response = await client.get("/webview/api/view", headers={"X-Init-Data": launch(SECRETARY_1)})
    return response.status, await response.json()


async def test_the_committee_sees_each_cells_months_in_a_fixed_number_of_statements(
    client: TestClient[Any, Any],
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    demo: DemoSeedResult,
) -> None:
    small, body = await load(client, engine, COMMITTEE)
    assert body["kind"] == "committee" and body["month"] == NOW.month
    async with session_factory() as session:
        for month in (1, 6, NOW.month):
            rollup = await committee_month_rollup(session, demo.committee_id, NOW.year, month)
            for cell, figures in zip(body["cells"], rollup.cells, strict=True):
                assert cell["name"] == figures.cell_name
                point = cell["trend"][month - 1]
                assert point == {
                    "month": month,
                    "members": figures.members_total,
                    "reported": figures.reported,
                    "done": figures.items.done,
                    "planned": figures.items.planned,
                }
    assert all(len(cell["trend"]) == NOW.month for cell in body["cells"])
    assert any(point["reported"] for cell in body["cells"] for point in cell["trend"])
    await add_reporting_members(
        session_factory, cell_id=1, count=40, year=NOW.year, months=range(1, 11)
    )
    large, after = await load(client, engine, COMMITTEE)
    assert after["cells"][0]["trend"][9]["members"] == body["cells"][0]["trend"][9]["members"] + 40
    assert small == large <= 10


async def test_the_page_shows_the_month_the_chat_asks_reports_for(
    client: TestClient[Any, Any], session_factory: async_sessionmaker[AsyncSession]
) -> None:
    """Past the month's meeting, the cell reports for the next one: so does the page, and
    the reports already written for it are on the grid."""
    async with session_factory() as session, session.begin():
        meeting = await session.scalar(
            select(Meeting).where(
                Meeting.cell_id == 1, Meeting.year == NOW.year, Meeting.month == NOW.month
            )
        )
        assert meeting is not None and meeting.starts_at < NOW
        member = await session.scalar(
            select(Member).where(Member.cell_id == 1, Member.telegram_id == MEMBER_1)
        )
        assert member is not None
        year, month = await reporting_month(session, 1, NOW)
        assert (year, month) != (NOW.year, NOW.month)
        session.add(
            ProgressReport(
                member_id=member.id,
                cell_id=1,
                year=year,
                month=month,
                status=ReportStatus.SUBMITTED,
                submitted_at=NOW,
            )
        )
    _, body = await load_plain(client)
    assert (body["year"], body["month"]) == (year, month)
    row = next(m for m in body["members"] if m["name"] == member.full_name)
    assert row["months"][str(month)]["state"] in (ON_TIME, LATE)
