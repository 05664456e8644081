"""The benchmarks at toy sizes, so that their code cannot rot. No timing is asserted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bench import aggregation, broadcast, step
from bench.generate import Province, populate
from bench.results import Target, Timing, percentile
from storage.db import create_session_factory
from storage.models import ItemProgress, Member, ProgressReport
from tests.storage.test_counters import counters_and_recount

TOY_STEPS = step.StepSizes(warmup=1, steps=3)


def test_percentile_is_nearest_rank() -> None:
    samples = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(samples, 0.5) == 3.0
    assert percentile(samples, 0.95) == 5.0
    assert Timing.of(samples).count == 5


def test_a_target_knows_which_side_is_good() -> None:
    assert Target("rate", 0.96, 0.95, at_least=True).met
    assert not Target("scan share", 0.02, 0.01, at_least=False).met


async def test_step_bare_click_and_report_step(engine: AsyncEngine) -> None:
    bare = await step.bare_click(TOY_STEPS)
    assert bare.count == TOY_STEPS.steps
    timings = await step.report_steps(engine, TOY_STEPS)
    assert set(timings) == {
        "state in memory",
        "state in SQL",
        step.PLAN_STEP,
        step.SECRETARY_STEP,
        step.FLOOR,
    }
    # A press writes: at least the member lookup, the update and the commit's statements.
    assert all(t.statements_per_step >= 2 for t in timings.values())
    assert all(t.timing.count == TOY_STEPS.steps for t in timings.values())


async def test_generated_province_and_its_summaries(engine: AsyncEngine) -> None:
    province = Province(members=60, cells=3, seed=1)
    generated = await populate(engine, province, show=False)
    db = create_session_factory(engine)
    async with db() as session:
        members = await session.scalar(select(func.count(Member.id)))
        reports = await session.scalar(select(func.count(ProgressReport.id)))
        progress = await session.scalar(select(func.count(ItemProgress.id)))
        counted, recounted = await counters_and_recount(session)
    assert counted == recounted
    assert members == 60
    assert 0 < (reports or 0) <= 60 * 12
    assert progress == generated.item_progress_rows
    sizes = aggregation.AggregationSizes(province, samples=3, scans=2, rollups=1)
    timings = await aggregation.measure(db, generated, sizes)
    assert (timings.cell_summary.count, timings.evidence.count, timings.scan.count) == (3, 3, 2)


async def test_the_same_seed_generates_the_same_province(
    sqlite_engine: AsyncEngine, tmp_path: Path
) -> None:
    first = await populate(sqlite_engine, Province(members=20, cells=2, seed=5), show=False)
    assert first.item_progress_rows > 0
    from bench.generate import Generator

    again = Generator(Province(members=20, cells=2, seed=5))
    again.chunk(1, 20)
    assert again.progress_id == first.item_progress_rows


async def test_a_toy_broadcast_with_a_kill_loses_nothing(
    sqlite_engine: AsyncEngine, tmp_path: Path
) -> None:
    sizes = replace(broadcast.QUICK, reminders=40, global_rate=100, share_429=0.1, lease_seconds=3)
    outcome = await broadcast.broadcast(sqlite_engine, sizes, tmp_path, kill_midway=True)
    assert outcome.sent == 40
    assert outcome.lost == 0
    # At-least-once: only the messages in flight at the kill may arrive twice.
    assert outcome.duplicated <= sizes.concurrency
