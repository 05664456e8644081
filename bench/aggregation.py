"""Benchmark 3: summaries at province scale against one sequential scan of item_progress.

The province comes from ``bench.generate`` (same seed, same data on both backends). The
baseline, timed in the same run on the same database, is one plain full scan:
``SELECT count(*), sum(length(note)) FROM item_progress``.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.databases import BACKENDS, fresh_database
from bench.generate import Generated, Province, populate
from bench.results import Result, Target, Timing, ms, ratio, timed
from storage.aggregation import cell_month_summary, committee_month_rollup, member_year_evidence
from storage.db import create_session_factory

SCAN = "SELECT count(*), sum(length(note)) FROM item_progress"
MONTH = 6
CELL_SUMMARY_LIMIT = 0.01  # under 1/100 of a scan
ROLLUP_LIMIT = 1.0  # under one scan (issue 16)


@dataclass(frozen=True)
class AggregationSizes:
    province: Province
    samples: int  # cells and members drawn for the per-cell and per-member queries
    scans: int
    rollups: int


FULL = AggregationSizes(Province(members=100_000, cells=2_500), samples=100, scans=5, rollups=3)
QUICK = AggregationSizes(Province(members=10_000, cells=250), samples=50, scans=5, rollups=3)


@dataclass(frozen=True)
class AggregationTimings:
    scan: Timing
    cell_summary: Timing
    rollup: Timing
    evidence: Timing
    rows: int


async def measure(
    db: async_sessionmaker[AsyncSession], generated: Generated, sizes: AggregationSizes
) -> AggregationTimings:
    draw = random.Random(7)
    cells = iter(draw.choices(generated.cell_ids, k=sizes.samples + 2))
    members = iter(draw.choices(generated.member_ids, k=sizes.samples + 2))

    async def scan() -> None:
        async with db() as session:
            (await session.execute(text(SCAN))).one()

    async def one_cell() -> None:
        async with db() as session:
            await cell_month_summary(session, next(cells), generated.year, MONTH)

    async def rollup() -> None:
        async with db() as session:
            summary = await committee_month_rollup(
                session, generated.committee_id, generated.year, MONTH
            )
        assert len(summary.cells) == len(generated.cell_ids)

    async def evidence() -> None:
        async with db() as session:
            await member_year_evidence(session, next(members), generated.year)

    # One untimed call each: caches warm, statements compiled, the same for every query.
    for call in (scan, one_cell, rollup, evidence):
        await call()
    return AggregationTimings(
        scan=await timed(scan, sizes.scans),
        cell_summary=await timed(one_cell, sizes.samples),
        rollup=await timed(rollup, sizes.rollups),
        evidence=await timed(evidence, sizes.samples),
        rows=generated.item_progress_rows,
    )


async def generate_and_measure(
    engine: AsyncEngine, sizes: AggregationSizes
) -> tuple[AggregationTimings, float]:
    started = time.perf_counter()
    generated = await populate(engine, sizes.province)
    generation = time.perf_counter() - started
    return await measure(create_session_factory(engine), generated, sizes), generation


async def run(quick: bool, workdir: Path) -> Result:
    sizes = QUICK if quick else FULL
    province = sizes.province
    result = Result(
        title="3. Aggregation at province scale",
        setup=(
            f"`bench/generate.py` (seed {province.seed}): {province.members:,} members in "
            f"{province.cells:,} cells of one committee, 3–6 plan items each, monthly reports "
            f"for {province.report_share:.0%} of member-months of a year. Cell summary and "
            f"member evidence: p50/p95 over {sizes.samples} cells/members drawn at random; "
            f"committee roll-up over all cells for one month ({sizes.rollups} runs); scan: "
            f"`{SCAN}` ({sizes.scans} runs), p50 used as the unit."
        ),
        header=("backend", "query", "p50", "p95", "÷ scan (p50)"),
    )
    for backend in BACKENDS:
        async with fresh_database(backend, "aggregation", workdir) as engine:
            timings, generation = await generate_and_measure(engine, sizes)
        unit = timings.scan.p50
        result.notes.append(
            f"{backend}: {timings.rows:,} item_progress rows, generated and written in "
            f"{generation:.0f} s."
        )
        for label, timing in (
            ("sequential scan of item_progress", timings.scan),
            ("cell month summary", timings.cell_summary),
            ("committee roll-up, all cells", timings.rollup),
            ("member year evidence", timings.evidence),
        ):
            share = timing.p50 / unit
            result.add_row(backend, label, ms(timing.p50), ms(timing.p95), ratio(share))
            result.figures[f"{backend}: {label}"] = share
        result.targets += [
            Target(f"{backend}: cell summary p95 ÷ scan", timings.cell_summary.p95 / unit,
                   CELL_SUMMARY_LIMIT, False),
            Target(f"{backend}: roll-up p50 ÷ scan", timings.rollup.p50 / unit, ROLLUP_LIMIT,
                   False),
        ]  # fmt: skip
    return result
