"""Business hours, the after-hours notice and re-announcing unclaimed tickets."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from bot.config import ConfigError, parse_config
from bot.hours import BusinessHours
from bot.messages import ReplyKind
from bot.reload import Snapshot
from tests.conftest import TODAY
from tests.fakes import FakeAdapter, build_app, message, wait_until

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)  # 23 = Monday … 29 = Sunday


def hours(**settings: object) -> BusinessHours:
    config = parse_config({"staff": {"hours": settings}})
    return BusinessHours(config.staff.hours, "Europe/Berlin")


def test_open_and_next_opening() -> None:
    week = hours(closed_dates=["2026-11-26"])
    assert week.is_open(at(27, 10)) and not week.is_open(at(27, 17, 30))
    assert not week.is_open(at(26, 10))  # closed date (a Thursday)
    assert week.next_opening(at(27, 18)) == at(30, 9)  # Friday evening → Monday morning
    assert week.next_opening(at(25, 8)) == at(25, 9)


def test_business_hours_between() -> None:
    week = hours()
    assert week.hours_between(at(27, 16), at(30, 10)) == pytest.approx(2.0)  # Fri 16-17 + Mon 9-10
    assert week.hours_between(at(28, 10), at(29, 20)) == 0.0  # the weekend does not count
    split = hours(mon="09:00-12:00, 13:00-17:00")
    assert split.hours_between(at(23, 11), at(23, 14)) == pytest.approx(2.0)


def test_bad_hours_are_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"staff.hours.mon"):
        parse_config({"staff": {"hours": {"mon": "17:00-09:00"}}})
    with pytest.raises(ConfigError, match=r"staff.hours.tue"):
        parse_config({"staff": {"hours": {"tue": "morgens"}}})


async def make_app(
    tmp_path: Path, snapshot: Snapshot, now: dt.datetime, staff_language: str = "de"
) -> tuple[App, FakeAdapter, asyncio.Event, asyncio.Task[None]]:
    config = parse_config(
        {
            "storage": {"path": str(tmp_path / "k.sqlite3")},
            "bot": {"watch_faq": False},
            "staff": {"discord_channel_id": 4242, "reannounce_after_hours": 2, "language": staff_language},
        }
    )
    clock = {"now": now}
    adapter = FakeAdapter("discord")
    app = build_app(config, snapshot, [adapter], TODAY, now=lambda: clock["now"])
    app.clock = clock  # type: ignore[attr-defined]
    stop = asyncio.Event()
    task = asyncio.create_task(app.run(stop))
    while not adapter.started:
        await asyncio.sleep(0.01)
    return app, adapter, stop, task


async def test_after_hours_the_member_is_told_when_staff_are_back(tmp_path: Path, shipped_snapshot: Snapshot) -> None:
    app, adapter, stop, task = await make_app(tmp_path, shipped_snapshot, at(27, 22))  # Friday night
    try:
        await adapter.receive(message("Ich möchte mit einem Menschen sprechen", platform="discord"))
        _, reply = await adapter.sent.get()
        assert "ab Montag, 30.11., 9:00 Uhr" in reply.text
        await adapter.receive(message("ich will nicht mehr leben", platform="discord"))
        _, crisis = await adapter.sent.get()
        assert crisis.kind is ReplyKind.CRISIS and "Montag" not in crisis.text
        app.clock["now"] = at(30, 10)  # type: ignore[attr-defined]
        await adapter.receive(message("Ich möchte mit einem Menschen sprechen", platform="discord", user="u2"))
        _, open_reply = await adapter.sent.get()
        assert "nicht im Haus" not in open_reply.text
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)


@pytest.mark.parametrize(("staff_language", "reminder"), [("de", "⏰ Noch offen:"), ("en", "⏰ Still open:")])
async def test_unclaimed_tickets_are_announced_again(
    tmp_path: Path, shipped_snapshot: Snapshot, staff_language: str, reminder: str
) -> None:
    app, adapter, stop, task = await make_app(tmp_path, shipped_snapshot, at(27, 10), staff_language)
    try:
        await adapter.receive(message("Ich möchte mit einem Menschen sprechen", platform="discord"))
        await adapter.sent.get()
        await wait_until(lambda: adapter.delivered, timeout=5)
        assert len(adapter.delivered) == 1
        app.clock["now"] = at(27, 11)  # type: ignore[attr-defined]
        assert await app.reannounce_due() == []  # one business hour: not yet
        app.clock["now"] = at(30, 10)  # Fri 10-17 is seven business hours
        (code,) = await app.reannounce_due()
        await wait_until(lambda: len(adapter.delivered) == 2, timeout=5)
        assert adapter.delivered[1].text.startswith(reminder) and code in adapter.delivered[1].text
        assert await app.reannounce_due() == []  # announced again just now
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
