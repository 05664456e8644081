"""Time, injected so that tests can run the calendar at any moment.

Product code asks a ``Clock`` for the moment and never reads the machine's clock itself;
``SystemClock`` is the only place that does. ``RunningClock`` starts at a chosen moment and
runs on at the machine's pace: ``CHIBO_CLOCK_START`` makes the real ``chibo run`` (bot,
scheduler and delivery alike) live at that moment, for tests and demonstrations only.

A clock also carries the deployment's time zone (``CHIBO_TIMEZONE``), and so does every
database session (``storage.db.zone``): whatever turns a moment into a local date or time
(meetings, deadlines, documents) takes one of the two, so the bot, the scheduler and the
CLI read one calendar. ``DEFAULT_TZ`` is the zone used when none is configured.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

DEFAULT_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Clock(Protocol):
    tz: ZoneInfo  # the deployment's time zone

    def now(self) -> datetime:
        """The current moment, timezone-aware, UTC."""
        ...


class SystemClock:
    def __init__(self, tz: ZoneInfo = DEFAULT_TZ) -> None:
        self.tz = tz

    def now(self) -> datetime:
        return datetime.now(UTC)


class RunningClock:
    """Starts at ``start`` and runs on: ``now()`` is ``start`` plus the time elapsed since."""

    def __init__(
        self,
        start: datetime,
        monotonic: Callable[[], float] = time.monotonic,
        *,
        tz: ZoneInfo = DEFAULT_TZ,
    ) -> None:
        if start.tzinfo is None or start.utcoffset() is None:
            raise ValueError("a running clock starts at a moment with a time zone")
        self.start = start.astimezone(UTC)
        self.tz = tz
        self._monotonic = monotonic
        self._origin = monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self._monotonic() - self._origin)


class FixedClock:
    """A clock that stays where it is set; tests move it with ``set`` and ``advance``."""

    def __init__(self, moment: datetime, *, tz: ZoneInfo = DEFAULT_TZ) -> None:
        self.moment = moment
        self.tz = tz

    def now(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        self.moment = moment

    def advance(self, delta: timedelta) -> None:
        self.moment += delta
