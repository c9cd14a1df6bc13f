"""Storage: what is kept, masked, and still there after a restart or a crash."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from bot.messages import Reply, ReplyKind
from bot.pipeline import Context, Pipeline
from bot.storage import MIGRATIONS, AsyncStorage, CaseCodes, Storage
from tests.conftest import TODAY
from tests.fakes import message

SECRET = "Ich habe Schulden, ruf mich an: 0176 12345678 oder anna@example.org"


def redirect(code: str = "KB-TEST", kind: ReplyKind = ReplyKind.REDIRECT, stored: str | None = None) -> Reply:
    return Reply("…", "de", kind, topic="money", case_code=code, stored_text=stored)


def test_schema_is_created_in_wal_mode(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "data" / "k.sqlite3")
    assert storage.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert storage.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert {"redirects", "unanswered", "daily_counts", "member_prefs"} <= set(storage.db.table_names())
    storage.close()
    # reopening does not migrate twice
    again = Storage(tmp_path / "data" / "k.sqlite3")
    assert again.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    again.close()


async def test_records_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    storage = AsyncStorage.open(path)
    storage.start()
    masked = "Ich habe Schulden, ruf mich an: [phone] oder [email]"
    await storage.record(message(SECRET, user="42"), redirect("KB-AAAA", stored=masked), TODAY)
    await storage.record(message("I want to die", user="43"), redirect("KB-BBBB", ReplyKind.CRISIS), TODAY)
    await storage.record(message("Wetter?"), Reply("…", "de", ReplyKind.FALLBACK, stored_text="Wetter?"), TODAY)
    await storage.record(message("Kita?"), Reply("…", "de", ReplyKind.ANSWER, faq_id="kita-places"), TODAY)
    await storage.record(
        message("/language en", user="42"), Reply("…", "en", ReplyKind.COMMAND, set_language="en"), TODAY
    )
    await storage.close()

    reopened = Storage(path)
    row = reopened.redirect("KB-AAAA")
    assert row is not None
    assert row["text"] == masked and row["topic"] == "money" and row["user_ref"] == "fake:42" and row["urgent"] == 0
    crisis = reopened.redirect("KB-BBBB")
    assert crisis is not None and crisis["urgent"] == 1
    stats = reopened.stats(days=3650)
    assert stats.top_entries == [("kita-places", 1)]
    assert stats.unanswered == [("Wetter?", 1)]
    assert dict(stats.redirects_by_topic) == {"money": 2}
    assert reopened.languages() == {"fake:42": "en"}
    assert reopened.case_codes() == {"KB-AAAA", "KB-BBBB"}
    reopened.close()


async def test_nothing_unmasked_is_stored_by_the_real_pipeline(tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "k.sqlite3"
    storage = AsyncStorage.open(path)
    for text in (SECRET, "Wetter in Hamburg, schreib an anna@example.org?", "Tel 0176 12345678 bitte"):
        msg = message(text)
        reply = pipeline.process(msg, Context(today=TODAY))
        await storage.record(msg, reply, TODAY)
    await storage.close()
    dump = "\n".join(sqlite3.connect(path).iterdump())
    for secret in ("0176", "12345678", "anna@example.org"):
        assert secret not in dump
    assert "[phone]" in dump and "[email]" in dump


async def test_every_answer_of_a_reply_with_several_is_counted(tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "k.sqlite3"
    storage = AsyncStorage.open(path)
    msg = message("wo seid ihr und wann habt ihr offen?")
    await storage.record(msg, pipeline.process(msg, Context(today=TODAY)), TODAY)
    await storage.close()
    reopened = Storage(path)
    assert sorted(reopened.stats(days=3650).top_entries) == [("address", 1), ("opening-hours", 1)]
    reopened.close()


def test_counters_add_up(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "k.sqlite3")
    key = (TODAY.isoformat(), "kita-places", "telegram", "answer")
    storage.add_counts(Counter({key: 2}))
    storage.add_counts(Counter({key: 3}))
    assert storage.stats(days=3650).top_entries == [("kita-places", 5)]
    storage.close()


def test_case_codes_are_unique_and_readable() -> None:
    codes = CaseCodes({"KB-0000"})
    issued = {codes() for _ in range(2000)}
    assert len(issued) == 2000 and "KB-0000" not in issued
    for code in issued:
        assert code.startswith("KB-") and len(code) == 7
        assert not set(code[3:]) & set("ILOU")


CRASHER = """
import asyncio, os, sys
sys.path.insert(0, {root!r})
from bot.messages import IncomingMessage, Reply, ReplyKind
from bot.storage import AsyncStorage
import datetime as dt

async def main():
    storage = AsyncStorage.open(__import__("pathlib").Path({path!r}))
    msg = IncomingMessage(platform="fake", chat_id="c", user_id="u", text="x")
    await storage.record(msg, Reply("…", "de", ReplyKind.REDIRECT, topic="money", case_code="KB-CRSH"), dt.date.today())
    print("confirmed", flush=True)
    os._exit(9)  # die without closing anything

asyncio.run(main())
"""


def test_confirmed_record_survives_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "k.sqlite3"
    root = str(Path(__file__).resolve().parent.parent)
    result = subprocess.run(
        [sys.executable, "-c", CRASHER.format(root=root, path=str(path))], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 9 and "confirmed" in result.stdout
    storage = Storage(path)
    assert storage.redirect("KB-CRSH") is not None
    storage.close()


async def test_writes_do_not_block_the_event_loop(tmp_path: Path) -> None:
    # A write held up on the writer thread (here on purpose, in real life a slow disk)
    # must leave the loop free. Counting ticks during 200 quick writes was a timing
    # test: on a fast machine they finished in 5 ticks.
    storage = AsyncStorage.open(tmp_path / "k.sqlite3")
    writing, release = threading.Event(), threading.Event()

    def slow_escalation(db: object) -> None:
        writing.set()
        release.wait(timeout=10)

    reply = Reply("…", "de", ReplyKind.FALLBACK, stored_text="q")
    record = asyncio.create_task(storage.record(message("q"), reply, TODAY, escalation=slow_escalation))
    for _ in range(5_000):  # the writer thread starts the write within seconds at most
        if writing.is_set():
            break
        await asyncio.sleep(0.001)
    assert writing.is_set()
    for _ in range(100):
        await asyncio.sleep(0)  # the loop runs on while the writer thread is busy
    assert not record.done()
    release.set()
    await record
    await storage.close()
    assert os.path.exists(tmp_path / "k.sqlite3")
