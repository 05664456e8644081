"""What a benchmark returns: figures, the ratios that matter, and whether each target holds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


def percentile(samples: Sequence[float], share: float) -> float:
    """The ``share`` (0…1) percentile by nearest rank; samples need not be sorted."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


@dataclass(frozen=True)
class Timing:
    """Seconds per operation over ``count`` runs."""

    count: int
    p50: float
    p95: float
    mean: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Timing:
        return cls(
            count=len(samples),
            p50=percentile(samples, 0.5),
            p95=percentile(samples, 0.95),
            mean=statistics.fmean(samples) if samples else float("nan"),
        )

    @property
    def per_second(self) -> float:
        return 1 / self.mean if self.mean else float("inf")


@dataclass(frozen=True)
class Target:
    """``value`` compared with ``limit``: at least (``>=``) or under (``<``)."""

    name: str
    value: float
    limit: float
    at_least: bool
    note: str = ""

    @property
    def met(self) -> bool:
        return self.value >= self.limit if self.at_least else self.value < self.limit

    @property
    def margin(self) -> float:
        """How far from the limit, as a factor (> 1 means met with room)."""
        if self.at_least:
            return self.value / self.limit if self.limit else float("inf")
        return self.limit / self.value if self.value else float("inf")


@dataclass
class Result:
    """One benchmark's outcome, rendered as a section of ``docs/benchmarks.md``."""

    title: str
    setup: str
    header: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)

    def add_row(self, *cells: str) -> None:
        assert len(cells) == len(self.header), (cells, self.header)
        self.rows.append(cells)


async def timed(
    call: Callable[[], Awaitable[Any]], times: int, then: Callable[[], Awaitable[Any]] | None = None
) -> Timing:
    """``call`` run ``times`` times, each run followed by ``then`` (not timed) when given."""
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - started)
        if then is not None:
            await then()
    return Timing.of(samples)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def ratio(value: float) -> str:
    return f"{value:.3f}"
