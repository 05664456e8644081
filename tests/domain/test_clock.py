"""The clocks that product code is given instead of reading the machine's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from domain.clock import FixedClock, RunningClock


def test_running_clock_starts_at_its_moment_and_runs_on() -> None:
    seconds = [100.0]
    start = datetime(2026, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=7)))
    clock = RunningClock(start, monotonic=lambda: seconds[0])
    assert clock.now() == start.astimezone(UTC)
    assert clock.now().tzinfo is UTC
    seconds[0] = 160.5
    # 60.5 s later the local year has turned.
    assert clock.now().astimezone(start.tzinfo) == datetime(
        2027, 1, 1, 0, 0, 0, 500000, tzinfo=start.tzinfo
    )


def test_running_clock_refuses_a_moment_without_zone() -> None:
    with pytest.raises(ValueError):
        RunningClock(datetime(2027, 1, 1))


def test_fixed_clock_moves_only_when_told() -> None:
    clock = FixedClock(datetime(2027, 3, 10, tzinfo=UTC))
    clock.advance(timedelta(hours=2))
    assert clock.now() == datetime(2027, 3, 10, 2, tzinfo=UTC)
