"""Flood control (token buckets per chat and overall) and seeded fault injection."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from emulator.config import Faults, RateLimits

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


class FloodControl:
    """Answers how long a sender must wait before one more message to ``chat_id``."""

    def __init__(self, limits: RateLimits, clock: Clock = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self._global: TokenBucket | None = None
        self._chats: dict[int, TokenBucket] = {}
        self._shape: tuple[float, ...] = ()

    def _check_shape(self) -> None:
        limits = self.limits
        shape = (
            limits.global_rate,
            limits.chat_rate,
            limits.chat_burst,
            limits.group_rate_per_minute,
            limits.group_burst,
        )
        if shape != self._shape:  # limits changed at run time: start afresh
            self._shape = shape
            self._global = None
            self._chats.clear()

    def _bucket(self, rate: float, capacity: float) -> TokenBucket:
        capacity = max(capacity, 1.0)
        return TokenBucket(rate, capacity, capacity, self.clock())

    def acquire(self, chat_id: int, is_group: bool) -> int:
        """Take a slot and return 0, or return the whole seconds to wait (nothing taken)."""
        self._check_shape()
        limits = self.limits
        if self._global is None:
            self._global = self._bucket(limits.global_rate, limits.global_rate)
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if is_group:
                rate, burst = limits.group_rate_per_minute / 60, float(limits.group_burst)
            else:
                rate, burst = limits.chat_rate, float(limits.chat_burst)
            bucket = self._chats[chat_id] = self._bucket(rate, burst)
        now = self.clock()
        wait = max(self._global.wait_needed(now), bucket.wait_needed(now))
        if wait > 0:
            return max(1, math.ceil(wait))
        self._global.take()
        bucket.take()
        return 0

    def reset(self) -> None:
        self._shape = ()
        self._global = None
        self._chats.clear()


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
