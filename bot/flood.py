"""Per-member flood limit, the same on every platform.

A member who sends more than `per_minute` messages within a minute gets one polite
notice and is then ignored (with a log line, not a reply) until `mute_seconds` have
passed. A sliding window of timestamps per member is all it takes; the `limits`
package's in-memory storage would add a timer thread for the same job.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import StrEnum

WINDOW_SECONDS = 60.0
# Members idle longer than this are forgotten, so the table cannot grow without bound.
FORGET_AFTER_SECONDS = 3600.0


class FloodVerdict(StrEnum):
    OK = "ok"
    NOTICE = "notice"  # just crossed the limit: tell the member once
    DROP = "drop"  # still muted: ignore


class FloodGuard:
    def __init__(self, per_minute: int, mute_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._per_minute = per_minute
        self._mute_seconds = mute_seconds
        self._clock = clock
        self._recent: dict[str, deque[float]] = {}
        self._muted_until: dict[str, float] = {}
        self._last_sweep = clock()

    def check(self, member: str) -> FloodVerdict:
        now = self._clock()
        self._sweep(now)
        if self._muted_until.get(member, 0.0) > now:
            return FloodVerdict.DROP
        recent = self._recent.setdefault(member, deque())
        while recent and recent[0] <= now - WINDOW_SECONDS:
            recent.popleft()
        recent.append(now)
        if len(recent) > self._per_minute:
            self._muted_until[member] = now + self._mute_seconds
            recent.clear()
            return FloodVerdict.NOTICE
        return FloodVerdict.OK

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < FORGET_AFTER_SECONDS:
            return
        self._last_sweep = now
        self._recent = {k: v for k, v in self._recent.items() if v and v[-1] > now - FORGET_AFTER_SECONDS}
        self._muted_until = {k: t for k, t in self._muted_until.items() if t > now}
