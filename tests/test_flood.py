"""The per-member flood limit."""

from __future__ import annotations

from bot.flood import FloodGuard, FloodVerdict
from tests.fakes import Clock


def test_one_notice_then_muted_then_free_again() -> None:
    clock = Clock()
    guard = FloodGuard(per_minute=3, mute_seconds=300, clock=clock)
    assert [guard.check("a") for _ in range(3)] == [FloodVerdict.OK] * 3
    assert guard.check("a") is FloodVerdict.NOTICE
    assert guard.check("a") is FloodVerdict.DROP
    assert guard.check("b") is FloodVerdict.OK  # others are not affected
    clock.now += 301
    assert guard.check("a") is FloodVerdict.OK


def test_the_window_slides() -> None:
    clock = Clock()
    guard = FloodGuard(per_minute=3, mute_seconds=300, clock=clock)
    for _ in range(10):
        assert guard.check("a") is FloodVerdict.OK
        clock.now += 21  # three messages a minute is fine, for ever
