"""End to end through a fake channel: adapter → pipeline → storage → adapter."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.app import App
from bot.config import Config
from bot.messages import ReplyKind
from bot.reload import Snapshot
from bot.storage import Storage
from tests.conftest import TODAY
from tests.fakes import FakeAdapter, build_app, message, run_app, wait_until


async def started_app(
    config: Config, snapshot: Snapshot, adapter: FakeAdapter, now: dt.datetime | None = None
) -> tuple[App, asyncio.Event, asyncio.Task[None]]:
    app = build_app(config, snapshot, [adapter], TODAY, now=(lambda: now) if now else None)
    stop, task = run_app(app)
    while not adapter.started:
        await asyncio.sleep(0.01)
    return app, stop, task


async def test_conversation_through_a_fake_channel(config: Config, shipped_snapshot: Snapshot) -> None:
    adapter = FakeAdapter()
    _app, stop, task = await started_app(config, shipped_snapshot, adapter)

    await adapter.receive(message("Gibt es freie Kitaplätze?"))
    _, reply = await adapter.sent.get()
    assert reply.kind is ReplyKind.ANSWER and reply.faq_id == "kita-places"

    await adapter.receive(message("", payload="lang:en"))
    _, reply = await adapter.sent.get()
    assert reply.set_language == "en"
    # the choice sticks for this member, not for others
    await adapter.receive(message("Wann ist das Repair-Café?"))
    _, reply = await adapter.sent.get()
    assert reply.language == "en"
    await adapter.receive(message("Wann ist das Repair-Café?", user="someone-else"))
    _, reply = await adapter.sent.get()
    assert reply.language == "de"

    await adapter.receive(message("Ich habe Schulden, meine Nummer ist 0176 12345678"))
    incoming, reply = await adapter.sent.get()
    assert reply.kind is ReplyKind.REDIRECT and incoming.user_id == "u1"
    code = reply.case_code
    # the case is stored before the member sees the code
    assert code is not None
    stop.set()
    await task
    assert adapter.stopped

    storage = Storage(config.storage.path)
    row = storage.redirect(code)
    assert row is not None and "0176" not in row["text"] and "[phone]" in row["text"]
    assert dict(storage.stats(days=30).top_entries) == {"repair-cafe": 2, "kita-places": 1}
    storage.close()


async def test_a_follow_up_refers_to_this_members_last_answer(config: Config, shipped_snapshot: Snapshot) -> None:
    adapter = FakeAdapter()
    _app, stop, task = await started_app(config, shipped_snapshot, adapter)

    async def ask(text: str, user: str = "u1") -> tuple[ReplyKind, str | None]:
        await adapter.receive(message(text, user=user))
        _, reply = await adapter.sent.get()
        return reply.kind, reply.faq_id

    assert await ask("Wann ist das Repair-Café?") == (ReplyKind.ANSWER, "repair-cafe")
    assert await ask("ist das kostenlos?") == (ReplyKind.ANSWER, "repair-cafe")
    assert await ask("danke!") == (ReplyKind.SMALLTALK, None)  # the thread goes on
    assert await ask("ist das kostenlos?") == (ReplyKind.ANSWER, "repair-cafe")
    # "my answer doesn't say": noted for the admins, and the thread goes on
    assert await ask("muss ich mich anmelden?") == (ReplyKind.FALLBACK, None)
    assert await ask("und wann?") == (ReplyKind.ANSWER, "repair-cafe")
    # an answer from the entry linked to the topic keeps the thread on the topic
    assert await ask("Welche Kurse gibt es?") == (ReplyKind.ANSWER, "courses")
    assert await ask("was kostet das?") == (ReplyKind.ANSWER, "course-fees")
    assert await ask("muss ich mich anmelden?") == (ReplyKind.ANSWER, "courses")
    # another member asked nothing before
    assert (await ask("ist das kostenlos?", user="u2"))[0] is ReplyKind.FALLBACK
    # a sensitive topic ends the thread
    assert (await ask("Ich habe Schulden"))[0] is ReplyKind.REDIRECT
    assert (await ask("ist das kostenlos?"))[0] is ReplyKind.FALLBACK
    # so does /forgetme
    assert await ask("Wann ist das Repair-Café?") == (ReplyKind.ANSWER, "repair-cafe")
    await ask("/forgetme")
    assert (await ask("ist das kostenlos?"))[0] is ReplyKind.FALLBACK
    stop.set()
    await task
    storage = Storage(config.storage.path)
    assert ("muss ich mich anmelden? [repair-cafe]", 1) in storage.stats(days=30).unanswered


async def test_many_members_each_answered_once(config: Config, shipped_snapshot: Snapshot) -> None:
    adapter = FakeAdapter()
    _app, stop, task = await started_app(config, shipped_snapshot, adapter)
    questions = ["Wann habt ihr offen?", "Gibt es Deutschkurse?", "Ich habe Schulden", "Hallo", "xyzzy plugh"]
    await asyncio.gather(
        *(adapter.receive(message(questions[i % 5], user=f"u{i}", message_id=str(i))) for i in range(100))
    )
    replies = [adapter.sent.get_nowait() for _ in range(adapter.sent.qsize())]
    stop.set()
    await task
    assert sorted(int(m.message_id or 0) for m, _ in replies) == list(range(100))
    kinds = {m.text: r.kind for m, r in replies}
    assert kinds["Ich habe Schulden"] is ReplyKind.REDIRECT
    assert kinds["Hallo"] is ReplyKind.SMALLTALK


async def test_a_failing_send_does_not_stop_the_channel(
    config: Config, shipped_snapshot: Snapshot, caplog: pytest.LogCaptureFixture
) -> None:
    adapter = FakeAdapter()
    calls = 0
    real_send = adapter.send

    async def flaky_send(*args: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise ConnectionError("platform down")
        await real_send(*args)  # type: ignore[arg-type]

    adapter.send = flaky_send  # type: ignore[method-assign]
    _app, stop, task = await started_app(config, shipped_snapshot, adapter)
    await adapter.receive(message("Hallo"))
    await adapter.receive(message("Hallo"))
    stop.set()
    await task
    assert adapter.sent.qsize() == 1
    assert "could not send a reply on fake: ConnectionError" in caplog.text


class BrokenAdapter(FakeAdapter):
    async def start(self, on_message) -> None:  # type: ignore[no-untyped-def]
        raise ConnectionError("platform is down")


async def test_a_channel_that_cannot_start_does_not_block_the_others(
    config: Config, shipped_snapshot: Snapshot, caplog: pytest.LogCaptureFixture
) -> None:
    broken, working = BrokenAdapter("broken"), FakeAdapter()
    stop, task = run_app(build_app(config, shipped_snapshot, [broken, working], TODAY))
    await wait_until(lambda: working.started, timeout=1, interval=0.01)
    await working.receive(message("Hallo"))
    _, reply = await working.sent.get()
    assert reply.kind is ReplyKind.SMALLTALK
    assert "channel broken could not start (ConnectionError)" in caplog.text
    stop.set()
    await asyncio.wait_for(task, 5)


async def test_a_young_members_crisis_follow_up_names_the_line_for_children_first(
    config: Config, shipped_snapshot: Snapshot
) -> None:
    adapter = FakeAdapter()
    _app, stop, task = await started_app(
        config, shipped_snapshot, adapter, dt.datetime(2026, 11, 27, 22, 0, tzinfo=dt.UTC)
    )
    texts = []
    for text in ("ich bin 12 und will nicht mehr leben", "ich trau mich nicht da anzurufen"):
        await adapter.receive(message(text))
        _, reply = await adapter.sent.get()
        texts.append(reply.text)
    stop.set()
    await task
    # the age is only in the first message; the follow-up remembers it
    assert all(text.index("116 111") < text.index("0800 111 0 111") for text in texts)


async def test_a_restart_keeps_the_hour_after_a_crisis_reply(config: Config, shipped_snapshot: Snapshot) -> None:
    # An update or a crash right after a crisis reply: what the member writes next must
    # still join their case and reach staff, not get FAQ buttons.
    crisis_at = dt.datetime(2026, 11, 27, 22, 0, tzinfo=dt.UTC)

    async def one_run(minutes_later: int, text: str, user: str = "u1") -> tuple[ReplyKind, str | None]:
        adapter = FakeAdapter()
        _app, stop, task = await started_app(
            config, shipped_snapshot, adapter, crisis_at + dt.timedelta(minutes=minutes_later)
        )
        await adapter.receive(message(text, user=user))
        _, reply = await adapter.sent.get()
        stop.set()
        await task
        return reply.kind, reply.case_code

    kind, code = await one_run(0, "ich will nicht mehr leben")
    assert kind is ReplyKind.CRISIS and code is not None
    # Each run is a new App over the same SQLite file: nothing survives in memory.
    assert await one_run(20, "ich trau mich nicht da anzurufen") == (ReplyKind.CRISIS_FOLLOW_UP, code)
    assert (await one_run(25, "ich trau mich nicht da anzurufen", user="u2"))[0] is not ReplyKind.CRISIS_FOLLOW_UP
    assert (await one_run(61, "ich trau mich nicht da anzurufen"))[0] is not ReplyKind.CRISIS_FOLLOW_UP
    storage = Storage(config.storage.path)
    notes = [
        row["text"] for row in storage.db.query("SELECT text FROM ticket_notes WHERE code = ? ORDER BY id", [code])
    ]
    storage.close()
    # the crisis message and the one after the restart, both for staff
    assert notes == ["ich will nicht mehr leben", "ich trau mich nicht da anzurufen"]
