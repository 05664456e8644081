"""Flood control (token buckets per chat and overall) and seeded fault injection."""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from emulator.config import Faults, RateLimits
from emulator.stats import CallStats

Clock = Callable[[], float]


@dataclass
class TokenBucket:
    rate: float  # tokens per second; 0 means unlimited
    capacity: float
    tokens: float
    stamp: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait_needed(self, now: float) -> float:
        """Seconds until one token is free (0 when one is free now)."""
        if self.rate <= 0:
            return 0.0
        self.refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        if self.rate > 0:
            self.tokens -= 1


class RateBuckets:
    """Token buckets over all chats and one per chat, started afresh when the limits change."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.reset()

    def reset(self) -> None:
        self._shape: tuple[float, ...] = ()
        self._global: TokenBucket | None = None
        self._chats: dict[int | str, TokenBucket] = {}

    def _bucket(self, rate: float, capacity: float) -> TokenBucket:
        capacity = max(capacity, 1.0)
        return TokenBucket(rate, capacity, capacity, self.clock())

    def _take(
        self,
        shape: tuple[float, ...],
        global_rate: float,
        chat_id: int | str,
        chat_rate: float,
        chat_burst: float,
    ) -> float:
        """Take a slot and return 0, or return the seconds to wait (nothing taken).

        ``shape``: every limit now in force; a chat's bucket keeps the rate it started with.
        """
        if shape != self._shape:  # limits changed at run time: start afresh
            self.reset()
            self._shape = shape
        if self._global is None:
            self._global = self._bucket(global_rate, global_rate)
        bucket = self._chats.get(chat_id)
        if bucket is None:
            bucket = self._chats[chat_id] = self._bucket(chat_rate, chat_burst)
        now = self.clock()
        wait = max(self._global.wait_needed(now), bucket.wait_needed(now))
        if wait <= 0:
            self._global.take()
            bucket.take()
        return wait


class FloodControl(RateBuckets):
    """Answers how long a sender must wait before one more message to ``chat_id``."""

    def __init__(self, limits: RateLimits, clock: Clock = time.monotonic) -> None:
        self.limits = limits
        super().__init__(clock)

    def acquire(self, chat_id: int, is_group: bool) -> int:
        """Take a slot and return 0, or return the whole seconds to wait (nothing taken)."""
        limits = self.limits
        shape = (
            limits.global_rate,
            limits.chat_rate,
            limits.chat_burst,
            limits.group_rate_per_minute,
            limits.group_burst,
        )
        if is_group:
            rate, burst = limits.group_rate_per_minute / 60, float(limits.group_burst)
        else:
            rate, burst = limits.chat_rate, float(limits.chat_burst)
        wait = self._take(shape, limits.global_rate, chat_id, rate, burst)
        return max(1, math.ceil(wait)) if wait > 0 else 0


class FaultInjector:
    """Draws, for each call, whether it fails with 429 or 500 and whether it is slow."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self.reseed()

    def reseed(self) -> None:
        self.random = random.Random(self.faults.seed)

    def applies_to(self, method: str) -> bool:
        wanted = {m.lower() for m in self.faults.methods}
        if wanted:
            return method in wanted
        return method != "getupdates"

    async def inject(self, method: str, stats: CallStats) -> int | None:
        """Delay the call when drawn slow and count what is injected; the error to answer."""
        code, delay = self.draw(method)
        if delay:
            stats.slowed += 1
            await asyncio.sleep(delay)
        if code == 429:
            stats.injected_429 += 1
        elif code == 500:
            stats.injected_500 += 1
        return code

    def draw(self, method: str) -> tuple[int | None, float]:
        """(error code to answer or None, seconds to delay) for one call of ``method``."""
        faults = self.faults
        if not self.applies_to(method) or not (
            faults.share_429 or faults.share_500 or faults.share_slow
        ):
            return None, 0.0
        outcome = self.random.random()
        slow = self.random.random() < faults.share_slow
        delay = faults.slow_seconds if slow else 0.0
        if outcome < faults.share_429:
            return 429, delay
        if outcome < faults.share_429 + faults.share_500:
            return 500, delay
        return None, delay
