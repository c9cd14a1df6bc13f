"""The running bot reloads faq/ on change; a broken edit keeps the last good knowledge base."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.config import parse_config
from bot.reload import LiveKnowledge, build_snapshot, watch_faq
from tests.conftest import write_faq
from tests.fakes import wait_until

ONE = "entries:\n  - id: one\n    questions: {de: [Wann ist Chor?]}\n    answer: {de: Montags.}\n"
TWO = ONE + "  - id: two\n    questions: {de: [Wann ist Theater?]}\n    answer: {de: Dienstags.}\n"


async def test_reload_on_change_and_keep_last_good(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    path = write_faq(tmp_path, "faq.yml", ONE)
    config = parse_config({"bot": {"faq_dir": str(tmp_path)}})
    snapshot, problems = build_snapshot(config)
    assert problems == []
    live = LiveKnowledge(snapshot)
    stop = asyncio.Event()
    watcher = asyncio.create_task(watch_faq(config, live, stop))
    await asyncio.sleep(0.3)  # let the watcher start

    path.write_text(TWO, encoding="utf-8")
    await wait_until(lambda: live.snapshot.knowledge.get("two") is not None)
    assert live.snapshot.matcher.match("wann ist theater").best.entry.id == "two"  # type: ignore[union-attr]

    good = live.snapshot
    path.write_text(TWO.replace("answer: {de: Dienstags.}", "answer: {de: [broken"), encoding="utf-8")
    await wait_until(lambda: "FAQ reload refused" in caplog.text)
    assert live.snapshot is good
    assert "faq.yml:" in caplog.text  # the problem is logged with file and line

    path.write_text(ONE, encoding="utf-8")
    await wait_until(lambda: live.snapshot.knowledge.get("two") is None)
    stop.set()
    await asyncio.wait_for(watcher, 5)


async def test_broken_sensitive_yml_is_refused_too(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_faq(tmp_path, "faq.yml", ONE)
    config = parse_config({"bot": {"faq_dir": str(tmp_path)}})
    live = LiveKnowledge(build_snapshot(config)[0])
    good = live.snapshot
    stop = asyncio.Event()
    watcher = asyncio.create_task(watch_faq(config, live, stop))
    await asyncio.sleep(0.3)
    write_faq(tmp_path, "sensitive.yml", "topics:\n  - id: x\n    terms: nope\n")
    await wait_until(lambda: "FAQ reload refused" in caplog.text)
    assert live.snapshot is good
    stop.set()
    await asyncio.wait_for(watcher, 5)


async def test_places_yml_is_watched_and_a_broken_one_refused(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_faq(tmp_path, "faq.yml", ONE)
    config = parse_config({"bot": {"faq_dir": str(tmp_path)}})
    live = LiveKnowledge(build_snapshot(config)[0])
    stop = asyncio.Event()
    watcher = asyncio.create_task(watch_faq(config, live, stop))
    await asyncio.sleep(0.3)
    assert live.snapshot.places.named_in("hat der Kiezladen offen") is None
    write_faq(tmp_path, "places.yml", "topics:\n  - id: nearby\n    terms: {de: [kiezladen]}\n")
    await wait_until(lambda: live.snapshot.places.named_in("hat der Kiezladen offen") == "nearby")
    good = live.snapshot
    write_faq(tmp_path, "places.yml", "topics:\n  - id: nearby\n    terms: nope\n")
    await wait_until(lambda: "FAQ reload refused" in caplog.text)
    assert live.snapshot is good
    stop.set()
    await asyncio.wait_for(watcher, 5)
