"""What the bot last answered each member: kept for a few minutes, for a bounded number of members."""

from __future__ import annotations

from bot.conversation import RecentPerMember
from tests.fakes import Clock


def test_an_answer_is_remembered_for_a_while_then_forgotten() -> None:
    clock = Clock(now=0.0)
    recent: RecentPerMember[str] = RecentPerMember(seconds=60, clock=clock)
    recent.remember("u1", "repair-cafe")
    clock.now = 59
    assert recent.get("u1") == "repair-cafe"
    assert recent.get("u2") is None
    clock.now = 61
    assert recent.get("u1") is None


def test_a_new_answer_replaces_the_old_and_forget_ends_the_thread() -> None:
    recent: RecentPerMember[str] = RecentPerMember(clock=Clock())
    recent.remember("u1", "repair-cafe")
    recent.remember("u1", "opening-hours")
    assert recent.get("u1") == "opening-hours"
    recent.forget("u1")
    recent.forget("never-seen")
    assert recent.get("u1") is None


def test_the_members_answered_longest_ago_make_room() -> None:
    recent: RecentPerMember[str] = RecentPerMember(capacity=2, clock=Clock())
    recent.remember("u1", "a")
    recent.remember("u2", "b")
    recent.remember("u1", "c")  # u1 is now the most recent
    recent.remember("u3", "d")
    assert (recent.get("u1"), recent.get("u2"), recent.get("u3")) == ("c", None, "d")


def test_a_value_restored_with_its_age_keeps_only_the_rest_of_its_time() -> None:
    clock = Clock(now=1000.0)
    recent: RecentPerMember[str] = RecentPerMember(seconds=60, clock=clock)
    recent.remember("u1", "KB-AB12", age=50)
    assert recent.get("u1") == "KB-AB12"
    clock.now = 1011
    assert recent.get("u1") is None
