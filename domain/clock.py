"""Time, injected so that tests can run the calendar at any moment.

Product code asks a ``Clock`` for the moment and never reads the machine's clock itself;
``SystemClock`` is the only place that does. ``RunningClock`` starts at a chosen moment and
runs on at the machine's pace: ``CHIBO_CLOCK_START`` makes the real ``chibo run`` (bot,
scheduler and delivery alike) live at that moment, for tests and demonstrations only.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class RunningClock:
    """Starts at ``start`` and runs on: ``now()`` is ``start`` plus the time elapsed since."""

    def __init__(self, start: datetime, monotonic: Callable[[], float] = time.monotonic) -> None:
        if start.tzinfo is None or start.utcoffset() is None:
            raise ValueError("a running clock starts at a moment with a time zone")
        self.start = start.astimezone(UTC)
        self._monotonic = monotonic
        self._origin = monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self._monotonic() - self._origin)


class FixedClock:
    """A clock that stays where it is set; tests move it with ``set`` and ``advance``."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        self.moment = moment

    def advance(self, delta: timedelta) -> None:
        self.moment += delta
